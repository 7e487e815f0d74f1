package app

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// networkGrace is how long a new daemon waits before judging the network;
// a variable so that tests need not wait for it.
var networkGrace = 30 * time.Second

// netWatch counts requests that got an HTTP answer, of any status, and
// those that failed before one (DNS, connect, TLS, timeout). When at the
// end of the daemon's first moments none got an answer and some failed,
// the network or a proxy is down rather than the feeds, and the daemon
// says so once instead of leaving the user to infer it from a failure per
// feed.
type netWatch struct {
	answered, failed atomic.Int64
}

// wrap counts the answers and failures of requests made through rt.
func (n *netWatch) wrap(rt http.RoundTripper) http.RoundTripper {
	return &countingTransport{base: rt, n: n}
}

type countingTransport struct {
	base http.RoundTripper
	n    *netWatch
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(r)
	switch {
	case err == nil:
		c.n.answered.Add(1)
	case r.Context().Err() == nil: // not our own cancellation or timeout
		c.n.failed.Add(1)
	}
	return resp, err
}

// judgeNetwork waits out the grace period, then warns once if nothing
// answered and something failed.
func (a *App) judgeNetwork(ctx context.Context) error {
	t := time.NewTimer(networkGrace)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return nil
	case <-t.C:
	}
	if a.net.answered.Load() == 0 && a.net.failed.Load() > 0 {
		a.log.Warn("the network looks down: no feed or list server has answered since start; polls go on and alerts will follow when it is back",
			slog.Int64("failed_requests", a.net.failed.Load()))
	}
	return nil
}

// whereThingsGo says at start where alerts go and where state is kept,
// the two things a new user looks for first.
func whereThingsGo(cfg *config.Config, dryRun bool) []slog.Attr {
	alerts := "this terminal (no destinations configured)"
	if len(cfg.Destinations) > 0 && !dryRun {
		names := make([]string, len(cfg.Destinations))
		for i, d := range cfg.Destinations {
			names[i] = d.Name
		}
		alerts = strings.Join(names, ", ")
	}
	if dryRun {
		alerts = "this terminal (--dry-run)"
	}
	return []slog.Attr{slog.String("alerts_to", alerts), slog.String("state", stateName(cfg))}
}
