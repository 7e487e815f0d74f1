package app

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/store/pgtest"
	"github.com/sanctionwatch/sanctionwatch/store/storetest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// pollWith files one feed's alerted story, to two destinations, through
// the filer and commits it the way a poll does.
func pollWith(t *testing.T, st *store.Store, f *eventFiler, s story.Story) []story.Alert {
	t.Helper()
	alerts, err := fileStory(st, f, s, "desk", "ops")
	if err != nil {
		t.Fatal(err)
	}
	return alerts
}

// fileStory is pollWith for any goroutine: it returns the error.
func fileStory(st *store.Store, f *eventFiler, s story.Story, dests ...string) ([]story.Alert, error) {
	var alerts []story.Alert
	for _, d := range dests {
		alerts = append(alerts, story.Alert{Destination: d, Story: s, Severity: story.SeverityHigh})
	}
	err := f.File(context.Background(), alerts, func(as []story.Alert, reports []store.EventReport) error {
		_, err := st.CommitPoll(context.Background(), store.Poll{Feed: store.FeedState{ID: s.FeedID},
			Stories: []story.Story{s}, Alerts: as, Events: reports})
		alerts = as
		return err
	})
	return alerts, err
}

// designationReports are three outlets' reports of one designation, an
// hour ago, ten minutes apart.
func designationReports() []story.Story {
	t0 := time.Now().UTC().Add(-time.Hour)
	return []story.Story{
		{FeedID: "reuters", Key: "r1", Published: t0, Title: "US sanctions 16 firms over Iranian oil shipments",
			Summary: "The Treasury imposed sanctions on 16 companies in Hong Kong and the UAE it accused of moving Iranian crude."},
		{FeedID: "ap", Key: "a1", Published: t0.Add(10 * time.Minute), Title: "US blacklists 16 companies in Iran oil crackdown",
			Summary: "Washington said the 16 firms in Hong Kong and the UAE shipped Iranian oil."},
		{FeedID: "bbc", Key: "b1", Published: t0.Add(20 * time.Minute), Title: "Treasury sanctions 16 Hong Kong and UAE firms over Iran oil",
			Summary: "The 16 companies moved Iranian crude to China, the US said."},
	}
}

func defaultRules(t *testing.T) *rules.RuleSet {
	t.Helper()
	rs, err := rules.Compile(rules.DefaultPack(), rules.Env{})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// Three outlets report one designation, with a restart between the second
// and the third: all of it is one event, and each outlet counts once.
func TestEventsSurviveRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	cfg := config.Default()
	rs, stories := defaultRules(t), designationReports()
	var ids []string
	for i, s := range stories {
		st, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		// Every story is filed by a freshly started filer: what the first
		// ones decided must come back from the store.
		f, err := newEventFiler(ctx, st, cfg, func() *rules.RuleSet { return rs }, time.Now, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		as := pollWith(t, st, f, s)
		if as[0].Event == "" || as[0].Event != as[1].Event {
			t.Fatalf("story %d: alerts to two destinations got events %q and %q", i, as[0].Event, as[1].Event)
		}
		ids = append(ids, as[0].Event)
		if i == len(stories)-1 {
			ev, reports, ok, err := st.Event(ctx, ids[0])
			if err != nil || !ok || ev.Outlets != 3 || len(reports) != 3 {
				t.Errorf("event = %+v with %d reports (%v, %v), want 3 outlets", ev, len(reports), ok, err)
			}
		}
		st.Close()
	}
	if ids[1] != ids[0] || ids[2] != ids[0] {
		t.Errorf("events %v, want one", ids)
	}
}

// Two instances share one PostgreSQL state, each with its own filer
// started before any report: the outlets' reports of one designation,
// polled by either in turn, make one event, since each filer reads what
// the other filed.
func TestEventsSharedAcrossInstances(t *testing.T) {
	stories := designationReports()
	sts, filers := twoInstances(t)
	var ids []string
	for i, s := range stories {
		as := pollWith(t, sts[i%2], filers[i%2], s)
		ids = append(ids, as[0].Event)
	}
	if ids[1] != ids[0] || ids[2] != ids[0] {
		t.Errorf("events %v, want one: an instance opened an event the other had", ids)
	}
}

// A desk that writes events.merge: false gets each outlet's report of one
// designation as an event of its own, through the filer the daemon uses.
func TestEventsMergeOff(t *testing.T) {
	ctx := context.Background()
	cfg, err := config.Parse("config.yaml", []byte("events:\n  merge: false\n"), func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rs := defaultRules(t)
	f, err := newEventFiler(ctx, st, cfg, func() *rules.RuleSet { return rs }, time.Now, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range designationReports() {
		id := pollWith(t, st, f, s)[0].Event
		ev, _, ok, err := st.Event(ctx, id)
		if err != nil || !ok || seen[id] || ev.Outlets != 1 {
			t.Errorf("%s/%s filed in %s = %+v (%v, %v); want an event of its own", s.FeedID, s.Key, id, ev, ok, err)
		}
		seen[id] = true
	}
}

// pausedRead is a filer's view of the shared state that, once, stops
// after reading the reports others filed, until resume is closed: the
// moment between a filer's read and its write.
type pausedRead struct {
	filedReports
	read, resume chan struct{}
}

func (p *pausedRead) EventReportsFiled(ctx context.Context, since time.Time) ([]store.EventReport, error) {
	reports, err := p.filedReports.EventReportsFiled(ctx, since)
	if p.read != nil {
		close(p.read)
		p.read = nil
		<-p.resume
	}
	return reports, err
}

// fileOne files s to one destination and returns its event.
func fileOne(st *store.Store, f *eventFiler, s story.Story) (string, error) {
	alerts, err := fileStory(st, f, s, "desk")
	if err != nil {
		return "", err
	}
	return alerts[0].Event, nil
}

// Two instances file two outlets' reports of one designation in the same
// moment: the first has read what others filed (nothing) and not yet
// written when the second starts. The second waits for the first to file
// and joins its event, rather than deciding on the same empty read.
func TestEventsFiledConcurrentlyByTwoInstances(t *testing.T) {
	stories := designationReports()
	sts, filers := twoInstances(t)
	paused := &pausedRead{filedReports: filers[0].st, read: make(chan struct{}), resume: make(chan struct{})}
	read := paused.read
	filers[0].st = paused
	type filed struct {
		id  string
		err error
	}
	first, second := make(chan filed, 1), make(chan filed, 1)
	go func() { id, err := fileOne(sts[0], filers[0], stories[0]); first <- filed{id, err} }()
	<-read
	go func() { id, err := fileOne(sts[1], filers[1], stories[1]); second <- filed{id, err} }()
	// Resume the first once the second waits for the lock, or has filed
	// without waiting (which the check below then fails).
	var b filed
	waiting, done := false, false
	for !waiting && !done {
		select {
		case b = <-second:
			done = true
		case <-time.After(20 * time.Millisecond):
			waiting = advisoryWaits(t, sts[0]) > 0
		}
	}
	close(paused.resume)
	a := <-first
	if !done {
		b = <-second
	}
	if a.err != nil || b.err != nil {
		t.Fatal(a.err, b.err)
	}
	if a.id != b.id {
		t.Errorf("events %s and %s, want one: the second instance decided before the first had filed", a.id, b.id)
	}
}

// advisoryWaits counts the advisory locks waited for in st's database.
func advisoryWaits(t *testing.T, st *store.Store) int {
	t.Helper()
	var n int
	err := st.DB().QueryRowContext(context.Background(), `SELECT count(*) FROM pg_locks
		WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// twoInstances opens one PostgreSQL state twice, with a filer on each
// started before any report.
func twoInstances(t *testing.T) ([2]*store.Store, [2]*eventFiler) {
	t.Helper()
	rs, dsn := defaultRules(t), pgtest.DSN(t)
	sts := [2]*store.Store{storetest.OpenPostgresAt(t, dsn), storetest.OpenPostgresAt(t, dsn)}
	var filers [2]*eventFiler
	for i, st := range sts {
		var err error
		if filers[i], err = newEventFiler(context.Background(), st, config.Default(), func() *rules.RuleSet { return rs }, time.Now, slog.New(slog.DiscardHandler)); err != nil {
			t.Fatal(err)
		}
	}
	return sts, filers
}

// An instance that holds the events lock and hangs delays another's
// alerting poll by the lock's wait, not for good: the poll files its
// report without the lock and says so.
func TestEventsFiledPastAHungInstance(t *testing.T) {
	sts, filers := twoInstances(t)
	release, err := sts[0].LockEvents(context.Background(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	var logged strings.Builder
	filers[1].log = slog.New(slog.NewTextHandler(&logged, nil))
	filers[1].lockWait = 100 * time.Millisecond
	id, err := fileOne(sts[1], filers[1], designationReports()[0])
	if err != nil {
		t.Fatalf("filing while another instance hangs on the lock: %v", err)
	}
	if _, _, ok, err := sts[1].Event(context.Background(), id); err != nil || !ok {
		t.Errorf("event %s not filed (%v)", id, err)
	}
	if !strings.Contains(logged.String(), "filing events without the lock") {
		t.Errorf("no warning logged; log:\n%s", logged.String())
	}
}
