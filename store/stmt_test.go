package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// Polls read feed state and commit at once on the store's one connection.
// A statement prepared for the first time while a commit holds that
// connection must wait for it, not deadlock with it.
func TestConcurrentPollsShareStatements(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for g := range 16 {
			wg.Go(func() {
				id := fmt.Sprintf("feed-%d", g)
				for i := range 5 {
					if _, _, err := s.FeedState(ctx, id); err != nil {
						errs <- err
						return
					}
					key := fmt.Sprintf("guid:%d", i)
					if _, err := s.SeenKeys(ctx, id, []string{key, "guid:other"}); err != nil {
						errs <- err
						return
					}
					p := Poll{Feed: FeedState{ID: id, URL: "https://x.example/" + id},
						Stories: []story.Story{{FeedID: id, Key: key, Title: "t"}}}
					if _, err := s.CommitPoll(ctx, p); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		all, err := s.Feeds(ctx)
		if err != nil || len(all) != 16 || all[0].ItemsSeen != 5 {
			t.Fatalf("feeds = %d (first %+v), %v; want 16 with 5 stories each", len(all), all, err)
		}
	})
}
