package app

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"time"

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
	g.Go(func() error { return a.pruneLoop(gctx) })
	g.Go(func() error { return a.judgeNetwork(gctx) })
	g.Go(func() error { return a.beat(gctx) })
	g.Go(func() error { return a.listenOutbox(gctx) })
	if a.readers != nil {
		g.Go(func() error { return a.runReaders(gctx) })
	}
	a.running.Store(true)
	a.log.LogAttrs(ctx, slog.LevelInfo, "running", append([]slog.Attr{slog.Int("feeds", len(cfg.Feeds)),
		slog.Int("rules", a.rules.Load().Stats().Rules)}, whereThingsGo(cfg, a.opts.DryRun)...)...)
	err := g.Wait()
	a.running.Store(false)

	a.drain(sendDone, stopSend, a.cfg.Load().Delivery.ShutdownGrace)
	a.releaseLeases(ctx)
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	if sendErr != nil && !errors.Is(sendErr, context.Canceled) {
		err = errors.Join(err, sendErr)
	}
	a.log.Info("stopped")
	return err
}

// drain tells the sender to finish its queues and gives it grace to do
// so, then stops it and waits for it: the sender's own workers do the
// flush, so no alert is taken off a queue twice, and every Discord call
// ends with the context, so the wait is bounded by grace whatever Discord
// does. What was not sent stays queued.
//
// Halfway through a short grace (five seconds before the end of a long
// one) the sender starts no new delivery, so that the requests in flight
// can end on their own before the grace does: one cut off after Discord
// posted it would be posted again at the next start.
func (a *App) drain(done <-chan struct{}, stop context.CancelFunc, grace time.Duration) {
	defer func() { stop(); <-done }()
	a.sender.Finish()
	grace = max(grace, 0)
	halt := time.NewTimer(haltAt(grace))
	defer halt.Stop()
	end := time.NewTimer(grace)
	defer end.Stop()
	for {
		select {
		case <-done:
			return
		case <-halt.C:
			a.sender.Halt()
		case <-end.C:
			a.log.Warn("outbox not flushed before shutdown; the rest is sent at next start",
				slog.Duration("grace", grace))
			return
		}
	}
}

// haltAt is when, in a grace, the sender stops starting deliveries:
// halfway through a short one, five seconds before the end of a long one.
func haltAt(grace time.Duration) time.Duration { return grace - min(grace/2, 5*time.Second) }

// reloadLoop reloads on the Reload channel (SIGHUP) and on changes to the
// config file or rule files. A reload that changes rules.paths watches the
// new paths from then on.
func (a *App) reloadLoop(ctx context.Context, cfg *config.Config) error {
	changed := make(chan struct{}, 1)
	fw := a.watchFiles(ctx, cfg, changed)
	defer func() { fw.stop() }()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-a.opts.Reload:
		case <-changed:
		}
		a.Reload(ctx)
		if next := a.cfg.Load(); !slices.Equal(next.Rules.Paths, fw.paths) {
			fw.stop()
			fw = a.watchFiles(ctx, next, changed)
		}
	}
}

// runningWatch is a file watcher's goroutine, owned by reloadLoop.
type runningWatch struct {
	paths []string // the rule paths watched
	stop  func()   // ends the watcher and waits for it
}

// watchFiles watches cfg's config file and rule paths, sending on changed,
// until the returned watch is stopped or ctx ends. If the files cannot be
// watched, it says so and reloads come only from SIGHUP.
func (a *App) watchFiles(ctx context.Context, cfg *config.Config, changed chan<- struct{}) runningWatch {
	rw := runningWatch{paths: cfg.Rules.Paths, stop: func() {}}
	fw, err := newFileWatcher(cfg.Path, cfg.Rules.Paths)
	if err != nil {
		a.log.Warn("rule and config files are not watched; reload with SIGHUP", slog.Any("error", err))
		return rw
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); fw.run(ctx, changed, a.log) }()
	rw.stop = func() { cancel(); <-done }
	return rw
}

// importLists imports a batch of lists and reloads the rules once if any
// of them was new or changed: compiling costs far more than parsing a
// list, so four lists must not compile four times.
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
		l.Route = a.rules.Load().router.Default()
	}
	cfg := a.cfg.Load() // as reloaded
	im := *a.lists
	im.AdminRoute, im.Client = cfg.Routing.Admin, a.listClient(cfg)
	res, err := im.Import(ctx, l)
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
	a.importListsLeased(ctx, a.cfg.Load().Lists)
	sum, err := a.watcher.PollAll(ctx)
	a.log.Info("polled", slog.Int("feeds", sum.Feeds), slog.Int("polled", sum.Polled),
		slog.Int("failed", sum.Failed), slog.Int("new_stories", sum.NewStories), slog.Int("alerts", sum.Alerts))
	// Retries can wait for minutes; once is for cron jobs, so it gives up
	// after the grace period as written (a short one is meant: a cron slot)
	// and leaves the rest queued for next time.
	grace := max(a.cfg.Load().Delivery.ShutdownGrace, 0)
	flushCtx, cancel := context.WithTimeout(ctx, grace)
	defer cancel()
	// As at shutdown, no delivery starts late in the grace, so none is
	// cut off after Discord may have acted on it (see drain).
	halt := time.AfterFunc(haltAt(grace), a.sender.Halt)
	defer halt.Stop()
	if ferr := a.sender.Flush(flushCtx); ferr != nil {
		a.log.Warn("outbox not fully sent; the rest goes out next time", slog.Any("error", ferr))
	}
	a.releaseLeases(ctx)
	return err
}

// pruneLoop drops seen-story records older than the retention in force,
// daily, and at once when a reload changes the retention.
func (a *App) pruneLoop(ctx context.Context) error {
	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		a.pruneLeased(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		case <-a.retentionChanged:
		}
	}
}

// prune drops seen-story records and story texts past their retention,
// and the instances silent for a day.
func (a *App) prune(ctx context.Context) {
	cfg := a.cfg.Load() // one config for the whole prune, even across a reload
	n, err := a.store.Prune(ctx, cfg.Watch.Retention)
	a.logPrune(ctx, "seen stories", "records", n, err)
	n, err = a.store.PruneTexts(ctx, cfg.History.Retention)
	a.logPrune(ctx, "story texts", "texts", n, err)
	n, err = a.store.ForgetInstances(ctx)
	a.logPrune(ctx, "silent instances", "instances", n, err)
}

// logPrune reports one prune step: its error, unless the daemon is
// stopping, or how many units it dropped, when any.
func (a *App) logPrune(ctx context.Context, what, unit string, n int, err error) {
	switch {
	case err != nil && ctx.Err() == nil:
		a.log.Warn("prune "+what, slog.Any("error", err))
	case n > 0:
		a.log.Info("pruned "+what, slog.Int(unit, n))
	}
}
