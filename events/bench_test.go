package events

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

// synth makes reports with the shape of real alerts: two dozen words drawn
// from a vocabulary with a long tail, a few countries, a listed party now
// and then, a number or two and weapon terms, spread over a window.
type synth struct {
	rng   *rand.Rand
	vocab []string
	zipf  *rand.Zipf
}

func newSynth(seed uint64) *synth {
	s := &synth{rng: rand.New(rand.NewPCG(seed, 1))}
	for i := range 20000 {
		s.vocab = append(s.vocab, fmt.Sprintf("%s%d", []string{"sanct", "missi", "tank", "arms", "ship", "firm"}[i%6], i))
	}
	s.zipf = rand.NewZipf(s.rng, 1.1, 8, uint64(len(s.vocab)-1))
	return s
}

func (s *synth) report(i int, at time.Time) Report {
	keys := map[string]float32{}
	for range 24 {
		keys[prefixWord+s.vocab[s.zipf.Uint64()]] = summaryBoost
	}
	for range 2 {
		keys[fmt.Sprintf("%scountry%d", prefixCountry, s.rng.IntN(30))] = titleBoost
	}
	if s.rng.IntN(4) == 0 {
		keys[fmt.Sprintf("%sparty%d", prefixEntity, s.rng.IntN(5000))] = titleBoost
	}
	for range 1 + s.rng.IntN(2) {
		keys[fmt.Sprintf("%s%d", prefixNumber, 2+s.rng.IntN(1000))] = summaryBoost
	}
	for range s.rng.IntN(3) {
		keys[fmt.Sprintf("%sweapon%d", prefixWeapon, s.rng.IntN(100))] = summaryBoost
	}
	return Report{Feed: fmt.Sprintf("feed%d", i%40), Key: fmt.Sprint(i), Published: at, Features: Features{Lang: "en", Keys: keys}}
}

// batch makes the next benchAlerts reports, one every 6 s of publication
// time, numbering them from *n.
func (s *synth) batch(n *int, at *time.Time) []Report {
	out := make([]Report, benchAlerts)
	for i := range out {
		*at = at.Add(6 * time.Second)
		out[i] = s.report(*n, *at)
		*n++
	}
	return out
}

const (
	benchWindow = 50000 // reports in the 48 h window
	benchAlerts = 10000 // alerts grouped per iteration
	// bytesPerAlert is the title and summary of a typical alert, for MB/s
	// figures comparable with the match benchmark.
	bytesPerAlert = 400
)

// filledGrouper returns a grouper holding a full 48 h window and the next
// batches of alerts to group, published after it.
func filledGrouper(b *testing.B) (*Grouper, *synth, time.Time) {
	g, err := NewGrouper(DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	s := newSynth(1)
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	step := 48 * time.Hour / benchWindow
	as := make([]Assignment, benchWindow)
	for i := range as {
		r := s.report(i, start.Add(time.Duration(i)*step))
		as[i] = Assignment{Report: r, Event: EventID(r.Feed, r.Key)}
	}
	g.Restore(as)
	return g, s, start.Add(48 * time.Hour)
}

func heapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// BenchmarkGroup places 10,000 alerts, one poll's worth at a time, against
// a window of 50,000 reports.
func BenchmarkGroup(b *testing.B) {
	before := heapMB()
	g, s, at := filledGrouper(b)
	window := heapMB() - before
	n := benchWindow
	b.SetBytes(benchAlerts * bytesPerAlert)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		batch := s.batch(&n, &at)
		b.StartTimer()
		for i := 0; i < len(batch); i += 10 {
			if err := g.Assign(batch[i:i+10], func([]Assignment) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(benchAlerts*b.N)/b.Elapsed().Seconds(), "alerts/s")
	b.ReportMetric(window, "MB-window")
}

// BenchmarkGroupBaseline is the floor of the work: indexing the same
// alerts without comparing them with anything.
func BenchmarkGroupBaseline(b *testing.B) {
	g, s, at := filledGrouper(b)
	n := benchWindow
	b.SetBytes(benchAlerts * bytesPerAlert)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		batch := s.batch(&n, &at)
		b.StartTimer()
		for _, r := range batch {
			ev := &event{id: EventID(r.Feed, r.Key)}
			g.ix.events[ev.id] = ev
			m := &member{report: r, event: ev}
			g.ix.describe(m)
			g.ix.add(m, g.cfg.Window)
		}
	}
	b.ReportMetric(float64(benchAlerts*b.N)/b.Elapsed().Seconds(), "alerts/s")
}
