package store

import (
	"context"
	"fmt"
	"testing"
)

// pollSize is the new stories (each alerted) of one benchmarked poll.
const pollSize = 20

// BenchmarkCommitPoll commits polls of pollSize new stories, each with an
// alert and an event report, on each store, beside the floor of that work
// on the same store in the same run: the same story rows inserted by plain
// INSERTs in one transaction (no dedup, no outbox, no events). Bytes are
// those of the stories' keys, titles and links.
func BenchmarkCommitPoll(b *testing.B) {
	for _, backend := range []struct {
		name string
		open func(testing.TB) *Store
	}{{"sqlite", MustOpen}, {"postgres", MustOpenPostgres}} {
		b.Run("store="+backend.name+"/commit", func(b *testing.B) {
			s := backend.open(b)
			benchPolls(b, func(i int, p Poll) error { _, err := s.CommitPoll(context.Background(), p); return err })
		})
		b.Run("store="+backend.name+"/floor", func(b *testing.B) {
			s := backend.open(b)
			benchPolls(b, func(i int, p Poll) error { return plainInserts(s, p) })
		})
	}
}

func benchPolls(b *testing.B, commit func(int, Poll) error) {
	var size int64
	for _, st := range feedStories("f", pollSize) {
		size += int64(len(st.Key) + len(st.Title) + len(st.Link))
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		feed := fmt.Sprintf("feed-%d", i)
		sts := feedStories(feed, pollSize)
		p := Poll{Feed: FeedState{ID: feed}, Stories: sts, Alerts: withEvent(alertsOf(sts), "ev-"+feed),
			Events: reportsOf("ev-"+feed, sts)}
		if err := commit(i, p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*pollSize)/b.Elapsed().Seconds(), "stories/s")
}

// plainInserts writes p's stories with nothing else, in one transaction.
func plainInserts(s *Store, p Poll) error {
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, st := range p.Stories {
		if _, err := tx.ExecContext(ctx, `INSERT INTO stories (feed_id, key, title, link, first_seen, last_seen)
			VALUES (?, ?, ?, ?, '', '')`, st.FeedID, st.Key, st.Title, st.Link); err != nil {
			return err
		}
	}
	return tx.Commit()
}
