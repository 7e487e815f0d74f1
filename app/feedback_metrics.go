package app

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sanctionwatch/sanctionwatch/store"
)

// feedbackWindow is the period the feedback metrics cover, the same as
// the feedback command's default.
const feedbackWindow = 30 * 24 * time.Hour

// feedbackCollector reads readers' verdicts per rule from the store at
// scrape time, so the series never drift from what `feedback` prints.
type feedbackCollector struct {
	store     *store.Store
	now       func() time.Time
	verdicts  *prometheus.Desc
	precision *prometheus.Desc
}

func newFeedbackCollector(st *store.Store, now func() time.Time) *feedbackCollector {
	return &feedbackCollector{store: st, now: now,
		verdicts: prometheus.NewDesc("sanctionwatch_feedback_verdicts",
			"Readers' verdicts on alerts in the last 30 days, by rule and verdict.", []string{"rule", "verdict"}, nil),
		precision: prometheus.NewDesc("sanctionwatch_feedback_precision",
			"Share of readers' verdicts in the last 30 days that found the rule's alerts relevant.", []string{"rule"}, nil),
	}
}

func (c *feedbackCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.verdicts
	ch <- c.precision
}

// Collect reports nothing when the store cannot be read: a missing series
// is better than a wrong zero.
func (c *feedbackCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fb, err := c.store.FeedbackByRule(ctx, c.now().Add(-feedbackWindow), "")
	if err != nil {
		return
	}
	for _, f := range fb {
		ch <- prometheus.MustNewConstMetric(c.verdicts, prometheus.GaugeValue, float64(f.Relevant), f.Rule, "relevant")
		ch <- prometheus.MustNewConstMetric(c.verdicts, prometheus.GaugeValue, float64(f.NotRelevant), f.Rule, "not_relevant")
		if p, ok := f.Precision(); ok {
			ch <- prometheus.MustNewConstMetric(c.precision, prometheus.GaugeValue, p, f.Rule)
		}
	}
}
