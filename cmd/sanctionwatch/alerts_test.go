package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// alerts lists the reports of one event under one heading, and a notice on
// its own.
func TestAlertsShowsEvents(t *testing.T) {
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfgPath, []byte("state_file: state.db\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	alert := func(feed, title, event string) story.Alert {
		return story.Alert{Destination: "desk", Severity: story.SeverityHigh, Queued: now, Event: event,
			Story:   story.Story{FeedID: feed, FeedName: feed, Key: title, Title: title},
			Matches: []story.Match{{RuleID: "designations", Severity: story.SeverityHigh}}}
	}
	if _, err := st.EnqueueAlerts(context.Background(), []story.Alert{
		alert("reuters", "US sanctions 16 firms", "ev-1"),
		alert("ops", "Feed bbc is failing", ""),
		alert("ap", "US blacklists 16 companies", "ev-1"),
	}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errOut := run(t, "", "alerts", "--config", cfgPath)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	head := strings.Index(out, "event ev-1: 2 alerts, 2 outlets")
	a, b := strings.Index(out, "US blacklists 16 companies"), strings.Index(out, "US sanctions 16 firms")
	if head < 0 || a < head || b < a || !strings.Contains(out, "3 alerts, 1 event") {
		t.Errorf("want one heading over the two reports, newest first:\n%s", out)
	}
	if strings.Count(out, "event ") != 1 {
		t.Errorf("the notice got an event heading:\n%s", out)
	}
}
