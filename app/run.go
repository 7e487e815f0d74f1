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
	"github.com/sanctionwatch/sanctionwatch/sanctions"
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
	g.Go(func() error { return a.judgeNetwork(gctx) })
	a.running.Store(true)
	a.log.LogAttrs(ctx, slog.LevelInfo, "running", append([]slog.Attr{slog.Int("feeds", len(cfg.Feeds)),
		slog.Int("rules", a.rules.Load().Stats().Rules)}, whereThingsGo(cfg, a.opts.DryRun)...)...)
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
	a.rules.Store(rs)
	a.router.Store(router)
	a.cfg.Store(cfg)
	st := rs.Stats()
	a.log.Info("reloaded", slog.Int("rules", st.Rules), slog.Int("terms", st.Terms),
		slog.Int("entities", st.Entities), slog.Int("feeds", len(cfg.Feeds)))
	return nil
}

// runLists imports the configured sanctions lists on their schedules, and
// at once those never imported. Lists due together are one batch, and a
// batch that changed anything recompiles the rules once: compiling costs
// far more than parsing a list, so four lists must not compile four times.
func (a *App) runLists(ctx context.Context) error {
	cfg := a.cfg.Load()
	if len(cfg.Lists) == 0 {
		return nil
	}
	c := cron.New(cron.WithParser(config.CronParser))
	for spec, batch := range listsBySchedule(cfg.Lists) {
		if _, err := c.AddFunc(spec, func() { a.importLists(ctx, batch) }); err != nil {
			return fmt.Errorf("list %s: schedule %q: %w", batch[0].Name, spec, err)
		}
	}
	var never []config.List
	for _, l := range cfg.Lists {
		if _, ok, err := a.store.LastListImport(ctx, l.Name); err == nil && !ok {
			never = append(never, l)
		}
	}
	a.importLists(ctx, never)
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

// listsBySchedule groups lists that share a schedule, in config order.
func listsBySchedule(lists []config.List) map[string][]config.List {
	out := map[string][]config.List{}
	for _, l := range lists {
		out[l.Schedule] = append(out[l.Schedule], l)
	}
	return out
}

// importLists imports a batch of lists and reloads the rules once if any
// of them was new or changed.
func (a *App) importLists(ctx context.Context, batch []config.List) {
	changed := false
	for i, l := range batch {
		if ctx.Err() != nil {
			return
		}
		a.log.Info("importing sanctions list", slog.String("list", l.Name),
			slog.Int("n", i+1), slog.Int("of", len(batch)))
		changed = a.importList(ctx, l) || changed
	}
	if changed {
		start := time.Now()
		a.log.Info("compiling rules with the imported lists")
		if a.Reload(ctx) == nil {
			a.log.Info("listed names are watched", slog.Duration("took", time.Since(start)))
		}
	}
}

// importList imports one list and reports whether the rules must be
// recompiled for it.
func (a *App) importList(ctx context.Context, l config.List) bool {
	if len(l.Route) == 0 {
		l.Route = a.router.Load().Default()
	}
	res, err := a.lists.Import(ctx, l)
	if err != nil {
		a.log.Warn("list import failed; last good import kept", slog.String("list", l.Name), slog.Any("error", err))
		return false
	}
	changed := res.First || !res.Changes.Empty()
	if changed {
		// The parties are in memory: hand their entities to the compile
		// that follows instead of decoding them back from the store.
		if fetched, ok, err := a.store.ListFetchedAt(ctx, l.Name); err == nil && ok {
			a.entities.put(l.Name, fetched, sanctions.Entities(l.Name, res.Parties))
		}
	}
	return changed
}

// Once imports the sanctions lists, polls every feed once, sends what it
// can, and returns. It fails
// only if no feed could be polled.
func (a *App) Once(ctx context.Context) error {
	defer a.Close()
	a.importLists(ctx, a.cfg.Load().Lists)
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
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
