package replay

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// fakeHistory is a history in memory.
type fakeHistory struct {
	stories []store.StoredStory
	did     map[store.StoryRef][]string
	failAt  int // EachStoryText fails at this story; 0 = never
}

func (f *fakeHistory) EachStoryText(ctx context.Context, since time.Time, fn func(store.StoredStory) error) error {
	for i, s := range f.stories {
		if f.failAt > 0 && i == f.failAt {
			return errors.New("disk on fire")
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	return nil
}

func (f *fakeHistory) AlertedRules(context.Context, time.Time) (map[store.StoryRef][]string, error) {
	return f.did, nil
}

func history(n int) *fakeHistory {
	h := &fakeHistory{did: map[store.StoryRef][]string{}}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		key := fmt.Sprintf("k%04d", i)
		h.stories = append(h.stories, store.StoredStory{SeenAt: t0.Add(time.Duration(i) * time.Minute),
			Story: story.Story{FeedID: "f", Key: key, Title: fmt.Sprintf("story %d", i)}})
		if i%3 == 0 {
			h.did[store.StoryRef{FeedID: "f", Key: key}] = []string{"old"}
		}
	}
	return h
}

// even fires on stories with an even number.
func even(s *story.Story) []story.Match {
	var n int
	fmt.Sscanf(s.Title, "story %d", &n)
	if n%2 == 0 {
		return []story.Match{{RuleID: "even"}}
	}
	return nil
}

func TestRunKeepsHistoryOrderWithManyWorkers(t *testing.T) {
	h := history(1000)
	r, err := Run(context.Background(), h, even, Options{Workers: 8, Explain: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Stories != 1000 || len(r.Would) != 500 {
		t.Fatalf("stories %d would %d", r.Stories, len(r.Would))
	}
	if !slices.IsSortedFunc(r.Would, func(a, b Item) int { return a.SeenAt.Compare(b.SeenAt) }) {
		t.Error("would-alert list is out of history order")
	}
	// New: even and not a multiple of 3; lost: multiples of 3 that are odd.
	if len(r.New) != 333 || len(r.Lost) != 167 {
		t.Errorf("new %d lost %d; want 333 and 167", len(r.New), len(r.Lost))
	}
	if len(r.Would[0].Matches) != 1 {
		t.Error("explain dropped the matches")
	}
	if !strings.HasPrefix(r.Summary(), "+333 alerts, -167 alerts (new: even 333; lost: old 167)") {
		t.Errorf("summary %q", r.Summary())
	}
}

func TestRunReportsHistoryErrors(t *testing.T) {
	h := history(100)
	h.failAt = 50
	if _, err := Run(context.Background(), h, even, Options{Workers: 2}); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("error %v", err)
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, history(10000), even, Options{Workers: 2}); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}
