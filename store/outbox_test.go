package store

import (
	"context"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

func testAlert(dest, feed, key, title string, sev story.Severity, rule string) story.Alert {
	return story.Alert{
		Destination: dest,
		Story:       story.Story{FeedID: feed, FeedName: feed + " news", Key: key, Link: "https://example.org/" + key, Title: title},
		Matches:     []story.Match{{RuleID: rule, Severity: sev}},
		Severity:    sev,
	}
}

func fixedClock(s *Store, at time.Time) *time.Time {
	now := at
	s.SetClock(func() time.Time { return now })
	return &now
}

func TestNormTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Russia ships  ARMS to Iran!", "russia ships arms to iran"},
		{"  —Россия: поставки оружия— ", "россия поставки оружия"},
		{"🚀🚀", ""},
		{"UNSCR 2231 (2015)", "unscr 2231 2015"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := NormTitle(tt.in); got != tt.want {
				t.Fatalf("NormTitle(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestOutboxQueueOrderAndStates(t *testing.T) {
	ctx := context.Background()
	eachStore(t, func(t *testing.T, s *Store) {
		fixedClock(s, time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
		alerts := []story.Alert{
			testAlert("ops", "a", "1", "First", story.SeverityHigh, "r1"),
			testAlert("ops", "a", "2", "Second", story.SeverityLow, "r2"),
			testAlert("ops", "a", "3", "Third", story.SeverityHigh, "r1"),
			testAlert("ops", "a", "1", "First again", story.SeverityHigh, "r1"), // same story: ignored
			testAlert("news", "a", "1", "First", story.SeverityHigh, "r1"),
		}
		n, err := s.EnqueueAlerts(ctx, alerts)
		if err != nil || n != 4 {
			t.Fatalf("EnqueueAlerts = %d, %v; want 4 new", n, err)
		}
		head, ok, err := s.NextAlert(ctx, "ops", story.SeverityInfo)
		if err != nil || !ok || head.Alert.Story.Key != "1" {
			t.Fatalf("head = %+v %v %v, want story 1", head.Alert.Story.Key, ok, err)
		}
		// A retry keeps the head in place: order is never skipped.
		if err := s.MarkRetry(ctx, head.ID, time.Date(2025, 3, 1, 12, 5, 0, 0, time.UTC), "HTTP 503"); err != nil {
			t.Fatal(err)
		}
		again, _, _ := s.NextAlert(ctx, "ops", story.SeverityInfo)
		if again.ID != head.ID || again.Attempts != 1 || again.NextAttempt.Minute() != 5 {
			t.Fatalf("after retry head = %+v, want same row with 1 attempt due 12:05", again)
		}
		if err := s.MarkSent(ctx, head.ID, "m1"); err != nil {
			t.Fatal(err)
		}
		// Digest destinations drain only alerts at or above the digest line.
		hi, _, _ := s.NextAlert(ctx, "ops", story.SeverityMedium)
		if hi.Alert.Story.Key != "3" {
			t.Fatalf("next at or above medium = %q, want 3", hi.Alert.Story.Key)
		}
		low, err := s.DigestAlerts(ctx, "ops", story.SeverityMedium, 10)
		if err != nil || len(low) != 1 || low[0].Alert.Story.Key != "2" {
			t.Fatalf("digest = %+v, %v; want story 2", low, err)
		}
		if err := s.MarkFailed(ctx, hi.ID, "HTTP 400: invalid form body"); err != nil {
			t.Fatal(err)
		}
		stats, err := s.OutboxStats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{"ops": 1, "news": 1}
		for _, st := range stats {
			if st.Depth != want[st.Destination] {
				t.Errorf("%s depth = %d, want %d", st.Destination, st.Depth, want[st.Destination])
			}
			if st.Destination == "ops" && (st.LastSuccess.IsZero() || st.LastError != "HTTP 400: invalid form body") {
				t.Errorf("ops stats = %+v, want a success and the last error", st)
			}
		}
		if len(stats) != 2 {
			t.Fatalf("stats for %d destinations, want 2", len(stats))
		}
	})
}

func TestFindSentByLinkOrTitle(t *testing.T) {
	ctx := context.Background()
	eachStore(t, func(t *testing.T, s *Store) {
		now := fixedClock(s, time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
		first := testAlert("ops", "a", "k1", "Arms shipment seized", story.SeverityHigh, "r1")
		if _, err := s.EnqueueAlerts(ctx, []story.Alert{first}); err != nil {
			t.Fatal(err)
		}
		head, _, _ := s.NextAlert(ctx, "ops", 0)
		tests := []struct {
			name, link, title string
			since             time.Time
			found             bool
		}{
			{"same link", first.Story.Link, "", time.Time{}, true},
			{"same title in window", "https://other.example/x", NormTitle("ARMS shipment: seized"), now.Add(-time.Hour), true},
			{"same title out of window", "https://other.example/x", NormTitle("Arms shipment seized"), now.Add(time.Hour), false},
			{"different", "https://other.example/x", "something else", time.Time{}, false},
		}
		for _, sent := range []bool{false, true} {
			if sent {
				if err := s.MarkSent(ctx, head.ID, "m1"); err != nil {
					t.Fatal(err)
				}
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					it, ok, err := s.FindSent(ctx, "ops", tt.link, tt.title, tt.since, -1)
					if err != nil {
						t.Fatal(err)
					}
					if want := tt.found && sent; ok != want || (ok && it.MessageID != "m1") {
						t.Fatalf("sent=%v: found %v (%q), want %v", sent, ok, it.MessageID, want)
					}
				})
			}
		}
		dup := testAlert("ops", "b", "k9", "Arms shipment seized", story.SeverityHigh, "r1")
		s.EnqueueAlerts(ctx, []story.Alert{dup})
		d, _, _ := s.NextAlert(ctx, "ops", 0)
		if err := s.MarkMerged(ctx, d.ID, head.ID, "m1"); err != nil {
			t.Fatal(err)
		}
		feeds, err := s.MergedFeeds(ctx, head.ID)
		if err != nil || len(feeds) != 1 || feeds[0] != "b news" {
			t.Fatalf("MergedFeeds = %v, %v; want [b news]", feeds, err)
		}
	})
}

func TestRecentAlertsAndByRule(t *testing.T) {
	ctx := context.Background()
	eachStore(t, func(t *testing.T, s *Store) {
		now := fixedClock(s, time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))
		old := testAlert("ops", "a", "old", "Old", story.SeverityHigh, "r1")
		old.Queued = now.Add(-48 * time.Hour)
		two := testAlert("ops", "a", "two", "Two rules", story.SeverityHigh, "r1")
		two.Matches = append(two.Matches, story.Match{RuleID: "r2", Severity: story.SeverityLow})
		twoElsewhere := two
		twoElsewhere.Destination = "news"
		alerts := []story.Alert{old, two, twoElsewhere, testAlert("ops", "a", "three", "Three", story.SeverityLow, "r2")}
		if _, err := s.EnqueueAlerts(ctx, alerts); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			rule string
			want []string
		}{
			{"", []string{"three", "two", "two"}},
			{"r1", []string{"two", "two"}},
			{"r3", nil},
		}
		for _, tt := range tests {
			t.Run("rule="+tt.rule, func(t *testing.T) {
				got, err := s.RecentAlerts(ctx, 24*time.Hour, tt.rule)
				if err != nil {
					t.Fatal(err)
				}
				var keys []string
				for _, r := range got {
					keys = append(keys, r.Alert.Story.Key)
				}
				if len(keys) != len(tt.want) {
					t.Fatalf("keys = %v, want %v", keys, tt.want)
				}
				for i := range keys {
					if keys[i] != tt.want[i] {
						t.Fatalf("keys = %v, want %v", keys, tt.want)
					}
				}
			})
		}
		by, err := s.AlertsByRule(ctx, 24*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if by["r1"] != 1 || by["r2"] != 2 || len(by) != 2 {
			t.Fatalf("AlertsByRule = %v, want r1:1 r2:2", by)
		}
	})
}
