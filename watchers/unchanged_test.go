package watchers

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// bareServer sends whatever body it holds, with no validators, as many
// publishers do.
type bareServer struct {
	mu   sync.Mutex
	body string
}

func (s *bareServer) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Write([]byte(s.body))
}

const ttlFeed = `<rss version="2.0"><channel><title>T</title><link>https://t.example/</link><ttl>90</ttl>` +
	`<item><title>Old news</title><guid>old</guid><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate></item>`

// A 200 that repeats the last body is not read again, keeps the
// document's ttl, and leaves ListedSince where the last read put it; a
// body that then changes is read and its new story alerted.
func TestIdenticalBodyIsNotReadAgain(t *testing.T) {
	srv := &bareServer{body: ttlFeed + `</channel></rss>`}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	h := newHarness(t, config.Watch{}, config.Feed{Name: "t", URL: hs.URL})
	ctx := context.Background()
	sum, err := h.w.PollAll(ctx)
	if err != nil || sum.Unchanged != 0 || sum.NewStories != 1 {
		t.Fatalf("first poll: %+v, %v", sum, err)
	}
	first, _, _ := h.st.FeedState(ctx, "t")
	h.now = h.now.Add(time.Hour)
	if sum, err = h.w.PollAll(ctx); err != nil || sum.Unchanged != 1 || sum.NotModified != 0 {
		t.Fatalf("same body: %+v, %v; want it recognised unchanged", sum, err)
	}
	st, _, _ := h.st.FeedState(ctx, "t")
	if st.MinInterval != 90*time.Minute || !st.ListedSince.Equal(first.ListedSince) || !st.LastSuccess.Equal(h.now) {
		t.Errorf("after the same body: min interval %v, listed since %v (was %v), last success %v",
			st.MinInterval, st.ListedSince, first.ListedSince, st.LastSuccess)
	}
	srv.mu.Lock()
	srv.body = ttlFeed + `<item><title>Fresh news</title><guid>fresh</guid><pubDate>Mon, 02 Mar 2026 12:30:00 GMT</pubDate></item></channel></rss>`
	srv.mu.Unlock()
	if sum, err = h.w.PollAll(ctx); err != nil || sum.Unchanged != 0 || sum.NewStories != 1 {
		t.Fatalf("changed body: %+v, %v", sum, err)
	}
	if !h.classifiedTitle("Fresh news") || h.classifiedTitle("Old news") {
		t.Errorf("classified %q, want only the fresh story", h.classed)
	}
}

// A 200 whose bytes changed but that reads the same (only the feed's own
// date moved) is not read again, and its bytes' digest is kept, so that
// the next poll that gets them again matches them on bytes alone.
func TestSameReadingKeepsNewBytes(t *testing.T) {
	dated := func(hour int) string {
		return fmt.Sprintf(`<rss version="2.0"><channel><title>T</title><lastBuildDate>Mon, 02 Mar 2026 %02d:00:00 GMT</lastBuildDate>`+
			`<item><title>Old news</title><guid>old</guid></item></channel></rss>`, hour)
	}
	srv := &bareServer{body: dated(9)}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	h := newHarness(t, config.Watch{}, config.Feed{Name: "t", URL: hs.URL})
	ctx := context.Background()
	if sum, err := h.w.PollAll(ctx); err != nil || sum.NewStories != 1 {
		t.Fatalf("first poll: %+v, %v", sum, err)
	}
	srv.mu.Lock()
	srv.body = dated(10)
	srv.mu.Unlock()
	if sum, err := h.w.PollAll(ctx); err != nil || sum.Unchanged != 1 || sum.NewStories != 0 {
		t.Fatalf("new date only: %+v, %v; want it read as unchanged", sum, err)
	}
	st, _, _ := h.st.FeedState(ctx, "t")
	got, _ := parseDigest(st.BodyDigest)
	if want := digestOf(Response{URL: hs.URL, Body: []byte(dated(10))}); !got.sameBytes(want) {
		t.Errorf("digest after a new date %q, want the new bytes' %+v", st.BodyDigest, want)
	}
}

// A 304 keeps the ttl of the document it confirms.
func TestNotModifiedKeepsTTL(t *testing.T) {
	p := &publisher{items: []string{"a"}}
	h := newHarness(t, config.Watch{}, config.Feed{Name: "p", URL: servePublisher(t, p)})
	ctx := context.Background()
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.st.DB().Exec(`UPDATE feeds SET body_ttl_seconds = 5400`); err != nil {
		t.Fatal(err)
	}
	sum, err := h.w.PollAll(ctx)
	if err != nil || sum.NotModified != 1 {
		t.Fatalf("second poll: %+v, %v; want a 304", sum, err)
	}
	if st, _, _ := h.st.FeedState(ctx, "p"); st.MinInterval != 90*time.Minute {
		t.Errorf("min interval after a 304 = %v, want the document's ttl of 90m", st.MinInterval)
	}
}
