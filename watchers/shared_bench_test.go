package watchers

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/lease"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/store/pgtest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// sharedFeeds is the shape of BenchmarkSharedPolls: a large deployment's
// feed count, each instance polling as many at a time as the real feeds
// benchmark.
const sharedFeeds = 10000

// smallFeeds serves sharedFeeds distinct three-item feeds on loopback.
type smallFeeds struct {
	srv    *httptest.Server
	bytes  int64 // of one pass over every feed
	served atomic.Int64
}

func smallFeed(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<rss version="2.0"><channel><title>feed %d</title>`, i)
	for j := range 3 {
		fmt.Fprintf(&b, `<item><title>Story %d of feed %d about shipments</title><guid>%d-%d</guid><link>https://news.example/%d/%d</link><pubDate>Mon, 02 Mar 2026 10:0%d:00 GMT</pubDate><description>Customs officers inspected the cargo of a vessel in port %d.</description></item>`, j, i, i, j, i, j, j, i)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

func newSmallFeeds(b *testing.B) *smallFeeds {
	s := &smallFeeds{}
	for i := range sharedFeeds {
		s.bytes += int64(len(smallFeed(i)))
	}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		s.served.Add(1)
		io.WriteString(w, smallFeed(i))
	}))
	b.Cleanup(s.srv.Close)
	return s
}

func (s *smallFeeds) feeds() []config.Feed {
	out := make([]config.Feed, sharedFeeds)
	for i := range out {
		out[i] = config.Feed{Name: fmt.Sprintf("feed-%d", i), URL: fmt.Sprintf("%s/feed/%d", s.srv.URL, i)}
	}
	return out
}

// floor GETs every feed, inFlight at a time: the least a pass can cost.
func (s *smallFeeds) floor(b *testing.B, inFlight int) {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = inFlight
	defer t.CloseIdleConnections()
	c := &http.Client{Transport: t}
	next := make(chan int)
	var wg sync.WaitGroup
	for range inFlight {
		wg.Go(func() {
			for i := range next {
				resp, err := c.Get(fmt.Sprintf("%s/feed/%d", s.srv.URL, i))
				if err != nil {
					b.Error(err)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
	for i := range sharedFeeds {
		next <- i
	}
	close(next)
	wg.Wait()
}

// instances opens n watchers of every feed on one fresh state (a SQLite
// file, or a PostgreSQL database when pg is set), each with its own store
// handle and lease holder (none when leased is false), as n daemons
// sharing a state would run. now is their clock.
func (s *smallFeeds) instances(b *testing.B, n int, leased, pg bool, now func() time.Time) []*Watcher {
	path := filepath.Join(b.TempDir(), "state.db")
	open := func() (*store.Store, error) { return store.Open(context.Background(), path) }
	if pg {
		dsn := pgtest.DSN(b)
		open = func() (*store.Store, error) { return store.OpenPostgres(context.Background(), dsn) }
	}
	feeds := s.feeds()
	var ws []*Watcher
	for k := range n {
		st, err := open()
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		var leases Leaser
		if leased {
			leases = &lease.Holder{Store: st, Owner: fmt.Sprint("instance-", k)}
		}
		w, err := New(Options{Store: st, Watch: config.Watch{Concurrency: benchInFlight, PerHost: benchInFlight, AllowPrivate: true},
			Classify: func(config.Feed, story.Story) []story.Alert { return nil }, Now: now, Leases: leases})
		if err != nil {
			b.Fatal(err)
		}
		if err := w.SetFeeds(feeds); err != nil {
			b.Fatal(err)
		}
		ws = append(ws, w)
	}
	return ws
}

// tick fires every instance's schedule for every feed at once, each
// instance going through the feeds in its own order as jitter would, and
// waits for all polls to end.
func tick(b *testing.B, ws []*Watcher) {
	var wg sync.WaitGroup
	for _, w := range ws {
		names := w.names()
		rand.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
		for _, name := range names {
			wg.Go(func() {
				if err := w.pollIfDue(context.Background(), name); err != nil {
					b.Error(err)
				}
			})
		}
	}
	wg.Wait()
}

// BenchmarkSharedPolls polls 10,000 small feeds on loopback, every one
// due, by one instance or by three on one state (on SQLite three store
// handles on one file, the most SQLite allows in one process; on
// PostgreSQL too when SANCTIONWATCH_TEST_PG names a server), beside the
// floor of bare GETs 16 at a time. Each instance polls 16 at a time and
// takes each feed's lease. The instances first poll every feed once
// (untimed); each timed round then moves their clock past the schedule, so
// every feed is due, and fires every schedule: the steady state, in which
// a feed's body is the one last read. A feed is fetched once a round
// whatever the number of instances, which the benchmark checks.
func BenchmarkSharedPolls(b *testing.B) {
	s := newSmallFeeds(b)
	b.Run("baseline=GET", func(b *testing.B) {
		b.SetBytes(s.bytes)
		for b.Loop() {
			s.floor(b, benchInFlight)
		}
		b.ReportMetric(float64(sharedFeeds*b.N)/b.Elapsed().Seconds(), "polls/s")
	})
	type shape struct {
		n          int
		leased, pg bool
	}
	cases := []shape{{1, false, false}, {1, true, false}, {3, true, false}}
	if os.Getenv(pgtest.Env) != "" {
		// Several instances are what PostgreSQL is for: on it each lease
		// is a row lock, not the whole file's one writer.
		cases = append(cases, shape{1, true, true}, shape{3, true, true})
	}
	for _, v := range cases {
		name := fmt.Sprintf("instances=%d,leases=%v", v.n, v.leased)
		if v.pg {
			name += ",store=postgres"
		}
		b.Run(name, func(b *testing.B) {
			var clock atomic.Int64
			clock.Store(time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC).UnixNano())
			now := func() time.Time { return time.Unix(0, clock.Load()).UTC() }
			ws := s.instances(b, v.n, v.leased, v.pg, now)
			tick(b, ws)
			b.SetBytes(s.bytes)
			b.ResetTimer()
			for b.Loop() {
				clock.Add(int64(11 * time.Minute)) // past the default 10 min schedule
				before := s.served.Load()
				tick(b, ws)
				if got := s.served.Load() - before; got != sharedFeeds {
					b.Fatalf("%d fetches for %d feeds: a feed was polled twice or not at all", got, sharedFeeds)
				}
			}
			b.ReportMetric(float64(sharedFeeds*b.N)/b.Elapsed().Seconds(), "polls/s")
		})
	}
}
