package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/store/storetest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// A digest's plan survives between runs: the alerts read back carry the
// part each was given and the digest's size, a part marked sent leaves
// the queue whole, and alerts queued after the plan carry none.
func TestDigestPlanReadBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		queue := func(from, n int) {
			t.Helper()
			var as []story.Alert
			for i := from; i < from+n; i++ {
				as = append(as, story.Alert{Destination: "news", Severity: story.SeverityLow,
					Story: story.Story{FeedID: "wire", Key: fmt.Sprint(i), Title: fmt.Sprint("story ", i)}})
			}
			if _, err := st.EnqueueAlerts(ctx, as); err != nil {
				t.Fatal(err)
			}
		}
		queue(0, 5)
		items, err := st.DigestAlerts(ctx, "news", story.SeverityHigh, 100)
		if err != nil || len(items) != 5 {
			t.Fatalf("DigestAlerts = %d items, %v; want 5", len(items), err)
		}
		ids := func(its ...store.DigestItem) []int64 {
			var out []int64
			for _, it := range its {
				out = append(out, it.ID)
			}
			return out
		}
		plan := [][]int64{ids(items[:2]...), ids(items[2:4]...), ids(items[4])}
		if p, err := st.PlanDigest(ctx, plan); err != nil || p != plan[0][0] {
			t.Fatalf("PlanDigest = %d, %v; want the plan %d", p, err, plan[0][0])
		}
		if err := st.MarkDigestSent(ctx, plan[0], nil, "m1"); err != nil {
			t.Fatal(err)
		}
		queue(5, 1)
		items, err = st.DigestAlerts(ctx, "news", story.SeverityHigh, 100)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range items {
			got = append(got, fmt.Sprintf("%s:%d/%d@%d", it.Alert.Story.Key, it.Part, it.Parts, it.Plan))
		}
		p := plan[0][0]
		want := []string{fmt.Sprintf("2:2/3@%d", p), fmt.Sprintf("3:2/3@%d", p), fmt.Sprintf("4:3/3@%d", p), "5:0/0@0"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("read back %v, want %v", got, want)
		}
	})
}

// A digest message that showed only some of its part's alerts marks those
// sent and takes the others out of the plan, queued for the next digest;
// a message that showed none (a notifier that says so) leaves every alert
// of its part unplanned rather than planned for ever.
func TestDigestUnshownAlertsLeaveThePlan(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var as []story.Alert
		for i := range 5 {
			as = append(as, story.Alert{Destination: "news", Severity: story.SeverityLow,
				Story: story.Story{FeedID: "wire", Key: fmt.Sprint(i), Title: fmt.Sprint("story ", i)}})
		}
		if _, err := st.EnqueueAlerts(ctx, as); err != nil {
			t.Fatal(err)
		}
		items, err := st.DigestAlerts(ctx, "news", story.SeverityHigh, 100)
		if err != nil || len(items) != 5 {
			t.Fatalf("DigestAlerts = %d items, %v; want 5", len(items), err)
		}
		id := func(i int) int64 { return items[i].ID }
		if _, err := st.PlanDigest(ctx, [][]int64{{id(0), id(1), id(2)}, {id(3), id(4)}}); err != nil {
			t.Fatal(err)
		}
		if err := st.MarkDigestSent(ctx, []int64{id(0)}, []int64{id(1), id(2)}, "m1"); err != nil {
			t.Fatal(err)
		}
		if err := st.MarkDigestSent(ctx, nil, []int64{id(3), id(4)}, "m2"); err != nil {
			t.Fatal(err)
		}
		left, err := st.DigestAlerts(ctx, "news", story.SeverityHigh, 100)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range left {
			got = append(got, fmt.Sprintf("%s:%d/%d@%d", it.Alert.Story.Key, it.Part, it.Parts, it.Plan))
		}
		if want := []string{"1:0/0@0", "2:0/0@0", "3:0/0@0", "4:0/0@0"}; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("queued after the messages %v, want %v", got, want)
		}
	})
}

// A digest larger than one statement's list of ids is planned and marked
// sent whole: every alert of each part gets its number across the
// statements' seams, an alert already sent keeps its state, and an id
// with no row fails the message and leaves every alert of it queued.
func TestDigestLongerThanOneStatement(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		const n = 1234 // more than two statements' worth in the first part
		var as []story.Alert
		for i := range n {
			as = append(as, story.Alert{Destination: "news", Severity: story.SeverityLow,
				Story: story.Story{FeedID: "wire", Key: fmt.Sprint(i), Title: fmt.Sprint("story ", i)}})
		}
		if _, err := st.EnqueueAlerts(ctx, as); err != nil {
			t.Fatal(err)
		}
		items, err := st.DigestAlerts(ctx, "news", story.SeverityHigh, n)
		if err != nil || len(items) != n {
			t.Fatalf("DigestAlerts = %d items, %v; want %d", len(items), err, n)
		}
		ids := make([]int64, n)
		for i, it := range items {
			ids[i] = it.ID
		}
		if err := st.MarkSent(ctx, ids[n-1], "earlier"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.PlanDigest(ctx, [][]int64{ids[:1100], ids[1100:]}); err != nil {
			t.Fatal(err)
		}
		if err := st.MarkDigestSent(ctx, ids[:1050], ids[1050:1100], "m1"); err != nil {
			t.Fatal(err)
		}
		err = st.MarkDigestSent(ctx, append(ids[1100:1150:1150], -1), nil, "m2")
		if err == nil || !strings.Contains(err.Error(), "no outbox row -1") {
			t.Fatalf("MarkDigestSent with an id with no row = %v, want an error naming it", err)
		}
		left, err := st.DigestAlerts(ctx, "news", story.SeverityHigh, n)
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		for _, it := range left {
			counts[fmt.Sprintf("%d/%d@%v", it.Part, it.Parts, it.Plan == ids[0])]++
		}
		want := map[string]int{"0/0@false": 50, "2/2@true": n - 1100 - 1}
		if fmt.Sprint(counts) != fmt.Sprint(want) {
			t.Errorf("queued after the first message: %v, want %v", counts, want)
		}
	})
}
