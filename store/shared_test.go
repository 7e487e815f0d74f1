package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store/pgtest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Tests of several instances sharing one PostgreSQL database: each Store
// opened on the same database stands for one instance.

// openInstances opens n stores on one fresh database, all at once, as
// instances starting together would.
func openInstances(t *testing.T, n int) []*Store {
	t.Helper()
	dsn := pgtest.DSN(t)
	out := make([]*Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { out[i], errs[i] = OpenPostgres(context.Background(), dsn) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		t.Cleanup(func() { out[i].Close() })
	}
	return out
}

func TestMigrationsHaveBothForms(t *testing.T) {
	versions := func(dir string) []int {
		files, err := migrationFiles(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []int
		for _, f := range files {
			out = append(out, f.version)
		}
		return out
	}
	lite, pg := versions((&dialect{}).migrationDir()), versions((&dialect{postgres: true}).migrationDir())
	if !slices.Equal(lite, pg) {
		t.Fatalf("SQLite migrations %v, PostgreSQL migrations %v: every version needs both forms", lite, pg)
	}
}

// Instances starting together apply each migration once, and none fails
// on another's half-made schema.
func TestInstancesStartingTogetherMigrateOnce(t *testing.T) {
	st := openInstances(t, 4)
	files, _ := migrationFiles(st[0].d.migrationDir())
	var n int
	if err := st[0].db.QueryRowContext(context.Background(), `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(files) {
		t.Fatalf("%d migrations recorded, want %d", n, len(files))
	}
}

// Two instances that poll the same feed at once and find the same new
// stories record each story once, queue each alert once and file each
// report once, whichever commits first.
func TestSamePollOnTwoInstancesAlertsOnce(t *testing.T) {
	st := openInstances(t, 2)
	ctx := context.Background()
	for round := range 10 {
		feed := fmt.Sprintf("feed-%d", round)
		sts := feedStories(feed, 5)
		alerts := append(withEvent(alertsOf(sts), "ev-"+feed), withEvent(alertsOf(sts), "ev-"+feed)...)
		for i := range sts {
			alerts[len(sts)+i].Destination = "other-desk"
		}
		p := Poll{Feed: FeedState{ID: feed}, Stories: sts, Alerts: alerts, Events: reportsOf("ev-"+feed, sts)}
		var stories, queued atomic.Int64
		var wg sync.WaitGroup
		for _, s := range st {
			wg.Go(func() {
				res, err := s.CommitPoll(ctx, p)
				if err != nil {
					t.Error(err)
					return
				}
				stories.Add(int64(res.NewStories))
				queued.Add(int64(res.AlertsQueued))
			})
		}
		wg.Wait()
		if stories.Load() != 5 || queued.Load() != 10 {
			t.Fatalf("round %d: %d new stories and %d alerts reported, want 5 and 10", round, stories.Load(), queued.Load())
		}
	}
	for q, want := range map[string]int{
		`SELECT count(*) FROM stories`:       50,
		`SELECT count(*) FROM outbox`:        100,
		`SELECT count(*) FROM event_reports`: 50,
		`SELECT sum(reports) FROM events`:    50,
		`SELECT sum(items_seen) FROM feeds`:  50,
	} {
		if n := countRows(t, st[1], q); n != want {
			t.Errorf("%s = %d, want %d", q, n, want)
		}
	}
}

// Two readers' clicks on two instances at once, each clicked twice: one
// verdict per reader and alert.
func TestVerdictsFromTwoInstancesCountOnce(t *testing.T) {
	st := openInstances(t, 2)
	ctx := context.Background()
	id := queueAlert(t, st[0], "k", "r1")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			v := VerdictInput{AlertID: id, Reader: fmt.Sprintf("reader-%d", i%2), Relevant: true}
			if _, err := st[i%2].RecordVerdict(ctx, v); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := countRows(t, st[0], `SELECT count(*) FROM verdicts`); n != 2 {
		t.Fatalf("%d verdicts, want one per reader", n)
	}
}

// However the takes of instances interleave, one owner wins each lease.
func TestLeaseOneWinnerAcrossInstances(t *testing.T) {
	oneWinnerEachRound(t, openInstances(t, 2))
}

// An alert queued on one instance wakes a listener on another.
func TestListenOutboxWakesOtherInstance(t *testing.T) {
	st := openInstances(t, 2)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	wake, err := st[0].ListenOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st[1].EnqueueAlerts(ctx, []story.Alert{testAlert("desk", "f", "k", "t", story.SeverityHigh, "r1")}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-wake:
	case <-ctx.Done():
		t.Fatal("no wake after another instance queued an alert")
	}
	cancel()
	for range wake { // closed once ctx ends
	}
}

// On SQLite the channel never fires (the sender is in this process) and
// closes when ctx ends, so a caller's loop ends with it.
func TestListenOutboxOnSQLiteClosesWithContext(t *testing.T) {
	s := MustOpen(t)
	ctx, cancel := context.WithCancel(context.Background())
	wake, err := s.ListenOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnqueueAlerts(ctx, []story.Alert{testAlert("desk", "f", "k", "t", story.SeverityHigh, "r1")}); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, ok := <-wake; ok {
		t.Fatal("the SQLite channel fired")
	}
}

// Two feeds' polls on two instances file their stories into the same two
// events in opposite orders, so their commits can each hold a row the
// other wants; the one PostgreSQL aborts is run again, and every story is
// filed once.
func TestCrossedEventFilingsBothCommit(t *testing.T) {
	st := openInstances(t, 2)
	ctx := context.Background()
	const rounds = 5
	for round := range rounds {
		evA, evB := fmt.Sprintf("a-%d", round), fmt.Sprintf("b-%d", round)
		var wg sync.WaitGroup
		for i, s := range st {
			feed := fmt.Sprintf("feed-%d-%d", round, i)
			sts := feedStories(feed, 2)
			first, second := evA, evB
			if i == 1 {
				first, second = evB, evA
			}
			reports := append(reportsOf(first, sts[:1]), reportsOf(second, sts[1:])...)
			p := Poll{Feed: FeedState{ID: feed}, Stories: sts, Events: reports}
			wg.Go(func() {
				if _, err := s.CommitPoll(ctx, p); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	if n := countRows(t, st[0], `SELECT sum(reports) FROM events`); n != 4*rounds {
		t.Fatalf("%d reports filed, want %d", n, 4*rounds)
	}
}

// The reporting commands' open: a database sanctionwatch never set up is
// ErrNoState, and a set-up one takes no writes.
func TestOpenPostgresReadOnly(t *testing.T) {
	dsn := pgtest.DSN(t)
	ctx := context.Background()
	if _, err := OpenPostgresReadOnly(ctx, dsn); !errors.Is(err, ErrNoState) {
		t.Fatalf("empty database: %v, want ErrNoState", err)
	}
	s, err := OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := OpenPostgresReadOnly(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.EnqueueAlerts(ctx, []story.Alert{testAlert("desk", "f", "k", "t", story.SeverityHigh, "r1")}); err == nil {
		t.Error("a read-only store took a write")
	}
	if _, err := ro.Feeds(ctx); err != nil {
		t.Errorf("a read-only store refused a read: %v", err)
	}
}

// A DSN may hold a password: no error of opening one shows it.
func TestOpenPostgresErrorsHideTheDSN(t *testing.T) {
	for _, dsn := range []string{
		"postgres://sw:SECRET-PW@127.0.0.1:1/sw?connect_timeout=5", // nothing listens on port 1
		"postgres://sw:SECRET-PW@127.0.0.1:notaport/sw",
		"host=127.0.0.1 port=1 password=SECRET-PW connect_timeout=5",
	} {
		_, err := OpenPostgres(context.Background(), dsn)
		if err == nil {
			t.Fatalf("opened %q", dsn)
		}
		if strings.Contains(err.Error(), "SECRET") {
			t.Errorf("error shows the password: %v", err)
		}
	}
}

// A listener whose connection dies connects again, wakes once for what it
// may have missed, and hears later alerts.
func TestListenOutboxReconnects(t *testing.T) {
	st := openInstances(t, 2)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	wake, err := st[0].ListenOutbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var killed int
	if err := st[1].db.QueryRowContext(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND query LIKE 'LISTEN%'`).Scan(&killed); err != nil || killed != 1 {
		t.Fatalf("terminated %d listeners, %v; want 1", killed, err)
	}
	waitWake(ctx, t, wake, "the wake after reconnecting")
	if _, err := st[1].EnqueueAlerts(ctx, []story.Alert{testAlert("desk", "f", "k2", "t", story.SeverityHigh, "r1")}); err != nil {
		t.Fatal(err)
	}
	waitWake(ctx, t, wake, "a wake for an alert queued after reconnecting")
}

func waitWake(ctx context.Context, t *testing.T, wake <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-wake:
	case <-ctx.Done():
		t.Fatalf("no %s", what)
	}
}

// While two instances queue alerts for one destination, a reader never
// sees a row appear below one it has already seen: a sender reading the
// outbox by id misses nothing and posts in id order.
func TestOutboxRowsCommitInIDOrder(t *testing.T) {
	st := openInstances(t, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var writers sync.WaitGroup
	for w := range 2 {
		writers.Go(func() {
			for i := range 150 {
				a := testAlert("desk", fmt.Sprintf("feed-%d", w), fmt.Sprintf("k%d", i), "t", story.SeverityHigh, "r1")
				if _, err := st[w].EnqueueAlerts(ctx, []story.Alert{a}); err != nil {
					if ctx.Err() == nil {
						t.Error(err)
					}
					return
				}
			}
		})
	}
	done := make(chan struct{})
	go func() { writers.Wait(); close(done) }()
	seen := map[int64]bool{}
	err := readOutboxUntil(ctx, st[2], done, seen)
	cancel()
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 300 {
		t.Fatalf("read %d rows, want 300", len(seen))
	}
}

// readOutboxUntil reads the ids of the outbox again and again until done
// is closed (and once after), and fails when an id shows up below one
// read before.
func readOutboxUntil(ctx context.Context, s *Store, done <-chan struct{}, seen map[int64]bool) error {
	var top int64
	for finished := false; !finished; {
		select {
		case <-done:
			finished = true
		default:
		}
		ids, err := outboxIDs(ctx, s)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if id < top && !seen[id] {
				return fmt.Errorf("row %d appeared after row %d had been read", id, top)
			}
			seen[id] = true
		}
		if len(ids) > 0 {
			top = max(top, ids[len(ids)-1])
		}
	}
	return nil
}

func outboxIDs(ctx context.Context, s *Store) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM outbox WHERE destination = 'desk' ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
