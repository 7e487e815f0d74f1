package store

import (
	"context"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/story"
)

func alertsOf(sts []story.Story) []story.Alert {
	out := make([]story.Alert, len(sts))
	for i, st := range sts {
		out[i] = story.Alert{Destination: "desk", Story: st, Severity: story.SeverityHigh}
	}
	return out
}

func countRows(t *testing.T, s *Store, q string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(context.Background(), q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCommitPollCounts(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		first := feedStories("a", 3)
		res, err := s.CommitPoll(ctx, Poll{Feed: FeedState{ID: "a"}, Stories: first, Alerts: alertsOf(first[:1])})
		if err != nil || res.NewStories != 3 || res.AlertsQueued != 1 {
			t.Fatalf("first = %+v, %v", res, err)
		}
		second := feedStories("a", 4)
		second[0].Title = "changed"
		res, err = s.CommitPoll(ctx, Poll{Feed: FeedState{ID: "a"}, Stories: second, Alerts: alertsOf(second[3:])})
		if err != nil || res.NewStories != 1 || res.AlertsQueued != 1 {
			t.Fatalf("second = %+v, %v", res, err)
		}
		f, _, err := s.FeedState(ctx, "a")
		if err != nil || f.ItemsSeen != 4 {
			t.Errorf("items seen = %d, %v; want 4", f.ItemsSeen, err)
		}
		seen, _ := s.SeenKeys(ctx, "a", []string{"guid:0"})
		if seen["guid:0"].Title != "changed" {
			t.Errorf("title not refreshed: %+v", seen["guid:0"])
		}
	})
}

// A failure while queuing alerts must undo the whole poll: no story may be
// left recorded without its alert.
func TestCommitPollIsAtomic(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		undo := failOutbox(t, s)
		sts := feedStories("a", 2)
		p := Poll{Feed: FeedState{ID: "a", ETag: "x"}, Stories: sts, Alerts: alertsOf(sts)}
		if _, err := s.CommitPoll(ctx, p); err == nil {
			t.Fatal("CommitPoll succeeded with a failing outbox")
		}
		for _, q := range []string{`SELECT count(*) FROM stories`, `SELECT count(*) FROM feeds`, `SELECT count(*) FROM outbox`} {
			if n := countRows(t, s, q); n != 0 {
				t.Errorf("%s = %d after a failed commit", q, n)
			}
		}
		undo()
		res, err := s.CommitPoll(ctx, p)
		if err != nil || res.NewStories != 2 || res.AlertsQueued != 2 {
			t.Fatalf("retry = %+v, %v", res, err)
		}
	})
}
