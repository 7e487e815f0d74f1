package delivery

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// Metrics counts what delivery does, per destination. A nil *Metrics
// records nothing. Labels carry destination names only, never URLs.
type Metrics struct {
	queued   *prometheus.CounterVec
	sent     *prometheus.CounterVec
	failed   *prometheus.CounterVec
	depth    *prometheus.GaugeVec
	duration *prometheus.HistogramVec
}

// NewMetrics registers the delivery metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		queued: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sanctionwatch_alerts_queued_total",
			Help: "Alerts written to the outbox."}, []string{"destination"}),
		sent: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sanctionwatch_alerts_sent_total",
			Help: "Alerts Discord accepted (posted, merged into an earlier post, or in a digest)."}, []string{"destination"}),
		failed: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "sanctionwatch_alerts_failed_total",
			Help: "Alerts given up on, or held because Discord refused the destination."}, []string{"destination"}),
		depth: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "sanctionwatch_outbox_depth",
			Help: "Alerts waiting in the outbox."}, []string{"destination"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "sanctionwatch_discord_request_duration_seconds",
			Help: "Time taken by Discord calls.", Buckets: prometheus.DefBuckets}, []string{"destination", "outcome"}),
	}
	reg.MustRegister(m.queued, m.sent, m.failed, m.depth, m.duration)
	return m
}

// AlertsQueued counts alerts just written to the outbox.
func (m *Metrics) AlertsQueued(alerts []story.Alert) {
	if m == nil {
		return
	}
	for _, a := range alerts {
		m.queued.WithLabelValues(a.Destination).Inc()
	}
}

func (m *Metrics) sentInc(dest string, n int) {
	if m != nil {
		m.sent.WithLabelValues(dest).Add(float64(n))
	}
}

func (m *Metrics) failedInc(dest string) {
	if m != nil {
		m.failed.WithLabelValues(dest).Inc()
	}
}

func (m *Metrics) setDepth(dest string, n int) {
	if m != nil {
		m.depth.WithLabelValues(dest).Set(float64(n))
	}
}

func (m *Metrics) observe(dest string, ok bool, seconds float64) {
	if m == nil {
		return
	}
	outcome := "ok"
	if !ok {
		outcome = "error"
	}
	m.duration.WithLabelValues(dest, outcome).Observe(seconds)
}
