package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"
	"golang.org/x/sync/errgroup"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// Run starts the scheduler, the sender, the health endpoint, the reload
// triggers and the list imports, and blocks until ctx ends. On the way out
// it stops scheduling, lets polls in flight finish, gives the sender the
// configured grace period to flush the outbox, and closes the store.
// Nothing queued is lost: what is not sent stays in the outbox.
func (a *App) Run(ctx context.Context) error {
	defer a.Close()
	cfg := a.cfg.Load()
	// The sender outlives the watcher by the shutdown grace, so alerts
	// queued by the last polls still go out.
	sendCtx, stopSend := context.WithCancel(context.WithoutCancel(ctx))
	defer stopSend()
	var sendErr error
	sendDone := make(chan struct{})
	go func() {
		defer close(sendDone)
		sendErr = a.sender.Run(sendCtx)
	}()

	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return a.watcher.Run(gctx) })
	if a.health != nil {
		g.Go(func() error { return a.health.serve(gctx, a.log) })
	}
	g.Go(func() error { return a.reloadLoop(gctx, cfg) })
	g.Go(func() error { return a.runLists(gctx) })
	g.Go(func() error { return a.pruneLoop(gctx, cfg.Watch.Retention) })
	if a.readers != nil {
		g.Go(func() error { return a.runReaders(gctx) })
	}
	a.running.Store(true)
	a.log.Info("running", slog.Int("feeds", len(cfg.Feeds)), slog.Int("rules", a.rules.Load().Stats().Rules),
		slog.Int("destinations", len(cfg.Destinations)))
	err := g.Wait()
	a.running.Store(false)

	a.drain(stopSend, cfg.Delivery.ShutdownGrace)
	<-sendDone
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	if sendErr != nil && !errors.Is(sendErr, context.Canceled) {
		err = errors.Join(err, sendErr)
	}
	a.log.Info("stopped")
	return err
}

// drain flushes the outbox for up to grace, then stops the sender.
func (a *App) drain(stop context.CancelFunc, grace time.Duration) {
	defer stop()
	if grace <= 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := a.sender.Flush(ctx); err != nil {
		a.log.Warn("outbox not flushed before shutdown; the rest is sent at next start", slog.Any("error", err))
	}
}

// reloadLoop reloads on the Reload channel (SIGHUP) and on changes to the
// config file or rule files.
func (a *App) reloadLoop(ctx context.Context, cfg *config.Config) error {
	changed := make(chan struct{}, 1)
	fw, err := newFileWatcher(cfg.Path, cfg.Rules.Paths)
	if err != nil {
		a.log.Warn("rule and config files are not watched; reload with SIGHUP", slog.Any("error", err))
	} else {
		done := make(chan struct{})
		defer func() { <-done }()
		go func() { defer close(done); fw.run(ctx, changed, a.log) }()
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-a.opts.Reload:
		case <-changed:
		}
		a.Reload(ctx)
	}
}

// Reload loads and checks config and rules and, if all is valid, swaps
// them in: new matches use the new rules, matches in flight finish on the
// old ones. If anything is invalid the old config and rules keep running,
// every error is logged, and the admin destination is told.
func (a *App) Reload(ctx context.Context) error {
	a.reloadMu.Lock()
	defer a.reloadMu.Unlock()
	err := a.reload(ctx)
	if err != nil {
		a.metrics.reloadSuccess.Set(0)
		a.log.Error("reload failed; keeping the running config and rules", slog.Any("error", err))
		a.notice("Reload failed: old rules kept", err.Error())
		return err
	}
	a.metrics.reloadSuccess.Set(1)
	a.metrics.reloadTime.SetToCurrentTime()
	return nil
}

func (a *App) reload(ctx context.Context) error {
	old := a.cfg.Load()
	cfg, err := LoadConfig(old.Path, a.opts.LookupEnv)
	if err != nil {
		return err
	}
	if cfg.StateFile != old.StateFile {
		return fmt.Errorf("state_file changed from %s to %s: restart to move state", old.StateFile, cfg.StateFile)
	}
	rs, router, err := a.compile(ctx, cfg)
	if err != nil {
		return err
	}
	if err := a.watcher.SetFeeds(cfg.Feeds); err != nil {
		return err
	}
	oldRS, fp := a.rules.Load(), rulesFingerprint(cfg)
	a.rules.Store(rs)
	a.router.Store(router)
	a.cfg.Store(cfg)
	a.applyHistory(cfg.History)
	if fp != a.rulesPrint {
		a.rulesPrint = fp
		a.reportRuleChange(ctx, old, cfg, oldRS, rs)
	}
	st := rs.Stats()
	a.log.Info("reloaded", slog.Int("rules", st.Rules), slog.Int("terms", st.Terms),
		slog.Int("entities", st.Entities), slog.Int("feeds", len(cfg.Feeds)))
	return nil
}

// runLists imports each configured sanctions list on its schedule, and at
// once if it was never imported. A changed list reloads the rules so its
// names are watched.
func (a *App) runLists(ctx context.Context) error {
	cfg := a.cfg.Load()
	if len(cfg.Lists) == 0 {
		return nil
	}
	c := cron.New(cron.WithParser(cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)))
	for _, l := range cfg.Lists {
		if _, err := c.AddFunc(l.Schedule, func() { a.importList(ctx, l) }); err != nil {
			return fmt.Errorf("list %s: schedule %q: %w", l.Name, l.Schedule, err)
		}
		if _, ok, err := a.store.LastListImport(ctx, l.Name); err == nil && !ok {
			a.importList(ctx, l)
		}
	}
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

func (a *App) importList(ctx context.Context, l config.List) {
	if len(l.Route) == 0 {
		l.Route = a.router.Load().Default()
	}
	res, err := a.lists.Import(ctx, l)
	if err != nil {
		a.log.Warn("list import failed; last good import kept", slog.String("list", l.Name), slog.Any("error", err))
		return
	}
	if res.First || !res.Changes.Empty() {
		a.Reload(ctx)
	}
}

// Once imports the sanctions lists, polls every feed once, sends what it
// can, and returns. It fails
// only if no feed could be polled.
func (a *App) Once(ctx context.Context) error {
	defer a.Close()
	for _, l := range a.cfg.Load().Lists {
		a.importList(ctx, l)
	}
	sum, err := a.watcher.PollAll(ctx)
	a.log.Info("polled", slog.Int("feeds", sum.Feeds), slog.Int("polled", sum.Polled),
		slog.Int("failed", sum.Failed), slog.Int("new_stories", sum.NewStories), slog.Int("alerts", sum.Alerts))
	// Retries can wait for minutes; once is for cron jobs, so it gives up
	// after the grace period and leaves the rest queued for next time.
	flushCtx, cancel := context.WithTimeout(ctx, max(a.cfg.Load().Delivery.ShutdownGrace, 30*time.Second))
	defer cancel()
	if ferr := a.sender.Flush(flushCtx); ferr != nil {
		a.log.Warn("outbox not fully sent; the rest goes out next time", slog.Any("error", ferr))
	}
	return err
}

// pruneLoop drops seen-story records older than the retention, daily.
func (a *App) pruneLoop(ctx context.Context, retention time.Duration) error {
	if retention <= 0 {
		return nil
	}
	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		n, err := a.store.Prune(ctx, retention)
		switch {
		case err != nil && ctx.Err() == nil:
			a.log.Warn("prune seen stories", slog.Any("error", err))
		case n > 0:
			a.log.Info("pruned seen stories", slog.Int("records", n))
		}
		a.pruneTexts(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
