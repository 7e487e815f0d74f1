package mutes

import (
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/store/storetest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func alert() story.Alert {
	return story.Alert{Story: story.Story{FeedID: "wire", FeedName: "Wire"}, Severity: story.SeverityCritical, Matches: []story.Match{
		{RuleID: "dprk-arms", Severity: story.SeverityCritical, Tags: []string{"dprk"},
			Hits: []story.Hit{{Source: story.SourceEntity, Ref: "dprk"}}},
		{RuleID: "sanctions", Severity: story.SeverityMedium, Tags: []string{"sanctions"}},
	}}
}

func mute(kind store.MuteKind, value string, expires time.Duration) store.Mute {
	return store.Mute{ID: 1, Kind: kind, Value: value, By: "ana", Expires: now.Add(expires)}
}

func TestApply(t *testing.T) {
	cases := []struct {
		name     string
		mutes    []store.Mute
		muted    string // substring of Muted; "" = not muted
		rules    int
		severity story.Severity
	}{
		{"nothing muted", nil, "", 2, story.SeverityCritical},
		{"one rule of two", []store.Mute{mute(store.MuteRule, "dprk-arms", time.Hour)}, "", 1, story.SeverityMedium},
		{"both rules", []store.Mute{mute(store.MuteRule, "dprk-arms", time.Hour), mute(store.MuteTag, "sanctions", time.Hour)},
			"rule dprk-arms muted by ana", 2, story.SeverityCritical},
		{"feed by id", []store.Mute{mute(store.MuteFeed, "wire", time.Hour)}, "feed wire muted", 2, story.SeverityCritical},
		{"feed by name", []store.Mute{mute(store.MuteFeed, "Wire", time.Hour)}, "feed Wire muted", 2, story.SeverityCritical},
		{"entity", []store.Mute{mute(store.MuteEntity, "dprk", time.Hour)}, "", 1, story.SeverityMedium},
		{"expired", []store.Mute{mute(store.MuteFeed, "wire", -time.Minute)}, "", 2, story.SeverityCritical},
		{"other feed", []store.Mute{mute(store.MuteFeed, "tass", time.Hour)}, "", 2, story.SeverityCritical},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := NewSet(c.mutes, now).Apply(alert())
			if (c.muted == "") != (got.Muted == "") || !strings.Contains(got.Muted, c.muted) {
				t.Errorf("muted %q, want %q", got.Muted, c.muted)
			}
			if len(got.Matches) != c.rules || got.Severity != c.severity {
				t.Errorf("%d matches at %s, want %d at %s", len(got.Matches), got.Severity, c.rules, c.severity)
			}
		})
	}
}

func TestMutedAlertIsRecordedNotQueued(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		a := NewSet([]store.Mute{mute(store.MuteFeed, "wire", time.Hour)}, now).Apply(alert())
		a.Destination, a.Story.Key = "d", "k"
		if _, err := st.EnqueueAlerts(t.Context(), []story.Alert{a}); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := st.NextAlert(t.Context(), "d", 0); ok {
			t.Error("a muted alert is queued for sending")
		}
		recent, _ := st.RecentAlerts(t.Context(), 1<<40, "")
		if len(recent) != 1 || recent[0].State != "muted" || recent[0].Alert.Muted == "" {
			t.Errorf("recorded %+v", recent)
		}
	})
}
