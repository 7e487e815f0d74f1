package app

import (
	"runtime"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the app's own Prometheus series; watchers and delivery
// register theirs on the same registry.
type metrics struct {
	matches       *prometheus.CounterVec
	reloadSuccess prometheus.Gauge
	reloadTime    prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer, version, commit string) *metrics {
	m := &metrics{
		matches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sanctionwatch_matches_total", Help: "Stories matched, by rule.",
		}, []string{"rule"}),
		reloadSuccess: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sanctionwatch_config_last_reload_successful", Help: "Whether the last reload of config and rules succeeded (1) or not (0).",
		}),
		reloadTime: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sanctionwatch_config_last_reload_success_timestamp_seconds", Help: "When config and rules were last loaded successfully.",
		}),
	}
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "sanctionwatch_build_info", Help: "Build information; the value is always 1.",
	}, []string{"version", "commit", "goversion"})
	build.WithLabelValues(version, commit, runtime.Version()).Set(1)
	reg.MustRegister(m.matches, m.reloadSuccess, m.reloadTime, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}
