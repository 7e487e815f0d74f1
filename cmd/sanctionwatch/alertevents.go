package main

import (
	"fmt"
	"io"
	"strings"
)

// printByEvent lists alert rows by event, the event with the newest alert
// first: one heading per event of several alerts, then one entry per
// alert. An alert of no event (a notice, a list change) stands alone.
func printByEvent(w io.Writer, rows []alertRow) {
	var order []string
	events := 0
	byEvent := map[string][]alertRow{}
	for i, r := range rows {
		key := r.Event
		if key == "" {
			key = fmt.Sprintf("#%d", i)
		} else if _, ok := byEvent[key]; !ok {
			events++
		}
		if _, ok := byEvent[key]; !ok {
			order = append(order, key)
		}
		byEvent[key] = append(byEvent[key], r)
	}
	for _, key := range order {
		group := byEvent[key]
		if len(group) > 1 {
			fmt.Fprintf(w, "event %s: %d alerts, %s\n", key, len(group), plural(countOutlets(group), "outlet", "outlets"))
		}
		for _, r := range group {
			fmt.Fprintf(w, "%s  %-8s %-7s %s -> %s\n    %s\n    %s (%s)\n", when(r.QueuedAt), r.Severity,
				r.State, strings.Join(r.Rules, ","), r.Destination, r.Title, r.Link, r.Feed)
			if r.Muted != "" {
				fmt.Fprintf(w, "    not sent: %s\n", r.Muted)
			}
		}
	}
	fmt.Fprintf(w, "%s, %s\n", plural(len(rows), "alert", "alerts"), plural(events, "event", "events"))
}

func countOutlets(group []alertRow) int {
	seen := map[string]bool{}
	for _, r := range group {
		seen[r.Feed] = true
	}
	return len(seen)
}
