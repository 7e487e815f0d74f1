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

// sameHost serves, from one host, feeds that fail fast or hang, and
// healthy feeds whose items a test adds. It records how many hanging
// requests it holds at once.
type sameHost struct {
	*httptest.Server
	mu       sync.Mutex
	items    map[string][]string // healthy feed path -> titles
	dates    map[string]string   // title -> pubDate
	hang     bool                // /hang* hang until the end instead of failing fast
	failed   map[string]bool     // /hang* paths that have failed fast
	held     int                 // hanging requests in flight
	peakHeld int
}

func newSameHost(t *testing.T) *sameHost {
	h := &sameHost{items: map[string][]string{}, dates: map[string]string{}, failed: map[string]bool{}}
	done := make(chan struct{})
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/hang") {
			h.serveHang(w, r, done)
			return
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

func (h *sameHost) serveHang(w http.ResponseWriter, r *http.Request, done chan struct{}) {
	h.mu.Lock()
	if !h.hang {
		h.failed[r.URL.Path] = true
		h.mu.Unlock()
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	h.held++
	h.peakHeld = max(h.peakHeld, h.held)
	h.mu.Unlock()
	select {
	case <-r.Context().Done():
	case <-done:
	}
	h.mu.Lock()
	h.held--
	h.mu.Unlock()
}

func (h *sameHost) add(path, title string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.items[path] = append(h.items[path], title)
	h.dates[title] = time.Now().UTC().Format(http.TimeFormat)
}

func (h *sameHost) state() (failed, held, peak int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.failed), h.held, h.peakHeld
}

// TestHangingFeedsDoNotStarveTheirHost runs eight feeds that fail, and so
// are known to be failing, and then hang for longer than the test, beside
// two healthy feeds on the same host with per_host 2. The hanging feeds
// may hold only one of the host's two slots, so stories on the healthy
// feeds keep being polled while the hangs last; were the hangs to take
// both slots, no healthy story would ever be classified.
func TestHangingFeedsDoNotStarveTheirHost(t *testing.T) {
	srv := newSameHost(t)
	var feeds []config.Feed
	hangs := []string{"/hang1", "/hang2", "/hang3", "/hang4", "/hang5", "/hang6", "/hang7", "/hang8"}
	for _, p := range append(hangs, "/ok1", "/ok2") {
		feeds = append(feeds, config.Feed{Name: p[1:], URL: srv.URL + p, Schedule: "@every 1s"})
	}
	h := realClockHarness(t, config.Watch{PerHost: 2, Timeout: 10 * time.Minute, MaxBackoff: time.Second}, feeds...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.w.Run(ctx) }()
	defer func() { cancel(); <-done }()

	waitUntil(t, "every hanging feed to fail once", func() bool { failed, _, _ := srv.state(); return failed == len(hangs) })
	srv.mu.Lock()
	srv.hang = true
	srv.mu.Unlock()
	waitUntil(t, "a hanging request to be held", func() bool { _, held, _ := srv.state(); return held > 0 })
	for i := range 4 {
		title := fmt.Sprint("story-", i)
		path := []string{"/ok1", "/ok2"}[i%2]
		srv.add(path, title)
		waitUntil(t, title+" on "+path+" to be classified", func() bool { return h.classifiedTitle(title) })
	}
	if _, held, peak := srv.state(); held == 0 || peak > 1 {
		t.Errorf("hanging requests held now %d, at most %d at once; want some held and never more than per_host-1 = 1", held, peak)
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
