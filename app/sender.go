package app

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery"
)

// buildSender makes one notifier per destination (the terminal when none
// is configured, or all of them with --dry-run) and the outbox sender.
func (a *App) buildSender(cfg *config.Config) error {
	notifiers, err := delivery.NewNotifiers(cfg, a.opts.Terminal, a.opts.Color, a.opts.DryRun)
	if err != nil {
		return err
	}
	a.deliveryMetrics = delivery.NewMetrics(a.reg)
	var leases delivery.Leaser // none for a one-off sender (send-test)
	if a.inst.leases != nil {
		leases = a.inst.leases
	}
	s, err := delivery.NewSender(delivery.SenderOptions{
		Store: a.store, Notifiers: notifiers, Config: cfg, Logger: a.log,
		Metrics: a.deliveryMetrics, Now: a.opts.Now, Leases: leases,
	})
	if err != nil {
		return err
	}
	a.sender = s
	return nil
}

// SendTest posts a sample alert to one destination, to check a webhook or
// channel. It works beside a running daemon: it only reads the state file.
func SendTest(ctx context.Context, opts Options, dest string) (string, error) {
	opts = withDefaults(opts)
	cfg, err := LoadConfig(opts.ConfigPath, opts.LookupEnv)
	if err != nil {
		return "", err
	}
	if err := knownDestination(cfg, dest); err != nil {
		return "", err
	}
	st, err := OpenState(ctx, cfg)
	if err != nil {
		return "", err
	}
	defer st.Close()
	a := &App{opts: opts, log: opts.Logger, store: st, reg: prometheus.NewRegistry()}
	if err := a.buildSender(cfg); err != nil {
		return "", err
	}
	return a.sender.SendTest(ctx, dest)
}

// knownDestination refuses a name that is not a configured destination,
// listing those that are.
func knownDestination(cfg *config.Config, dest string) error {
	if _, ok := cfg.Destination(dest); ok {
		return nil
	}
	if len(cfg.Destinations) == 0 {
		return fmt.Errorf("send test: no destinations are configured (add one under destinations: in %s)", cmp.Or(cfg.Path, "the config"))
	}
	names := make([]string, len(cfg.Destinations))
	for i, d := range cfg.Destinations {
		names[i] = d.Name
	}
	return fmt.Errorf("send test: unknown destination %q; configured: %s", dest, strings.Join(names, ", "))
}
