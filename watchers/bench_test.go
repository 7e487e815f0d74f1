package watchers

import (
	"bytes"
	"context"
	"fmt"
	"io"
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

	"github.com/mmcdole/gofeed"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/internal/corpus"
	"github.com/sanctionwatch/sanctionwatch/lease"
	"github.com/sanctionwatch/sanctionwatch/store/storetest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Shape of BenchmarkPollRealFeeds: as many feeds as a large deployment,
// polled as many at a time as a generous concurrency setting.
const (
	benchFeeds    = 1000
	benchInFlight = 16
)

// Server behaviours, one per kind of poll measured.
const (
	serveSame     int32 = iota // the same body, no validators
	serveChanging              // the same items, the body different each time in what no poll reads
	serveRecalled              // the same items, the head different each time in what a poll reads
	serveETag                  // an ETag, and 304 to a request that sends it back
)

// realFeeds serves the shared corpus's real feeds on loopback, feed i
// getting corpus file i mod n, and polls them the way the floor of the
// work would: bare GETs, and GETs whose bodies gofeed parses.
type realFeeds struct {
	bodies [][]byte // by feed
	total  int64    // bytes of one pass over every feed
	srv    *httptest.Server
	mode   atomic.Int32
	served atomic.Int64
	client *http.Client
}

func newRealFeeds(b *testing.B) *realFeeds {
	dir := corpus.Path(b, "corpus/feeds")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		b.Fatalf("corpus feeds: %d files, %v", len(files), err)
	}
	r := &realFeeds{bodies: make([][]byte, benchFeeds)}
	for i := range r.bodies {
		if i < len(files) {
			if r.bodies[i], err = os.ReadFile(files[i]); err != nil {
				b.Fatal(err)
			}
		} else {
			r.bodies[i] = r.bodies[i%len(files)]
		}
		r.total += int64(len(r.bodies[i]))
	}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	b.Cleanup(r.srv.Close)
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = benchInFlight
	r.client = &http.Client{Transport: t}
	b.Cleanup(t.CloseIdleConnections)
	return r
}

func (r *realFeeds) serve(w http.ResponseWriter, req *http.Request) {
	id, err := strconv.Atoi(strings.TrimPrefix(req.URL.Path, "/feed/"))
	if err != nil || id < 0 || id >= len(r.bodies) {
		http.NotFound(w, req)
		return
	}
	n := r.served.Add(1)
	switch r.mode.Load() {
	case serveETag:
		if req.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
	case serveChanging:
		// Trailing white space of varying length: every byte of every item
		// stays, the body's hash does not.
		w.Write(r.bodies[id])
		w.Write(bytes.Repeat([]byte{'\n'}, int(n%7)+1))
		return
	case serveRecalled:
		w.Write(withHeadMark(r.bodies[id], n))
		return
	}
	w.Write(r.bodies[id])
}

// withHeadMark returns body with a mark numbered n at the start of its
// root: a processing instruction in XML, a member in JSON. The items and
// the tags around them stay; the head a poll reads does not.
func withHeadMark(body []byte, n int64) []byte {
	at, mark := 0, fmt.Sprintf(`"_poll":%d,`, n)
	if i := bytes.IndexByte(body, '{'); i >= 0 && len(bytes.TrimSpace(body[:i])) == 0 {
		at = i + 1
	} else {
		mark = fmt.Sprintf("<?poll %d?>", n)
		at = rootContent(body)
	}
	out := append([]byte{}, body[:at]...)
	return append(append(out, mark...), body[at:]...)
}

// rootContent returns where the content of a document's root element
// starts: past the first tag that is not a declaration or instruction.
func rootContent(body []byte) int {
	for i := 0; i+1 < len(body); i++ {
		j := bytes.IndexByte(body[i:], '<')
		if j < 0 || i+j+1 >= len(body) {
			break
		}
		i += j
		if c := body[i+1]; c != '?' && c != '!' {
			return i + bytes.IndexByte(body[i:], '>') + 1
		}
	}
	return 0
}

func (r *realFeeds) url(i int) string { return fmt.Sprintf("%s/feed/%d", r.srv.URL, i) }

func (r *realFeeds) feeds() []config.Feed {
	out := make([]config.Feed, len(r.bodies))
	for i := range out {
		out[i] = config.Feed{Name: fmt.Sprintf("feed-%d", i), URL: r.url(i)}
	}
	return out
}

// baseline GETs every feed, benchInFlight at a time, and with parse set
// parses each body with gofeed; it returns how long the pass took.
func (r *realFeeds) baseline(b *testing.B, parse bool) time.Duration {
	start := time.Now()
	next := make(chan int)
	var wg sync.WaitGroup
	for range benchInFlight {
		wg.Go(func() {
			for i := range next {
				r.get(b, i, parse)
			}
		})
	}
	for i := range r.bodies {
		next <- i
	}
	close(next)
	wg.Wait()
	return time.Since(start)
}

func (r *realFeeds) get(b *testing.B, i int, parse bool) {
	resp, err := r.client.Get(r.url(i))
	if err != nil {
		b.Error(err)
		return
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Errorf("GET %d: %s, %v", i, resp.Status, err)
		return
	}
	if parse {
		// One corpus feed holds stray Latin-1 bytes that gofeed alone
		// refuses; the work of trying is the floor all the same.
		gofeed.NewParser().Parse(bytes.NewReader(body))
	}
}

// watcher returns a watcher on a fresh store with every feed; with
// leased, each poll runs under its feed's lease, as the daemon's do.
func (r *realFeeds) watcher(b *testing.B, leased bool) *Watcher {
	st := storetest.Open(b)
	var leases Leaser
	if leased {
		leases = &lease.Holder{Store: st, Owner: "bench"}
	}
	w, err := New(Options{Store: st, Watch: config.Watch{Concurrency: benchInFlight, PerHost: benchInFlight, AllowPrivate: true},
		Classify: func(config.Feed, story.Story) []story.Alert { return nil },
		Now:      func() time.Time { return time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC) }, Leases: leases})
	if err != nil {
		b.Fatal(err)
	}
	if err := w.SetFeeds(r.feeds()); err != nil {
		b.Fatal(err)
	}
	return w
}

// pollAll polls every feed once and checks that each poll did what the
// sub-benchmark means to measure.
func pollAll(b *testing.B, w *Watcher, want func(Summary) bool) {
	sum, err := w.PollAll(context.Background())
	if err != nil || sum.Polled != benchFeeds || !want(sum) {
		b.Fatalf("PollAll = %+v, %v", sum, err)
	}
}

// BenchmarkPollRealFeeds polls 1,000 real feeds (the corpus's, about 56 KB
// each) from a loopback server, 16 at a time, through the real watcher and
// store, beside the floor of that work in the same run: bare GETs of the
// same bodies, and GETs whose bodies gofeed parses. Each poll
// sub-benchmark times its floor between its own iterations and reports
// the ratio (x_floor, 1 = as fast as the floor; x_floor_cpu the same in
// CPU time), so load on the machine moves both alike.
func BenchmarkPollRealFeeds(b *testing.B) {
	r := newRealFeeds(b)
	b.Run("baseline=GET", func(b *testing.B) { r.benchBaseline(b, false) })
	b.Run("baseline=GET+parse", func(b *testing.B) { r.benchBaseline(b, true) })
	for _, leased := range []bool{false, true} {
		suffix := ""
		if leased {
			// The same polls under their feeds' leases, as the daemon
			// runs them: the cost of sharing work, paid alone.
			suffix = ",leases=on"
		}
		r.benchPolls(b, suffix, leased)
	}
}

// benchPolls runs the poll sub-benchmarks, each name ending in suffix.
func (r *realFeeds) benchPolls(b *testing.B, suffix string, leased bool) {
	b.Run("poll=first"+suffix, func(b *testing.B) {
		r.mode.Store(serveSame)
		r.benchPoll(b, true, func(b *testing.B) *Watcher { return r.watcher(b, leased) },
			func(s Summary) bool { return s.NewStories > 0 })
	})
	b.Run("poll=identical-body"+suffix, func(b *testing.B) {
		r.mode.Store(serveSame)
		w := r.primed(b, leased)
		r.benchPoll(b, false, func(*testing.B) *Watcher { return w },
			func(s Summary) bool { return s.NewStories == 0 })
	})
	b.Run("poll=all-items-known"+suffix, func(b *testing.B) {
		r.mode.Store(serveChanging)
		w := r.primed(b, leased)
		r.benchPoll(b, false, func(*testing.B) *Watcher { return w },
			func(s Summary) bool { return s.NewStories == 0 && s.Unchanged == benchFeeds })
	})
	b.Run("poll=items-recalled"+suffix, func(b *testing.B) {
		r.mode.Store(serveRecalled)
		w := r.primed(b, leased)
		r.benchPoll(b, false, func(*testing.B) *Watcher { return w },
			func(s Summary) bool { return s.NewStories == 0 && s.Unchanged == 0 && s.NotModified == 0 })
	})
	b.Run("poll=304"+suffix, func(b *testing.B) {
		r.mode.Store(serveETag)
		w := r.primed(b, leased)
		r.benchPoll(b, false, func(*testing.B) *Watcher { return w },
			func(s Summary) bool { return s.NotModified == benchFeeds })
	})
}

func (r *realFeeds) benchBaseline(b *testing.B, parse bool) {
	r.mode.Store(serveSame)
	b.SetBytes(r.total)
	var took time.Duration
	for b.Loop() {
		took += r.baseline(b, parse)
	}
	b.ReportMetric(float64(benchFeeds*b.N)/took.Seconds(), "feeds/s")
}

// primed is a watcher whose feeds have all been polled once.
func (r *realFeeds) primed(b *testing.B, leased bool) *Watcher {
	w := r.watcher(b, leased)
	pollAll(b, w, func(Summary) bool { return true })
	return w
}

// benchPoll times polls of every feed by the watcher next returns (set up
// untimed), and between them, untimed, a pass of the floor: GET+parse
// when parse is set, else a bare GET. It reports the ratio of the floor's
// time to the poll's in wall time (x_floor) and in this process's CPU
// time (x_floor_cpu), which a busy machine disturbs less.
func (r *realFeeds) benchPoll(b *testing.B, parse bool, next func(*testing.B) *Watcher, want func(Summary) bool) {
	b.SetBytes(r.total)
	var polled, floor, polledCPU, floorCPU time.Duration
	mode := r.mode.Load()
	for b.Loop() {
		b.StopTimer()
		r.mode.Store(serveSame)
		cpu := cpuTime()
		floor += r.baseline(b, parse)
		floorCPU += cpuTime() - cpu
		r.mode.Store(mode)
		w := next(b)
		b.StartTimer()
		start, cpu := time.Now(), cpuTime()
		pollAll(b, w, want)
		polled += time.Since(start)
		polledCPU += cpuTime() - cpu
	}
	b.ReportMetric(float64(benchFeeds*b.N)/polled.Seconds(), "feeds/s")
	b.ReportMetric(floor.Seconds()/polled.Seconds(), "x_floor")
	if polledCPU > 0 {
		b.ReportMetric(floorCPU.Seconds()/polledCPU.Seconds(), "x_floor_cpu")
	}
}
