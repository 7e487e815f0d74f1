package watchers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// publisher is a test feed server whose items and status can change
// between polls. It answers conditional requests with an ETag.
type publisher struct {
	mu      sync.Mutex
	items   []string // titles; guid = title
	dates   map[string]string
	undated bool // items carry no pubDate at all
	status  int
	hits    int
}

func (p *publisher) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hits++
	if p.status != 0 {
		w.WriteHeader(p.status)
		return
	}
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>P</title><link>https://p.example/</link>`)
	for _, it := range p.items {
		date := p.dates[it]
		if date == "" {
			date = "Mon, 02 Mar 2026 10:00:00 GMT"
		}
		if p.undated {
			fmt.Fprintf(&b, `<item><title>%s</title><guid>%s</guid><link>/%s</link></item>`, it, it, it)
			continue
		}
		fmt.Fprintf(&b, `<item><title>%s</title><guid>%s</guid><link>/%s</link><pubDate>%s</pubDate></item>`, it, it, it, date)
	}
	b.WriteString(`</channel></rss>`)
	etag := fmt.Sprintf(`"%d"`, len(b.String())+len(p.dates))
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Write([]byte(b.String()))
}

func (p *publisher) set(f func(p *publisher)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f(p)
}

// harness is a watcher on a real store with a recording Classify.
type harness struct {
	w       *Watcher
	st      *store.Store
	now     time.Time
	mu      sync.Mutex
	classed []string // titles passed to Classify
	texts   []string // their summaries
	health  []FeedHealthChange
}

func newHarness(t testing.TB, watch config.Watch, feeds ...config.Feed) *harness {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h := &harness{st: st, now: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)}
	watch.AllowPrivate = true // the test publishers are on loopback
	w, err := New(Options{Store: st, Watch: watch, Contact: "https://contact.example",
		Classify: h.classify, Now: func() time.Time { return h.now },
		OnHealth: func(c FeedHealthChange) { h.mu.Lock(); h.health = append(h.health, c); h.mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.SetFeeds(feeds); err != nil {
		t.Fatal(err)
	}
	h.w = w
	return h
}

func (h *harness) classify(f config.Feed, s story.Story) []story.Alert {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.classed = append(h.classed, s.Title)
	h.texts = append(h.texts, s.Summary)
	return []story.Alert{{Destination: "desk", Story: s, Severity: story.SeverityHigh}}
}

func (h *harness) outbox(t *testing.T) int {
	t.Helper()
	var n int
	if err := h.st.DB().QueryRow(`SELECT count(*) FROM outbox`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func servePublisher(t testing.TB, p *publisher) string {
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestFirstPollThenOneNewItem(t *testing.T) {
	p := &publisher{items: []string{"a", "b", "c"}}
	h := newHarness(t, config.Watch{}, config.Feed{Name: "p", URL: servePublisher(t, p)})
	ctx := context.Background()
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if len(h.classed) != 0 || h.outbox(t) != 0 {
		t.Fatalf("first poll alerted the backlog: %q", h.classed)
	}
	if err := h.w.Poll(ctx, "p"); err != nil { // unchanged: a 304
		t.Fatal(err)
	}
	p.set(func(p *publisher) { p.items = append([]string{"d"}, p.items...) })
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if len(h.classed) != 1 || h.classed[0] != "d" || h.outbox(t) != 1 {
		t.Fatalf("classified %q, outbox %d; want exactly d once", h.classed, h.outbox(t))
	}
	state, _, err := h.st.FeedState(ctx, "p")
	if err != nil || state.ItemsSeen != 4 || state.ETag == "" {
		t.Errorf("state = %+v, %v", state, err)
	}
}

func TestBackfillWindow(t *testing.T) {
	p := &publisher{items: []string{"old", "recent"}, dates: map[string]string{"recent": "Mon, 02 Mar 2026 11:30:00 GMT"}}
	h := newHarness(t, config.Watch{Backfill: time.Hour}, config.Feed{Name: "p", URL: servePublisher(t, p)})
	if err := h.w.Poll(context.Background(), "p"); err != nil {
		t.Fatal(err)
	}
	if len(h.classed) != 1 || h.classed[0] != "recent" {
		t.Errorf("classified %q, want only recent", h.classed)
	}
}

// TestBackfillLeavesUndatedBacklog checks that backfill alerts only what
// is dated within its window: an undated item on a feed's first poll could
// be years old, and a whole undated archive must not alert. Undated items
// that appear later are news.
func TestBackfillLeavesUndatedBacklog(t *testing.T) {
	p := &publisher{items: []string{"old 1", "old 2", "old 3"}, undated: true}
	h := newHarness(t, config.Watch{Backfill: time.Hour}, config.Feed{Name: "p", URL: servePublisher(t, p)})
	ctx := context.Background()
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if len(h.classed) != 0 {
		t.Fatalf("first poll with backfill 1h classified the undated backlog: %q", h.classed)
	}
	p.set(func(p *publisher) { p.items = append([]string{"new"}, p.items...) })
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if len(h.classed) != 1 || h.classed[0] != "new" {
		t.Errorf("second poll classified %q, want only new", h.classed)
	}
}

// TestURLChangeIsFirstPoll checks that pointing a feed at a new URL (a
// reload) records the new document's backlog without alerting, as on a
// feed's first poll, and alerts what appears there afterwards.
func TestURLChangeIsFirstPoll(t *testing.T) {
	a := &publisher{items: []string{"a1", "a2"}}
	b := &publisher{items: []string{"b1", "b2", "b3"}}
	h := newHarness(t, config.Watch{}, config.Feed{Name: "p", URL: servePublisher(t, a)})
	ctx := context.Background()
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if err := h.w.SetFeeds([]config.Feed{{Name: "p", URL: servePublisher(t, b)}}); err != nil {
		t.Fatal(err)
	}
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if len(h.classed) != 0 {
		t.Fatalf("after a URL change the new document's backlog was classified: %q", h.classed)
	}
	b.set(func(p *publisher) { p.items = append([]string{"b4"}, p.items...) })
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if len(h.classed) != 1 || h.classed[0] != "b4" {
		t.Errorf("classified %q, want only b4", h.classed)
	}
}

// TestReloadChangesContact checks that a reload changing the top-level
// contact changes the User-Agent of the next poll, as publishers are told
// how to reach us there.
func TestReloadChangesContact(t *testing.T) {
	var mu sync.Mutex
	var agent string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agent = r.Header.Get("User-Agent")
		mu.Unlock()
		w.Write([]byte(tinyFeed))
	}))
	t.Cleanup(srv.Close)
	feeds := []config.Feed{{Name: "p", URL: srv.URL}}
	h := newHarness(t, config.Watch{}, feeds...)
	plan, err := h.w.Prepare(h.w.settings().raw, "mailto:desk@example.org", feeds)
	if err != nil {
		t.Fatal(err)
	}
	h.w.Apply(plan)
	if err := h.w.Poll(context.Background(), "p"); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(agent, "mailto:desk@example.org") {
		t.Errorf("User-Agent after the reload = %q, want the new contact", agent)
	}
}

func TestKnownItemsNeverRealerted(t *testing.T) {
	p := &publisher{items: []string{"a"}}
	h := newHarness(t, config.Watch{}, config.Feed{Name: "p", URL: servePublisher(t, p)})
	ctx := context.Background()
	h.w.Poll(ctx, "p")
	p.set(func(p *publisher) { p.items = append(p.items, "b") })
	h.w.Poll(ctx, "p")
	// The publisher bumps b's date: same GUID, so the same story.
	p.set(func(p *publisher) { p.dates = map[string]string{"b": "Wed, 04 Mar 2026 10:00:00 GMT"} })
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if len(h.classed) != 1 || h.outbox(t) != 1 {
		t.Errorf("classified %q, outbox %d; want b once", h.classed, h.outbox(t))
	}
}

// A commit that fails (here: the outbox refuses writes) must leave nothing
// half-done: the next poll alerts the same stories, exactly once.
func TestCrashBetweenSeenAndQueued(t *testing.T) {
	p := &publisher{items: []string{"a"}}
	h := newHarness(t, config.Watch{}, config.Feed{Name: "p", URL: servePublisher(t, p)})
	ctx := context.Background()
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	p.set(func(p *publisher) { p.items = append(p.items, "b", "c") })
	db := h.st.DB()
	if _, err := db.Exec(`CREATE TRIGGER broken BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`); err != nil {
		t.Fatal(err)
	}
	if err := h.w.Poll(ctx, "p"); err == nil {
		t.Fatal("poll succeeded with a failing outbox")
	}
	if _, err := db.Exec(`DROP TRIGGER broken`); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := h.w.Poll(ctx, "p"); err != nil {
			t.Fatal(err)
		}
	}
	if n := h.outbox(t); n != 2 {
		t.Errorf("outbox has %d alerts, want b and c once each", n)
	}
	state, _, _ := h.st.FeedState(ctx, "p")
	if state.ConsecutiveFailures != 0 || state.ItemsSeen != 3 {
		t.Errorf("state after recovery = %+v", state)
	}
}

func TestFailingAndRecovery(t *testing.T) {
	p := &publisher{status: http.StatusInternalServerError}
	h := newHarness(t, config.Watch{FailureThreshold: 3, MaxBackoff: time.Hour},
		config.Feed{Name: "p", URL: servePublisher(t, p), Schedule: "@every 10m"})
	ctx := context.Background()
	wantNext := []time.Duration{10 * time.Minute, 20 * time.Minute, 40 * time.Minute, time.Hour}
	for i, want := range wantNext {
		if err := h.w.Poll(ctx, "p"); err == nil {
			t.Fatalf("poll %d succeeded against a 500", i)
		}
		state, _, _ := h.st.FeedState(ctx, "p")
		if got := state.NextPoll.Sub(h.now); got != want || state.ConsecutiveFailures != i+1 {
			t.Errorf("poll %d: next in %v (want %v), failures %d", i, got, want, state.ConsecutiveFailures)
		}
		if state.Failing != (i >= 2) {
			t.Errorf("poll %d: failing = %v", i, state.Failing)
		}
	}
	p.set(func(p *publisher) { p.status, p.items = 0, []string{"a"} })
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if len(h.health) != 2 || !h.health[0].Failing || h.health[0].Failures != 3 || h.health[1].Failing {
		t.Errorf("health changes = %+v, want failing once then recovered once", h.health)
	}
}

// TestRemovedFeedLeavesFailingGauge removes a failing feed: the gauge of
// failing feeds must count only the feeds still watched.
func TestRemovedFeedLeavesFailingGauge(t *testing.T) {
	bad := &publisher{status: http.StatusInternalServerError}
	good := &publisher{items: []string{"a"}}
	h := newHarness(t, config.Watch{FailureThreshold: 1},
		config.Feed{Name: "bad", URL: servePublisher(t, bad)}, config.Feed{Name: "good", URL: servePublisher(t, good)})
	m := NewMetrics(nil)
	h.w.opts.Metrics = m
	if err := h.w.Poll(context.Background(), "bad"); err == nil {
		t.Fatal("poll succeeded against a 500")
	}
	if got := testutil.ToFloat64(m.failing); got != 1 {
		t.Fatalf("failing feeds = %v after a failed poll, want 1", got)
	}
	if err := h.w.SetFeeds([]config.Feed{{Name: "good", URL: servePublisher(t, good)}}); err != nil {
		t.Fatal(err)
	}
	if got := testutil.ToFloat64(m.failing); got != 0 {
		t.Errorf("failing feeds = %v after the failing feed was removed, want 0", got)
	}
}

func TestRetryAfterDefersScheduledPoll(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "7200")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	h := newHarness(t, config.Watch{}, config.Feed{Name: "p", URL: srv.URL})
	ctx := context.Background()
	h.w.Poll(ctx, "p")
	state, _, _ := h.st.FeedState(ctx, "p")
	if !state.NextPoll.Equal(h.now.Add(2 * time.Hour)) {
		t.Errorf("next poll %v, want two hours on", state.NextPoll)
	}
	h.now = h.now.Add(time.Hour)
	sum, err := h.w.PollAll(ctx)
	if err != nil || sum.Skipped != 1 {
		t.Errorf("PollAll during Retry-After = %+v, %v; want skipped", sum, err)
	}
}

func TestPollAll(t *testing.T) {
	good := &publisher{items: []string{"a"}}
	bad := &publisher{status: http.StatusNotFound}
	h := newHarness(t, config.Watch{},
		config.Feed{Name: "good", URL: servePublisher(t, good)},
		config.Feed{Name: "bad", URL: servePublisher(t, bad)})
	sum, err := h.w.PollAll(context.Background())
	if err != nil || sum.Feeds != 2 || sum.Polled != 1 || sum.Failed != 1 || sum.NewStories != 1 {
		t.Errorf("PollAll = %+v, %v", sum, err)
	}
	only := newHarness(t, config.Watch{}, config.Feed{Name: "bad", URL: servePublisher(t, bad)})
	if _, err := only.w.PollAll(context.Background()); err == nil || !strings.Contains(err.Error(), "bad") {
		t.Errorf("PollAll with nothing pollable: err = %v", err)
	}
}

func TestSetFeedsValidates(t *testing.T) {
	h := newHarness(t, config.Watch{})
	tests := []struct {
		name  string
		feeds []config.Feed
		ok    bool
	}{
		{"descriptors and cron", []config.Feed{{Name: "a", URL: "http://a", Schedule: "@every 10m"},
			{Name: "b", URL: "http://b", Schedule: "@hourly"}, {Name: "c", URL: "http://c", Schedule: "*/5 * * * *"}}, true},
		{"bad spec", []config.Feed{{Name: "a", URL: "http://a", Schedule: "every ten minutes"}}, false},
		{"six fields", []config.Feed{{Name: "a", URL: "http://a", Schedule: "0 */5 * * * *"}}, false},
		{"duplicate", []config.Feed{{Name: "a", URL: "http://a"}, {Name: "a", URL: "http://b"}}, false},
		{"no url", []config.Feed{{Name: "a"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := h.w.SetFeeds(tt.feeds); (err == nil) != tt.ok {
				t.Errorf("SetFeeds err = %v, want ok=%v", err, tt.ok)
			}
		})
	}
	if len(h.w.names()) != 3 {
		t.Errorf("a failed SetFeeds changed the feeds: %q", h.w.names())
	}
	if err := h.w.Poll(context.Background(), "zzz"); err == nil {
		t.Error("Poll of an unknown feed succeeded")
	}
}

func TestRunStopsAndJoins(t *testing.T) {
	p := &publisher{items: []string{"a"}}
	h := newHarness(t, config.Watch{Jitter: -1}, config.Feed{Name: "p", URL: servePublisher(t, p), Schedule: "@every 1s"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.w.Run(ctx) }()
	// Wait for the scheduler to poll once, then stop it.
	waitUntil(t, "the first scheduled poll", func() bool {
		st, ok, err := h.st.FeedState(context.Background(), "p")
		if err != nil {
			t.Fatal(err)
		}
		return ok && !st.LastSuccess.IsZero()
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := h.w.Run(ctx); err != nil { // a finished watcher can run again and stops at once
		t.Fatal(err)
	}
}

func TestInFlightSkipped(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-release
		w.Write([]byte(tinyFeed))
	}))
	defer srv.Close()
	h := newHarness(t, config.Watch{}, config.Feed{Name: "p", URL: srv.URL})
	errc := make(chan error, 1)
	go func() { errc <- h.w.Poll(context.Background(), "p") }()
	<-started
	if err := h.w.Poll(context.Background(), "p"); !errors.Is(err, ErrInFlight) {
		t.Errorf("second poll err = %v, want ErrInFlight", err)
	}
	close(release)
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

func TestStillListedItemsSurvivePrune(t *testing.T) {
	p := &publisher{items: []string{"a", "b"}}
	h := newHarness(t, config.Watch{}, config.Feed{Name: "p", URL: servePublisher(t, p)})
	h.st.SetClock(func() time.Time { return h.now })
	ctx := context.Background()
	h.w.Poll(ctx, "p")
	p.set(func(p *publisher) { p.items = []string{"a"} }) // b drops off the feed
	for range 100 {                                       // mostly 304s
		h.now = h.now.Add(24 * time.Hour)
		if err := h.w.Poll(ctx, "p"); err != nil {
			t.Fatal(err)
		}
	}
	p.set(func(p *publisher) { p.items = []string{"a", "c"} })
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	n, err := h.st.Prune(ctx, 90*24*time.Hour)
	if err != nil || n != 1 {
		t.Fatalf("Prune = %d, %v; want only b forgotten", n, err)
	}
	p.set(func(p *publisher) { p.dates = map[string]string{"c": "Tue, 03 Mar 2026 10:00:00 GMT"} })
	if err := h.w.Poll(ctx, "p"); err != nil {
		t.Fatal(err)
	}
	if len(h.classed) != 1 || h.classed[0] != "c" {
		t.Errorf("classified %q, want c once", h.classed)
	}
}

func TestRetitledStoryRealertsOnlyWhenAsked(t *testing.T) {
	for _, realert := range []bool{false, true} {
		t.Run(fmt.Sprint("realert=", realert), func(t *testing.T) {
			var mu sync.Mutex
			title := "first title"
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				defer mu.Unlock()
				fmt.Fprintf(w, `<rss version="2.0"><channel><title>P</title><item><guid>g1</guid><title>%s</title>`+
					`<pubDate>Mon, 02 Mar 2026 11:00:00 GMT</pubDate></item></channel></rss>`, title)
			}))
			t.Cleanup(srv.Close)
			h := newHarness(t, config.Watch{Backfill: 1000 * time.Hour},
				config.Feed{Name: "p", URL: srv.URL, RealertOnTitleChange: realert})
			ctx := context.Background()
			h.w.Poll(ctx, "p")
			mu.Lock()
			title = "second title"
			mu.Unlock()
			h.w.Poll(ctx, "p")
			h.w.Poll(ctx, "p")
			want := 1
			if realert {
				want = 2
			}
			if n := h.outbox(t); n != want {
				t.Errorf("outbox holds %d alerts, want %d (classified %q)", n, want, h.classed)
			}
		})
	}
}

func TestRunPollsDueFeedsAtStart(t *testing.T) {
	p := &publisher{items: []string{"a"}}
	h := newHarness(t, config.Watch{Schedule: "@every 1h", Jitter: time.Millisecond},
		config.Feed{Name: "p", URL: servePublisher(t, p)})
	h.now = time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.w.Run(ctx) }()
	// On its 1h schedule the feed is polled at start or not for an hour.
	waitUntil(t, "a never-polled feed to be polled at start", func() bool { return p.count() > 0 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// realClockHarness is a harness whose watcher runs on the real clock, for
// tests of the scheduler itself.
func realClockHarness(t *testing.T, watch config.Watch, feeds ...config.Feed) *harness {
	h := newHarness(t, watch, feeds...)
	h.w.opts.Now, h.w.settings().fetch.now = time.Now, time.Now
	return h
}

func (p *publisher) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits
}

// TestReloadStormKeepsPolling reloads the feed list every 300 ms for
// several intervals of a 2 s schedule: unchanged feeds must keep being
// polled on time, and a feed added by a reload is polled at once, not an
// interval later.
func TestReloadStormKeepsPolling(t *testing.T) {
	pubs := map[string]*publisher{}
	var feeds []config.Feed
	for _, name := range []string{"a", "b", "c"} {
		pubs[name] = &publisher{items: []string{name}}
		feeds = append(feeds, config.Feed{Name: name, URL: servePublisher(t, pubs[name]), Schedule: "@every 2s"})
	}
	h := realClockHarness(t, config.Watch{}, feeds...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.w.Run(ctx) }()

	// Reload until every feed has been polled three times: at start and
	// at two ticks. A reload that moved the schedules would push every
	// tick back by an interval and the storm would never end; the
	// deadline says so.
	polled := func() bool {
		for _, p := range pubs {
			if p.count() < 3 {
				return false
			}
		}
		return true
	}
	deadline := time.Now().Add(time.Minute)
	for i := 0; !polled(); i++ {
		if time.Now().After(deadline) {
			t.Fatalf("feeds polled %d, %d and %d times in a minute of reloads on a 2s schedule, want 3 each",
				pubs["a"].count(), pubs["b"].count(), pubs["c"].count())
		}
		// The storm's pace, not a wait for an event.
		time.Sleep(300 * time.Millisecond)
		feeds[0].Tags = []string{fmt.Sprint("edit-", i)} // a change that moves no schedule
		if err := h.w.SetFeeds(feeds); err != nil {
			t.Fatal(err)
		}
	}
	// A feed added by a reload is polled at once: on its 1h schedule it
	// would otherwise wait an hour, far beyond the wait's deadline.
	late := &publisher{items: []string{"late"}}
	added := append(feeds, config.Feed{Name: "late", URL: servePublisher(t, late), Schedule: "@every 1h"})
	if err := h.w.SetFeeds(added); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "a feed added by reload on a 1h schedule to be polled at once", func() bool { return late.count() > 0 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
