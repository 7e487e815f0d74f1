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
	base             http.RoundTripper
	answered, failed atomic.Int64
}

func (n *netWatch) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := n.base.RoundTrip(r)
	switch {
	case err == nil:
		n.answered.Add(1)
	case r.Context().Err() == nil: // not our own cancellation or timeout
		n.failed.Add(1)
	}
	return resp, err
}

// watchNetwork wraps the client's transport in a netWatch.
func watchNetwork(c *http.Client) (*http.Client, *netWatch) {
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	nw := &netWatch{base: base}
	wrapped := *c
	wrapped.Transport = nw
	return &wrapped, nw
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
	return []slog.Attr{slog.String("alerts_to", alerts), slog.String("state_file", cfg.StateFile)}
}
