package watchers

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the watcher's Prometheus collectors. A nil *Metrics records
// nothing, so tests and tools need not register any.
type Metrics struct {
	polls      *prometheus.CounterVec
	fetch      prometheus.Histogram
	itemsSeen  *prometheus.CounterVec
	newStories *prometheus.CounterVec
	failing    prometheus.Gauge
}

// NewMetrics creates the collectors and registers them with reg when reg
// is not nil. It panics if they are already registered, like
// prometheus.MustRegister, since that is a wiring mistake.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sanctionwatch_polls_total", Help: "Feed polls by result: ok, not_modified, unchanged (a 200 with the body last read), error, skipped.",
		}, []string{"feed", "result"}),
		fetch: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "sanctionwatch_fetch_duration_seconds", Help: "Time to fetch a feed, body included.",
			Buckets: prometheus.ExponentialBuckets(0.05, 2, 10),
		}),
		itemsSeen: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sanctionwatch_items_seen_total", Help: "Items read from feeds, new or known.",
		}, []string{"feed"}),
		newStories: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sanctionwatch_new_stories_total", Help: "Stories recorded for the first time.",
		}, []string{"feed"}),
		failing: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sanctionwatch_feeds_failing", Help: "Feeds currently reported as failing.",
		}),
	}
	if reg != nil {
		reg.MustRegister(m.polls, m.fetch, m.itemsSeen, m.newStories, m.failing)
	}
	return m
}

func (m *Metrics) poll(feed, result string) {
	if m != nil {
		m.polls.WithLabelValues(feed, result).Inc()
	}
}

func (m *Metrics) fetched(d time.Duration) {
	if m != nil {
		m.fetch.Observe(d.Seconds())
	}
}

func (m *Metrics) items(feed string, seen, added int) {
	if m != nil {
		m.itemsSeen.WithLabelValues(feed).Add(float64(seen))
		m.newStories.WithLabelValues(feed).Add(float64(added))
	}
}

func (m *Metrics) setFailing(n int) {
	if m != nil {
		m.failing.Set(float64(n))
	}
}
