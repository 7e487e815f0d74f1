package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

func TestFeedbackMetricsPerRule(t *testing.T) {
	st, err := store.Open(context.Background(), t.TempDir()+"/state.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := story.Alert{Destination: "d", Story: story.Story{FeedID: "f", Key: "k", Title: "t"},
		Matches: []story.Match{{RuleID: "r1", Severity: story.SeverityHigh}}, Severity: story.SeverityHigh}
	if _, err := st.EnqueueAlerts(context.Background(), []story.Alert{a}); err != nil {
		t.Fatal(err)
	}
	for i, rel := range []bool{true, true, false, true} {
		if _, err := st.RecordVerdict(context.Background(), store.VerdictInput{AlertID: 1, Reader: string(rune('a' + i)), Relevant: rel}); err != nil {
			t.Fatal(err)
		}
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(newFeedbackCollector(st, time.Now))
	want := `
# HELP sanctionwatch_feedback_precision Share of readers' verdicts in the last 30 days that found the rule's alerts relevant.
# TYPE sanctionwatch_feedback_precision gauge
sanctionwatch_feedback_precision{rule="r1"} 0.75
# HELP sanctionwatch_feedback_verdicts Readers' verdicts on alerts in the last 30 days, by rule and verdict.
# TYPE sanctionwatch_feedback_verdicts gauge
sanctionwatch_feedback_verdicts{rule="r1",verdict="not_relevant"} 1
sanctionwatch_feedback_verdicts{rule="r1",verdict="relevant"} 3
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want)); err != nil {
		t.Error(err)
	}
}
