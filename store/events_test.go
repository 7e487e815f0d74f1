package store

import (
	"context"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

func reportsOf(event string, sts []story.Story) []EventReport {
	out := make([]EventReport, len(sts))
	for i, st := range sts {
		out[i] = EventReport{Event: event, Feed: st.FeedID, Key: st.Key, Title: st.Title, Link: st.Link,
			Published: st.Published, Features: []byte(`{"keys":{"n:16":1.5}}`)}
	}
	return out
}

func withEvent(as []story.Alert, event string) []story.Alert {
	for i := range as {
		as[i].Event = event
	}
	return as
}

// Two feeds' polls file their stories in one event; the event counts each
// outlet once, and the outbox rows carry the event id.
func TestCommitPollFilesEvents(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
		a := feedStories("reuters", 2)
		a[0].Published, a[1].Published = t0, t0.Add(time.Hour)
		b := feedStories("ap", 1)
		b[0].Published = t0.Add(-time.Hour)
		for _, p := range []Poll{
			{Feed: FeedState{ID: "reuters"}, Stories: a, Alerts: withEvent(alertsOf(a), "ev-1"), Events: reportsOf("ev-1", a)},
			{Feed: FeedState{ID: "ap"}, Stories: b, Alerts: withEvent(alertsOf(b), "ev-1"), Events: reportsOf("ev-1", b)},
		} {
			if _, err := s.CommitPoll(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		ev, reports, ok, err := s.Event(ctx, "ev-1")
		if err != nil || !ok {
			t.Fatalf("event: %v %v", ok, err)
		}
		if ev.Reports != 3 || ev.Outlets != 2 || !ev.FirstAt.Equal(t0.Add(-time.Hour)) || !ev.LastAt.Equal(t0.Add(time.Hour)) {
			t.Errorf("event = %+v, want 3 reports from 2 outlets over two hours", ev)
		}
		if len(reports) != 3 || reports[0].Key != a[1].Key || string(reports[0].Features) != `{"keys":{"n:16":1.5}}` {
			t.Errorf("reports = %+v, want newest first with features", reports)
		}
		if n := countRows(t, s, `SELECT count(*) FROM outbox WHERE event_id = 'ev-1'`); n != 3 {
			t.Errorf("%d outbox rows carry the event, want 3", n)
		}
		// A replayed poll files nothing twice.
		if _, err := s.CommitPoll(ctx, Poll{Feed: FeedState{ID: "ap"}, Stories: b, Events: reportsOf("ev-1", b)}); err != nil {
			t.Fatal(err)
		}
		if ev, _, _, _ := s.Event(ctx, "ev-1"); ev.Reports != 3 {
			t.Errorf("replay counted again: %+v", ev)
		}
		since, err := s.EventReports(ctx, t0)
		if err != nil || len(since) != 2 || since[0].Key != a[0].Key {
			t.Errorf("reports since t0 = %+v, %v; want reuters' two, oldest first", since, err)
		}
	})
}

// A failed commit files nothing: the story, its alerts and its event go
// together or not at all.
func TestCommitPollEventsAreAtomic(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		failOutbox(t, s)
		a := feedStories("reuters", 1)
		_, err := s.CommitPoll(ctx, Poll{Feed: FeedState{ID: "reuters"}, Stories: a, Alerts: withEvent(alertsOf(a), "ev-1"), Events: reportsOf("ev-1", a)})
		if err == nil {
			t.Fatal("commit succeeded despite the trigger")
		}
		for _, q := range []string{`SELECT count(*) FROM events`, `SELECT count(*) FROM event_reports`, `SELECT count(*) FROM stories`} {
			if n := countRows(t, s, q); n != 0 {
				t.Errorf("%s = %d after a failed commit", q, n)
			}
		}
	})
}
