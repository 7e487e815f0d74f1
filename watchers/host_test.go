package watchers

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// sameHost serves, from one host, feeds that hang until their timeout,
// one slow feed, and healthy feeds whose items a test adds.
type sameHost struct {
	*httptest.Server
	mu    sync.Mutex
	items map[string][]string // healthy feed path -> titles
	dates map[string]string   // title -> pubDate
}

func newSameHost(t *testing.T) *sameHost {
	h := &sameHost{items: map[string][]string{}, dates: map[string]string{}}
	done := make(chan struct{})
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/hang"):
			select {
			case <-r.Context().Done():
			case <-done:
			}
			return
		case r.URL.Path == "/slow":
			time.Sleep(500 * time.Millisecond)
		}
		var b strings.Builder
		b.WriteString(`<rss version="2.0"><channel><title>H</title>`)
		h.mu.Lock() // add writes both maps while feeds are polled
		for _, it := range h.items[r.URL.Path] {
			fmt.Fprintf(&b, `<item><title>%s</title><guid>%s</guid><pubDate>%s</pubDate></item>`, it, it, h.dates[it])
		}
		h.mu.Unlock()
		b.WriteString(`</channel></rss>`)
		w.Write([]byte(b.String()))
	}))
	t.Cleanup(func() { close(done); h.Close() })
	return h
}

func (h *sameHost) add(path, title string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.items[path] = append(h.items[path], title)
	h.dates[title] = time.Now().UTC().Format(http.TimeFormat)
}

// TestHangingFeedsDoNotStarveTheirHost runs eight feeds that hang until
// their 2 s timeout, retried every second, and a slow one beside two
// healthy feeds, all on one host with per_host 2: stories on the healthy
// feeds must be classified within the schedule and a little more, never
// after waiting behind the hangs.
func TestHangingFeedsDoNotStarveTheirHost(t *testing.T) {
	srv := newSameHost(t)
	var feeds []config.Feed
	for _, p := range []string{"/hang1", "/hang2", "/hang3", "/hang4", "/hang5", "/hang6", "/hang7", "/hang8", "/slow", "/ok1", "/ok2"} {
		feeds = append(feeds, config.Feed{Name: p[1:], URL: srv.URL + p, Schedule: "@every 1s"})
	}
	h := realClockHarness(t, config.Watch{PerHost: 2, Timeout: 2 * time.Second, MaxBackoff: time.Second}, feeds...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.w.Run(ctx) }()
	defer func() { cancel(); <-done }()

	// The first round cannot know which feeds hang: eight 2 s hangs in
	// two slots take 8 s. From then on they are known to fail.
	time.Sleep(9 * time.Second)
	var worst time.Duration
	for i := range 4 {
		title := fmt.Sprint("story-", i)
		path := []string{"/ok1", "/ok2"}[i%2]
		srv.add(path, title)
		start := time.Now()
		waitUntil(t, title+" on "+path+" to be classified", func() bool { return h.classifiedTitle(title) })
		worst = max(worst, time.Since(start))
	}
	// Schedule 1 s plus the slow feed's 0.5 s in the slot healthy feeds
	// always keep; behind the hangs it would be 8 s a round.
	if worst >= 3*time.Second {
		t.Errorf("a healthy story waited %s to be polled, as long as a hanging feed's timeout", worst)
	}
}

// waitUntil polls cond until it holds. The deadline only matters when
// something is broken: it is far beyond what a loaded machine needs.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (h *harness) classifiedTitle(title string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Contains(h.classed, title)
}

// TestStoryAfterAddedIsNotBacklog fails a feed's first polls, then lets a
// poll succeed: a story dated after the feed was added is news, one dated
// before is backlog.
func TestStoryAfterAddedIsNotBacklog(t *testing.T) {
	p := &publisher{status: http.StatusServiceUnavailable}
	h := newHarness(t, config.Watch{}, config.Feed{Name: "p", URL: servePublisher(t, p)})
	ctx := context.Background()
	added := h.now
	if err := h.w.Poll(ctx, "p"); err == nil {
		t.Fatal("the first poll should have failed")
	}
	p.set(func(p *publisher) {
		p.status = 0
		p.items = []string{"old", "new"}
		p.dates = map[string]string{
			"old": added.Add(-time.Hour).Format(http.TimeFormat),
			"new": added.Add(time.Hour).Format(http.TimeFormat),
		}
	})
	h.now = added.Add(2 * time.Hour)
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if len(h.classed) != 1 || h.classed[0] != "new" {
		t.Fatalf("classified %q, want only the story published after the feed was added", h.classed)
	}
}
