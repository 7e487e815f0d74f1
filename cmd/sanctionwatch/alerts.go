package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/store"
)

// printAlerts lists recent alerts by event, the event with the newest
// alert first: one heading per event of several reports, then one line
// per alert. An alert of no event (a notice, a list change) stands alone.
func printAlerts(w io.Writer, alerts []store.RecentAlert) {
	var order []string
	events := 0
	byEvent := map[string][]store.RecentAlert{}
	for _, a := range alerts {
		key := a.Alert.Event
		if key == "" {
			key = fmt.Sprintf("#%d", a.ID)
		} else if _, ok := byEvent[key]; !ok {
			events++
		}
		if _, ok := byEvent[key]; !ok {
			order = append(order, key)
		}
		byEvent[key] = append(byEvent[key], a)
	}
	for _, key := range order {
		group := byEvent[key]
		if outlets := countOutlets(group); len(group) > 1 {
			fmt.Fprintf(w, "event %s: %d alerts, %d outlets\n", key, len(group), outlets)
		}
		for _, a := range group {
			printAlert(w, a)
		}
	}
	fmt.Fprintf(w, "%s, %s\n", plural(len(alerts), "alert"), plural(events, "event"))
}

func printAlert(w io.Writer, a store.RecentAlert) {
	s := a.Alert.Story
	ids := make([]string, len(a.Alert.Matches))
	for i, m := range a.Alert.Matches {
		ids[i] = m.RuleID
	}
	fmt.Fprintf(w, "%s  %-8s %-7s %s -> %s\n    %s\n    %s (%s)\n", when(a.QueuedAt), a.Alert.Severity,
		a.State, strings.Join(ids, ","), a.Alert.Destination, s.Title, s.Link, s.FeedName)
}

func countOutlets(group []store.RecentAlert) int {
	seen := map[string]bool{}
	for _, a := range group {
		seen[a.Alert.Story.FeedID] = true
	}
	return len(seen)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
