package store_test

import (
	"context"
	"fmt"
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
