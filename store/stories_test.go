package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

func feedStories(feed string, n int) []story.Story {
	out := make([]story.Story, n)
	for i := range out {
		out[i] = story.Story{FeedID: feed, Key: fmt.Sprintf("guid:%d", i), Title: fmt.Sprintf("story %d", i),
			Link: fmt.Sprintf("https://example.com/%d", i)}
	}
	return out
}

func TestSeenKeys(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		all := feedStories("a", 1200) // more than one query batch
		if _, err := s.CommitPoll(ctx, Poll{Feed: FeedState{ID: "a"}, Stories: all[:1100]}); err != nil {
			t.Fatal(err)
		}
		keys := make([]string, len(all))
		for i, st := range all {
			keys[i] = st.Key
		}
		seen, err := s.SeenKeys(ctx, "a", keys)
		if err != nil {
			t.Fatal(err)
		}
		if len(seen) != 1100 {
			t.Errorf("%d keys seen, want 1100", len(seen))
		}
		if got := seen["guid:7"]; got.Title != "story 7" || got.FirstSeen.IsZero() {
			t.Errorf("seen[guid:7] = %+v", got)
		}
		if _, ok := seen["guid:1150"]; ok {
			t.Error("unrecorded key reported seen")
		}
		other, err := s.SeenKeys(ctx, "b", keys)
		if err != nil || len(other) != 0 {
			t.Errorf("other feed: %d seen, err %v", len(other), err)
		}
	})
}

func TestPruneKeepsItemsStillListed(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		all := feedStories("a", 3)
		if _, err := s.CommitPoll(ctx, Poll{Feed: FeedState{ID: "a"}, Stories: all}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(100 * 24 * time.Hour)
		// The feed still lists story 0; 1 and 2 have dropped off it.
		if _, err := s.CommitPoll(ctx, Poll{Feed: FeedState{ID: "a"}, Stories: all[:1]}); err != nil {
			t.Fatal(err)
		}
		n, err := s.Prune(ctx, 90*24*time.Hour)
		if err != nil || n != 2 {
			t.Fatalf("Prune = %d, %v; want 2", n, err)
		}
		seen, err := s.SeenKeys(ctx, "a", []string{"guid:0", "guid:1"})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := seen["guid:0"]; !ok || len(seen) != 1 {
			t.Errorf("after prune seen = %v, want only guid:0", seen)
		}
		if _, err := s.Prune(ctx, 0); err == nil {
			t.Error("Prune(0) did not fail")
		}
	})
}

// An unchanged feed (304 after 304) never refreshes its items; its
// ListedSince keeps them.
func TestPruneKeepsUnchangedFeedItems(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		state := FeedState{ID: "quiet", ListedSince: now.Add(-time.Hour)}
		if _, err := s.CommitPoll(ctx, Poll{Feed: state, Stories: feedStories("quiet", 2)}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(200 * 24 * time.Hour)
		if _, err := s.CommitPoll(ctx, Poll{Feed: state}); err != nil { // a 304
			t.Fatal(err)
		}
		if n, err := s.Prune(ctx, 90*24*time.Hour); err != nil || n != 0 {
			t.Fatalf("Prune = %d, %v; want the unchanged feed's items kept", n, err)
		}
	})
}

// The stories table keeps only the indexes a query uses, since each costs
// a write for every story recorded: last_seen, for Prune.
func TestStoryIndexesServeQueries(t *testing.T) {
	s := MustOpen(t)
	rows, err := s.DB().Query(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stories' AND sql IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	if len(names) != 1 || names[0] != "stories_last_seen" {
		t.Errorf("indexes on stories = %q, want only stories_last_seen", names)
	}
	var id, parent, unused int
	var detail string
	err = s.DB().QueryRow(`EXPLAIN QUERY PLAN DELETE FROM stories WHERE last_seen < ?`, "x").Scan(&id, &parent, &unused, &detail)
	if err != nil || !strings.Contains(detail, "stories_last_seen") {
		t.Errorf("prune plan %q, %v; want it to use stories_last_seen", detail, err)
	}
}
