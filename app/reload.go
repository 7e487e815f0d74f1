package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery"
)

// Reload loads and checks config and rules and, if every part is valid,
// applies every part: rules and routing, destinations and their workers,
// watch settings and feeds, list schedules, retention. New matches use the
// new rules; matches in flight finish on the old ones. If anything is
// invalid, or needs a restart, nothing changes: the old state keeps
// running whole, the error is logged and the admin destination is told.
func (a *App) Reload(ctx context.Context) error {
	a.reloadMu.Lock()
	defer a.reloadMu.Unlock()
	// Noted before compiling: an import landing during the compile then
	// shows as a change, and followLists compiles again.
	lists, noted := a.noteLists(ctx)
	err := a.reload(ctx)
	if err != nil {
		a.metrics.reloadSuccess.Set(0)
		a.log.Error("reload refused; keeping the running config and rules", slog.Any("error", err))
		a.notice("Reload refused: old config and rules kept", err.Error())
		return err
	}
	if noted {
		a.listsPrint.Store(&lists)
	}
	a.metrics.reloadSuccess.Set(1)
	a.metrics.reloadTime.SetToCurrentTime()
	return nil
}

// part is one subsystem's share of a reload: it checks the new config
// and returns how to apply it, changing nothing itself. apply must not
// fail: everything that can fail happens before any part is applied.
type part func(ctx context.Context, old, cfg *config.Config) (apply func(), err error)

func (a *App) reload(ctx context.Context) error {
	old := a.cfg.Load()
	cfg, err := LoadConfig(old.Path, a.opts.LookupEnv)
	if err != nil {
		return err
	}
	if a.opts.DryRun {
		dryRunState(cfg) // as New does
	}
	var applies []func()
	var errs []error
	for _, p := range []part{restartOnly, a.reloadRules, a.reloadDelivery, a.reloadWatch, a.reloadLists, a.reloadRetention} {
		apply, err := p(ctx, old, cfg)
		if err != nil {
			errs = append(errs, err)
		} else if apply != nil {
			applies = append(applies, apply)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	a.cfg.Store(cfg) // first: applied parts may read it (retention, admin route)
	for _, apply := range applies {
		apply()
	}
	a.log.Info("reloaded", slog.Int("rules", a.rules.Load().Stats().Rules), slog.Int("feeds", len(cfg.Feeds)),
		slog.Int("destinations", len(cfg.Destinations)), slog.Int("lists", len(cfg.Lists)))
	return nil
}

// restartOnly refuses changes that only a restart can make.
func restartOnly(_ context.Context, old, cfg *config.Config) (func(), error) {
	var errs []error
	changed := func(key string, was, is any) {
		if was != is {
			errs = append(errs, fmt.Errorf("%s changed from %v to %v: restart to apply it", key, was, is))
		}
	}
	changed("state_file", old.StateFile, cfg.StateFile)
	if old.StateDSN != cfg.StateDSN {
		errs = append(errs, errors.New("state_dsn changed: restart to apply it"))
	}
	changed("http.listen", old.HTTP.Listen, cfg.HTTP.Listen)
	changed("log.level", old.Log.Level, cfg.Log.Level)
	changed("log.format", old.Log.Format, cfg.Log.Format)
	// The event filer reads them once, when the watcher is built.
	changed("events.window", old.Events.Window, cfg.Events.Window)
	changed("events.merge", old.Events.Merge, cfg.Events.Merge)
	if !reflect.DeepEqual(old.Interactions, cfg.Interactions) {
		// The Gateway session and the endpoint are set up once, at start.
		errs = append(errs, errors.New("interactions changed: restart to apply them"))
	}
	return nil, errors.Join(errs...)
}

func (a *App) reloadRules(ctx context.Context, old, cfg *config.Config) (func(), error) {
	rs, router, err := a.compile(ctx, cfg)
	if err != nil {
		return nil, err
	}
	fp := rulesFingerprint(cfg)
	return func() {
		oldRS := a.rules.Load().RuleSet
		a.rules.Store(&ruling{RuleSet: rs, router: router})
		a.applyHistory(cfg.History)
		if fp != a.rulesPrint {
			a.rulesPrint = fp
			a.reportRuleChange(ctx, old, cfg, oldRS, rs)
		}
	}, nil
}

func (a *App) reloadDelivery(_ context.Context, _, cfg *config.Config) (func(), error) {
	notifiers, err := delivery.NewNotifiers(cfg, a.opts.Terminal, a.opts.Color, a.opts.DryRun)
	if err != nil {
		return nil, err
	}
	ds, err := a.sender.Prepare(cfg, notifiers)
	if err != nil {
		return nil, err
	}
	return func() { a.sender.Apply(ds) }, nil
}

func (a *App) reloadWatch(_ context.Context, _, cfg *config.Config) (func(), error) {
	plan, err := a.watcher.Prepare(cfg.Watch, cfg.Contact, cfg.Feeds)
	if err != nil {
		return nil, err
	}
	return func() { a.watcher.Apply(plan) }, nil
}

func (a *App) reloadLists(_ context.Context, old, cfg *config.Config) (func(), error) {
	if reflect.DeepEqual(old.Lists, cfg.Lists) {
		return nil, nil
	}
	plan, err := prepareLists(cfg.Lists)
	if err != nil {
		return nil, err
	}
	return func() { a.listSched.reschedule(plan) }, nil
}

func (a *App) reloadRetention(_ context.Context, old, cfg *config.Config) (func(), error) {
	if old.Watch.Retention == cfg.Watch.Retention {
		return nil, nil
	}
	return func() {
		select {
		case a.retentionChanged <- struct{}{}:
		default:
		}
	}, nil
}
