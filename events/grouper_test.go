package events

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

var t0 = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

func newGrouper(t *testing.T) *Grouper {
	t.Helper()
	g, err := NewGrouper(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func report(t testing.TB, feed, key, title, summary string, at time.Time) Report {
	s := story.Story{FeedID: feed, Key: key, Title: title, Summary: summary, Published: at}
	return Report{Feed: feed, Key: key, Published: at, Features: Extract(&s, defaultPack(t).Evidence(&s), DefaultConfig().WeaponLists)}
}

func assign(t *testing.T, g *Grouper, rs ...Report) []Assignment {
	t.Helper()
	var out []Assignment
	if err := g.Assign(rs, func(as []Assignment) error { out = as; return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

var (
	ofacA = []string{"US sanctions 16 firms over Iranian oil shipments",
		"The Treasury imposed sanctions on 16 companies in Hong Kong and the UAE it accused of moving Iranian crude."}
	ofacB = []string{"US blacklists 16 companies in Iran oil crackdown",
		"Washington said the 16 firms in Hong Kong and the UAE shipped Iranian oil."}
	ofacOther = []string{"US sanctions 8 Chinese firms supplying Iranian drone engines",
		"The Treasury said the eight companies sold engines to makers of Shahed drones."}
)

func TestAssignGroupsWithinOneCallAndAcrossCalls(t *testing.T) {
	g := newGrouper(t)
	// One poll brings two outlets' reports: the second joins the first.
	as := assign(t, g, report(t, "reuters", "a", ofacA[0], ofacA[1], t0), report(t, "ap", "b", ofacB[0], ofacB[1], t0.Add(time.Hour)))
	if !as[0].New || as[1].New || as[0].Event != as[1].Event || as[1].Outlets != 2 {
		t.Fatalf("assignments = %+v, want one event of two outlets", as)
	}
	if as[0].Event != EventID("reuters", "a") {
		t.Errorf("event id %q, want the id of its first story", as[0].Event)
	}
	// A same-day designation of another count is another event.
	other := assign(t, g, report(t, "ap", "c", ofacOther[0], ofacOther[1], t0.Add(2*time.Hour)))
	if !other[0].New {
		t.Errorf("8 firms joined the 16-firm event: %+v", other[0])
	}
	// The same feed reporting again does not add an outlet.
	again := assign(t, g, report(t, "reuters", "d", ofacB[0], ofacA[1], t0.Add(3*time.Hour)))
	if again[0].Event != as[0].Event || again[0].Outlets != 2 {
		t.Errorf("follow-up = %+v, want the first event, still 2 outlets", again[0])
	}
}

func TestAssignKeepsNothingWhenCommitFails(t *testing.T) {
	g := newGrouper(t)
	boom := errors.New("disk full")
	err := g.Assign([]Report{report(t, "reuters", "a", ofacA[0], ofacA[1], t0)}, func([]Assignment) error { return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the commit's error", err)
	}
	if n, e := g.Len(); n != 0 || e != 0 {
		t.Fatalf("after a failed commit the grouper holds %d reports in %d events", n, e)
	}
	// Retried, the report opens its event as if the first try never was.
	as := assign(t, g, report(t, "reuters", "a", ofacA[0], ofacA[1], t0))
	if !as[0].New || as[0].Event != EventID("reuters", "a") {
		t.Errorf("retry = %+v", as[0])
	}
}

func TestAssignForgetsReportsOutsideTheWindow(t *testing.T) {
	g := newGrouper(t)
	first := assign(t, g, report(t, "reuters", "a", ofacA[0], ofacA[1], t0))
	late := assign(t, g, report(t, "ap", "b", ofacB[0], ofacB[1], t0.Add(49*time.Hour)))
	if late[0].Event == first[0].Event {
		t.Errorf("a report 49 h later joined the event: %+v", late[0])
	}
	if n, _ := g.Len(); n != 1 {
		t.Errorf("window holds %d reports, want the newest only", n)
	}
}

func TestRestoreRebuildsEvents(t *testing.T) {
	g := newGrouper(t)
	as := assign(t, g, report(t, "reuters", "a", ofacA[0], ofacA[1], t0))
	restarted := newGrouper(t)
	restarted.Restore(as)
	next := assign(t, restarted, report(t, "ap", "b", ofacB[0], ofacB[1], t0.Add(time.Hour)))
	if next[0].Event != as[0].Event || next[0].Outlets != 2 {
		t.Errorf("after restore: %+v, want the restored event", next[0])
	}
}

func TestConfigRefusesNonsense(t *testing.T) {
	for _, mod := range []func(*Config){
		func(c *Config) { c.Window = 0 },
		func(c *Config) { c.Threshold = 0 },
		func(c *Config) { c.CrossThreshold = 1.5 },
		func(c *Config) { c.Grace = -time.Minute },
	} {
		cfg := DefaultConfig()
		mod(&cfg)
		if _, err := NewGrouper(cfg); err == nil {
			t.Errorf("config %+v accepted", cfg)
		}
	}
}

// Within the grace two reports keep their whole similarity; after it the
// half-life applies, and a zero grace is taken as written.
func TestDecayStartsAfterGrace(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Grace, cfg.HalfLife = time.Hour, 24*time.Hour
	for _, tc := range []struct {
		apart time.Duration
		want  float64
	}{{0, 1}, {-time.Hour, 1}, {25 * time.Hour, 0.5}, {-49 * time.Hour, 0.25}} {
		if got := cfg.decay(tc.apart); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("decay(%v) = %v, want %v", tc.apart, got, tc.want)
		}
	}
	cfg.Grace = 0
	if got := cfg.decay(24 * time.Hour); math.Abs(got-0.5) > 1e-9 {
		t.Errorf("no grace: decay(24h) = %v, want 0.5", got)
	}
}

// With grouping turned off, the two outlets' reports that otherwise make
// one event make two, each opened by its own report and counting one
// outlet.
func TestApartOpensAnEventPerReport(t *testing.T) {
	for _, apart := range []bool{false, true} {
		cfg := DefaultConfig()
		cfg.Apart = apart
		g, err := NewGrouper(cfg)
		if err != nil {
			t.Fatal(err)
		}
		as := assign(t, g, report(t, "reuters", "a", ofacA[0], ofacA[1], t0), report(t, "ap", "b", ofacB[0], ofacB[1], t0.Add(time.Hour)))
		merged := as[0].Event == as[1].Event
		if merged == apart || as[1].New != apart || as[1].Outlets != map[bool]int{false: 2, true: 1}[apart] {
			t.Errorf("apart %v: assignments %+v", apart, as)
		}
	}
}
