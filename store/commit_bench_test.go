package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// BenchmarkCommitFirstPoll commits first polls of feeds of 30 new stories
// each, as a daemon's first pass over its feeds does, into a state file
// that already holds 1,000 such feeds. It reports stories/s; the floor it
// is compared with is the poll benchmark's (watchers).
func BenchmarkCommitFirstPoll(b *testing.B) {
	const perFeed = 30
	s := MustOpen(b)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	commit := func(feed int) {
		stories := make([]story.Story, perFeed)
		for i := range stories {
			stories[i] = story.Story{FeedID: fmt.Sprint("feed-", feed), Key: fmt.Sprintf("guid:%d-%d", feed, i),
				Title: fmt.Sprintf("Story %d of feed %d", i, feed), Published: now,
				Link: fmt.Sprintf("https://news%d.example/%d/2026/03/02/story-%d", feed%97, feed, i)}
		}
		if _, err := s.CommitPoll(ctx, Poll{Feed: FeedState{ID: stories[0].FeedID}, Stories: stories}); err != nil {
			b.Fatal(err)
		}
	}
	for f := range 1000 {
		commit(f)
	}
	next := 1000
	for b.Loop() {
		commit(next)
		next++
	}
	b.ReportMetric(float64(perFeed*b.N)/b.Elapsed().Seconds(), "stories/s")
}
