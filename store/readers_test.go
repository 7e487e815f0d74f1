package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

func TestStoryTextsKeptForNewStoriesOnly(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		s.SetTextCap(12)
		st := story.Story{FeedID: "a", Key: "k1", FeedName: "A", Title: "Tanker seized", Summary: "ignored",
			Content: "long", Categories: []string{"World"}}
		if _, err := s.CommitPoll(ctx, Poll{Feed: FeedState{ID: "a"}, Stories: []story.Story{st}}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		st.Title = "Tanker seized again" // a known story refreshed later keeps its first text
		st2 := story.Story{FeedID: "a", Key: "k2", Title: "Kim é", Summary: "Pyongyang"}
		if _, err := s.CommitPoll(ctx, Poll{Feed: FeedState{ID: "a"}, Stories: []story.Story{st, st2}}); err != nil {
			t.Fatal(err)
		}
		got := storedTexts(t, s, time.Time{})
		if len(got) != 2 {
			t.Fatalf("%d texts, want 2: %+v", len(got), got)
		}
		if got[0].Story.Title != "Tanker seize" || got[0].Story.Summary != "" || got[0].Story.Categories[0] != "World" {
			t.Errorf("first text not capped to 12 bytes or lost a field: %+v", got[0].Story)
		}
		// "Kim é" is 6 bytes; 6 are left for the summary.
		if got[1].Story.Summary != "Pyongy" || !got[1].SeenAt.Equal(now) {
			t.Errorf("second text %+v seen %v", got[1].Story, got[1].SeenAt)
		}
		if n := len(storedTexts(t, s, now)); n != 1 {
			t.Errorf("since filter: %d texts, want 1", n)
		}
		if n, err := s.PruneTexts(ctx, 30*time.Minute); err != nil || n != 1 {
			t.Errorf("prune: %d, %v; want 1", n, err)
		}
	})
}

func TestTextCapZeroKeepsNothing(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		s.SetTextCap(0)
		if _, err := s.CommitPoll(context.Background(), Poll{Feed: FeedState{ID: "a"}, Stories: feedStories("a", 3)}); err != nil {
			t.Fatal(err)
		}
		if n := len(storedTexts(t, s, time.Time{})); n != 0 {
			t.Errorf("cap 0 kept %d texts", n)
		}
	})
}

func TestCutUTF8NeverSplitsARune(t *testing.T) {
	for n := int64(0); n < 8; n++ {
		got := cutUTF8("añé€", n)
		if !strings.HasPrefix("añé€", got) || int64(len(got)) > n || !utf8Valid(got) {
			t.Errorf("cut to %d: %q", n, got)
		}
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "?") == s }

func storedTexts(t *testing.T, s *Store, since time.Time) []StoredStory {
	t.Helper()
	var out []StoredStory
	if err := s.EachStoryText(context.Background(), since, func(ss StoredStory) error {
		out = append(out, ss)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMutesExpireAndLift(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		if _, err := s.AddMute(ctx, MuteRule, "arms-embargo", time.Hour, "ana", "noisy"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddMute(ctx, MuteFeed, "tass", 24*time.Hour, "cli", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddMute(ctx, "colour", "x", time.Hour, "", ""); err == nil {
			t.Error("unknown kind accepted")
		}
		if _, err := s.AddMute(ctx, MuteTag, "x", 0, "", ""); err == nil {
			t.Error("zero duration accepted")
		}
		active := activeMutes(t, s)
		if len(active) != 2 || active[0].Value != "arms-embargo" || active[0].By != "ana" || active[0].Reason != "noisy" {
			t.Fatalf("active %+v", active)
		}
		now = now.Add(61 * time.Minute)
		if active = activeMutes(t, s); len(active) != 1 || active[0].Value != "tass" {
			t.Fatalf("after an hour: %+v", active)
		}
		if n, err := s.LiftMutes(ctx, MuteFeed, "tass", "bo"); err != nil || n != 1 {
			t.Fatalf("lift: %d, %v", n, err)
		}
		if _, err := s.LiftMutes(ctx, MuteFeed, "tass", "bo"); !errors.Is(err, ErrNoMute) {
			t.Errorf("second lift: %v, want ErrNoMute", err)
		}
		if active = activeMutes(t, s); len(active) != 0 {
			t.Errorf("after lifting: %+v", active)
		}
	})
}

func activeMutes(t *testing.T, s *Store) []Mute {
	t.Helper()
	ms, err := s.ActiveMutes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// queueAlert puts one alert for a story in the outbox and returns its id.
func queueAlert(t *testing.T, s *Store, key string, rules ...string) int64 {
	t.Helper()
	a := story.Alert{Destination: "d", Story: story.Story{FeedID: "f", Key: key, Title: "title " + key,
		Summary: "summary " + key}, Severity: story.SeverityHigh}
	for _, r := range rules {
		a.Matches = append(a.Matches, story.Match{RuleID: r, Severity: story.SeverityHigh})
	}
	if _, err := s.EnqueueAlerts(context.Background(), []story.Alert{a}); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := s.db.QueryRowContext(context.Background(), `SELECT id FROM outbox WHERE story_key = ?`, key).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestVerdictOnePerReaderAndAlert(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		id := queueAlert(t, s, "k1", "r1", "r2")
		steps := []struct {
			reader   string
			relevant bool
			want     Tally
		}{
			{"ana", true, Tally{1, 0}},
			{"ana", true, Tally{1, 0}},  // the same click again counts once
			{"bo", false, Tally{1, 1}},  // another reader
			{"ana", false, Tally{0, 2}}, // a second click changes ana's verdict
		}
		for i, st := range steps {
			got, err := s.RecordVerdict(ctx, VerdictInput{AlertID: id, Reader: st.reader, Relevant: st.relevant})
			if err != nil || got != st.want {
				t.Fatalf("step %d: tally %+v, %v; want %+v", i, got, err, st.want)
			}
		}
		if _, err := s.RecordVerdict(ctx, VerdictInput{AlertID: 999, Reader: "ana"}); !errors.Is(err, ErrNoAlert) {
			t.Errorf("unknown alert: %v", err)
		}
		id2 := queueAlert(t, s, "k2", "r2")
		if _, err := s.RecordVerdict(ctx, VerdictInput{AlertID: id2, Reader: "ana", Relevant: true}); err != nil {
			t.Fatal(err)
		}
		fb, err := s.FeedbackByRule(ctx, time.Time{}, "")
		if err != nil {
			t.Fatal(err)
		}
		want := []RuleFeedback{{"r1", 0, 2}, {"r2", 1, 2}}
		if len(fb) != 2 || fb[0] != want[0] || fb[1] != want[1] {
			t.Errorf("feedback %+v, want %+v", fb, want)
		}
		if p, ok := fb[1].Precision(); !ok || p < 0.33 || p > 0.34 {
			t.Errorf("precision of r2 = %v, %v", p, ok)
		}
		judged, err := s.JudgedStories(ctx, "r2", time.Time{})
		if err != nil || len(judged) != 2 {
			t.Fatalf("judged %+v, %v", judged, err)
		}
		if judged[0].Story.Title != "title k1" || judged[0].NotRelevant != 2 || judged[1].Relevant != 1 {
			t.Errorf("judged %+v", judged)
		}
	})
}

func TestClaimInteractionOnce(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for i, want := range []bool{true, false} {
			got, err := s.ClaimInteraction(ctx, "1234")
			if err != nil || got != want {
				t.Errorf("claim %d: %v, %v; want %v", i, got, err, want)
			}
		}
	})
}

// EachStoryText pages through history: every story once, oldest first,
// across page boundaries inside one poll's stories.
func TestEachStoryTextPagesInOrder(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		s.SetTextCap(1 << 10)
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		for _, feed := range []string{"b", "a", "c"} {
			now = now.Add(time.Minute)
			if _, err := s.CommitPoll(ctx, Poll{Feed: FeedState{ID: feed}, Stories: feedStories(feed, 900)}); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(storedTexts(t, s, now)); n != 900 {
			t.Errorf("since the last poll: %d stories, want 900", n)
		}
		got := storedTexts(t, s, time.Time{})
		if len(got) != 2700 {
			t.Fatalf("%d stories, want 2700", len(got))
		}
		seen := map[string]bool{}
		for i, ss := range got {
			id := ss.Story.FeedID + "/" + ss.Story.Key
			if seen[id] {
				t.Fatalf("%s read twice", id)
			}
			seen[id] = true
			if i > 0 && got[i-1].SeenAt.After(ss.SeenAt) {
				t.Fatalf("out of order at %d: %s first seen before the story read ahead of it", i, id)
			}
		}
	})
}
