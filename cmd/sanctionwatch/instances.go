package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/sanctionwatch/sanctionwatch/lease"
	"github.com/sanctionwatch/sanctionwatch/store"
)

// instanceRow is one instance in `status`: where it runs, whether it is
// still beating, and the work it holds.
type instanceRow struct {
	ID      string    `json:"id"`
	Host    string    `json:"host"`
	Started time.Time `json:"started"`
	Seen    time.Time `json:"last_seen"`
	Alive   bool      `json:"alive"`
	Leases  []string  `json:"leases"` // unexpired leases it holds, by name
}

// silentAfter is how long an instance may go without a beat before status
// calls it gone: three beats missed.
const silentAfter = 3 * lease.BeatEvery

// instanceRows joins the instances that beat with the leases in force. A
// lease whose owner never beat (a `once` run) gets a row of its own.
func instanceRows(ctx context.Context, st *store.Store, now time.Time) ([]instanceRow, error) {
	ins, err := st.Instances(ctx)
	if err != nil {
		return nil, err
	}
	leases, err := st.Leases(ctx)
	if err != nil {
		return nil, err
	}
	rows := make([]instanceRow, 0, len(ins))
	at := map[string]int{}
	for _, in := range ins {
		at[in.ID] = len(rows)
		rows = append(rows, instanceRow{ID: in.ID, Host: in.Host, Started: in.Started, Seen: in.Seen,
			Alive: now.Sub(in.Seen) < silentAfter, Leases: []string{}})
	}
	for _, l := range leases {
		if !l.Expires.After(now) {
			continue
		}
		i, ok := at[l.Owner]
		if !ok {
			i, at[l.Owner] = len(rows), len(rows)
			rows = append(rows, instanceRow{ID: l.Owner, Host: "-", Leases: []string{}})
		}
		rows[i].Leases = append(rows[i].Leases, l.Name)
	}
	return rows, nil
}

// printInstances writes the instances table; an instance's feed leases
// are counted rather than listed, since there may be thousands.
func printInstances(w io.Writer, rows []instanceRow) {
	tw := table(w)
	fmt.Fprintln(tw, "INSTANCE\tHOST\tSTARTED\tLAST SEEN\tHOLDS")
	for _, r := range rows {
		seen := when(r.Seen)
		if !r.Alive && !r.Seen.IsZero() {
			seen += " (gone)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Host, when(r.Started), seen, holds(r.Leases))
	}
	tw.Flush()
}

// holds summarises lease names: "12 feeds, dest:alerts, lists".
func holds(names []string) string {
	feeds := 0
	var other []string
	for _, n := range names {
		if strings.HasPrefix(n, lease.FeedPrefix) {
			feeds++
		} else {
			other = append(other, n)
		}
	}
	sort.Strings(other)
	var parts []string
	switch feeds {
	case 0:
	case 1:
		parts = append(parts, "1 feed")
	default:
		parts = append(parts, fmt.Sprintf("%d feeds", feeds))
	}
	parts = append(parts, other...)
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}
