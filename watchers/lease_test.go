package watchers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/lease"
)

// pathHits serves a one-item feed on every path and counts the requests
// per path, so many feeds share one loopback server.
type pathHits struct {
	mu   sync.Mutex
	hits map[string]int
}

func (p *pathHits) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.hits[r.URL.Path]++
	p.mu.Unlock()
	fmt.Fprintf(w, `<rss version="2.0"><channel><title>%[1]s</title><item><title>story %[1]s</title><guid>%[1]s</guid><pubDate>Mon, 02 Mar 2026 11:59:00 GMT</pubDate></item></channel></rss>`, r.URL.Path)
}

// instanceOn is a watcher of h's feeds on h's store that polls under
// leases held as owner, as a second daemon on the same state would.
func instanceOn(t *testing.T, h *harness, owner string, feeds []config.Feed) *Watcher {
	t.Helper()
	w, err := New(Options{Store: h.st, Watch: config.Watch{AllowPrivate: true, Backfill: time.Hour},
		Classify: h.classify, Now: func() time.Time { return h.now },
		Leases: &lease.Holder{Store: h.st, Owner: owner}})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.SetFeeds(feeds); err != nil {
		t.Fatal(err)
	}
	return w
}

// Three instances whose schedules fire for every feed at once fetch each
// feed once: the first to take a feed's lease polls it, and the others,
// reading the state it committed, find the feed not due.
func TestLeasedFeedPolledOncePerRound(t *testing.T) {
	srv := &pathHits{hits: map[string]int{}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	var feeds []config.Feed
	for i := range 40 {
		feeds = append(feeds, config.Feed{Name: fmt.Sprint("f", i), URL: fmt.Sprintf("%s/f%d", ts.URL, i)})
	}
	h := newHarness(t, config.Watch{})
	h.st.SetClock(func() time.Time { return h.now })
	var ws []*Watcher
	for _, owner := range []string{"a", "b", "c"} {
		ws = append(ws, instanceOn(t, h, owner, feeds))
	}
	for round := range 2 {
		var wg sync.WaitGroup
		for _, w := range ws {
			for _, f := range feeds {
				wg.Go(func() {
					if err := w.pollIfDue(context.Background(), f.Name); err != nil {
						t.Error(err)
					}
				})
			}
		}
		wg.Wait()
		for _, f := range feeds {
			if n := srv.hits["/"+f.Name]; n != round+1 {
				t.Fatalf("round %d: feed %s fetched %d times, want %d", round, f.Name, n, round+1)
			}
		}
		h.now = h.now.Add(11 * time.Minute) // past the default 10 min schedule
	}
	if n := h.outbox(t); n != len(feeds) {
		t.Errorf("outbox holds %d alerts, want one per feed's story (%d)", n, len(feeds))
	}
}

// A feed whose lease a dead instance holds waits until the lease expires,
// then the next tick of a live instance polls it.
func TestDeadInstanceFeedTakenOver(t *testing.T) {
	p := &publisher{items: []string{"a"}}
	h := newHarness(t, config.Watch{})
	h.st.SetClock(func() time.Time { return h.now })
	feeds := []config.Feed{{Name: "p", URL: servePublisher(t, p), Timeout: 20 * time.Second}}
	live := instanceOn(t, h, "live", feeds)
	ctx := context.Background()
	ttl := 20*time.Second + leaseMargin
	if ok, err := h.st.TakeLease(ctx, "feed:p", "dead", ttl); !ok || err != nil {
		t.Fatalf("dead instance's lease: ok=%v err=%v", ok, err)
	}
	_, err := live.pollNamed(ctx, "p", gateDue)
	if !errors.Is(err, errLeased) || p.count() != 0 {
		t.Fatalf("poll under another's lease: err=%v hits=%d, want errLeased and no fetch", err, p.count())
	}
	h.now = h.now.Add(ttl)
	if err := live.pollIfDue(ctx, "p"); err != nil || p.count() != 1 {
		t.Fatalf("poll after the lease expired: err=%v hits=%d, want one fetch", err, p.count())
	}
	if ls, err := h.st.Leases(ctx); err != nil || len(ls) != 1 || ls[0].Owner != "live" {
		t.Errorf("after the poll: leases %v (err %v), want the feed's kept by the live instance", ls, err)
	}
}
