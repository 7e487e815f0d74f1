package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/sanctions"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
	"github.com/sanctionwatch/sanctionwatch/watchers"
)

// Options are what the command line (or a test) gives the app.
type Options struct {
	ConfigPath string // "" runs on the embedded default config
	LookupEnv  func(string) (string, bool)
	Logger     *slog.Logger
	// Reload, when it receives, reloads config and rules (SIGHUP).
	Reload <-chan struct{}
	// DryRun prints alerts to Terminal instead of posting them.
	DryRun   bool
	Terminal io.Writer // where the terminal destination prints
	Color    bool      // ANSI colour on Terminal
	Version  string
	Commit   string
	// HTTPClient fetches feeds and lists; nil means a default client.
	HTTPClient *http.Client
	// DiscordTransport carries Discord requests; nil means the default.
	DiscordTransport http.RoundTripper
	Now              func() time.Time
}

// App is a running sanctionwatch. Build it with New, run it with Run.
type App struct {
	opts    Options
	log     *slog.Logger
	cfg     atomic.Pointer[config.Config]
	rules   atomic.Pointer[rules.RuleSet]
	router  atomic.Pointer[delivery.Router]
	store   *store.Store
	lock    *store.Lock
	watcher *watchers.Watcher
	sender  *delivery.Sender
	lists   *sanctions.Importer
	reg     *prometheus.Registry
	metrics *metrics
	// deliveryMetrics is shared by the sender and the poll hook that
	// counts queued alerts.
	deliveryMetrics *delivery.Metrics
	health          *healthServer
	readers         *readers // nil unless interactions are configured

	reloadMu   sync.Mutex
	rulesPrint string // rulesFingerprint of the rules running; guarded by reloadMu
	running    atomic.Bool
}

// New loads the config and rules, takes the state file and opens the
// store, and builds every part, without starting anything. It fails on any
// invalid input, listing every problem.
func New(ctx context.Context, opts Options) (*App, error) {
	opts = withDefaults(opts)
	a := &App{opts: opts, log: opts.Logger, reg: prometheus.NewRegistry()}
	cfg, err := LoadConfig(opts.ConfigPath, opts.LookupEnv)
	if err != nil {
		return nil, err
	}
	if opts.DryRun {
		// A dry run marks what it prints as sent; on the real state file
		// that would keep those alerts from ever reaching Discord.
		cfg.StateFile += ".dry-run"
	}
	a.cfg.Store(cfg)
	if err := a.openStore(ctx, cfg); err != nil {
		return nil, err
	}
	if err := a.build(ctx, cfg); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

func withDefaults(o Options) Options {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.LookupEnv == nil {
		o.LookupEnv = func(string) (string, bool) { return "", false }
	}
	if o.Terminal == nil {
		o.Terminal = io.Discard
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.HTTPClient == nil {
		// Feeds set their own timeouts per request; this bounds list
		// downloads, which can be tens of megabytes.
		o.HTTPClient = &http.Client{Timeout: 10 * time.Minute}
	}
	if o.Version == "" {
		o.Version = "dev"
	}
	return o
}

func (a *App) openStore(ctx context.Context, cfg *config.Config) error {
	lock, err := store.AcquireLock(cfg.StateFile)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.StateFile)
	if err != nil {
		lock.Release()
		return err
	}
	a.lock, a.store = lock, st
	return nil
}

// build makes rules, routing, watcher, sender and importer from cfg.
func (a *App) build(ctx context.Context, cfg *config.Config) error {
	a.metrics = newMetrics(a.reg, a.opts.Version, a.opts.Commit)
	a.reg.MustRegister(newFeedbackCollector(a.store, a.opts.Now))
	rs, router, err := a.compile(ctx, cfg)
	if err != nil {
		return err
	}
	a.rules.Store(rs)
	a.router.Store(router)
	a.rulesPrint = rulesFingerprint(cfg)
	a.applyHistory(cfg.History)
	a.metrics.reloadSuccess.Set(1)
	a.metrics.reloadTime.SetToCurrentTime()
	if err := a.buildSender(cfg); err != nil {
		return err
	}
	if err := a.buildWatcher(cfg); err != nil {
		return err
	}
	if err := a.buildReaders(cfg); err != nil {
		return err
	}
	a.lists = &sanctions.Importer{Store: a.store, Client: a.opts.HTTPClient, Log: a.log,
		AdminRoute: cfg.Routing.Admin, Now: a.opts.Now}
	if cfg.HTTP.Listen != "" {
		h, err := listenHealth(cfg.HTTP.Listen, a.reg, a.readiness)
		if err != nil {
			return err
		}
		a.health = h
	}
	return nil
}

// compile loads rules (with sanctions-list entities) and routing for cfg.
func (a *App) compile(ctx context.Context, cfg *config.Config) (*rules.RuleSet, *delivery.Router, error) {
	ents, err := listEntities(ctx, a.store, cfg.Lists)
	if err != nil {
		return nil, nil, err
	}
	rs, err := LoadRules(cfg, ents)
	if err != nil {
		return nil, nil, err
	}
	if err := checkRoutes(cfg, rs); err != nil {
		return nil, nil, err
	}
	router, err := delivery.NewRouter(cfg)
	if err != nil {
		return nil, nil, err
	}
	return rs, router, nil
}

func (a *App) buildWatcher(cfg *config.Config) error {
	w, err := watchers.New(watchers.Options{
		Store: a.store, Watch: cfg.Watch, Contact: cfg.Contact, Version: a.opts.Version,
		Classify: a.classify, Logger: a.log, Metrics: watchers.NewMetrics(a.reg),
		Now: a.opts.Now, HTTPClient: a.opts.HTTPClient, OnHealth: a.feedHealth, OnQueued: a.queued,
	})
	if err != nil {
		return err
	}
	if err := w.SetFeeds(cfg.Feeds); err != nil {
		return err
	}
	a.watcher = w
	return nil
}

// classify matches a new story against the current rules and routes the
// matches: the one place where watchers meet rules and delivery.
func (a *App) classify(feed config.Feed, s story.Story) []story.Alert {
	rs := a.rules.Load()
	res := rs.MatchWith(&s, rules.MatchOptions{Allow: feedFilter(feed)})
	if len(res.Matches) == 0 {
		return nil
	}
	for _, m := range res.Matches {
		a.metrics.matches.WithLabelValues(m.RuleID).Inc()
	}
	alerts := a.applyMutes(a.router.Load().Route(s, res.Matches))
	for _, al := range alerts {
		a.log.Info("alert", slog.String("feed", feed.Name), slog.String("title", s.Title),
			slog.String("destination", al.Destination), slog.String("severity", al.Severity.String()),
			slog.Any("rules", matchIDs(res.Matches)))
	}
	return alerts
}

// feedFilter limits a feed to the rules it names by id or tag.
func feedFilter(f config.Feed) func(string, []string) bool {
	if len(f.Rules) == 0 {
		return nil
	}
	return func(id string, tags []string) bool {
		for _, want := range f.Rules {
			if want == id || slices.Contains(tags, want) {
				return true
			}
		}
		return false
	}
}

func matchIDs(ms []story.Match) []string {
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.RuleID
	}
	return ids
}

// queued counts committed alerts and wakes the sender for them.
func (a *App) queued(alerts []story.Alert) {
	a.deliveryMetrics.AlertsQueued(alerts)
	a.sender.Wake()
}

// feedHealth tells the operator, once, when a feed starts failing and when
// it recovers.
func (a *App) feedHealth(ch watchers.FeedHealthChange) {
	title := fmt.Sprintf("Feed %q recovered", ch.Feed)
	text := "It is polling normally again."
	if ch.Failing {
		title = fmt.Sprintf("Feed %q is failing", ch.Feed)
		text = fmt.Sprintf("%d consecutive failures; last error: %s", ch.Failures, ch.Err)
	}
	a.notice(title, text)
}

// notice queues an operator notice for the admin destination, if any.
func (a *App) notice(title, text string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := a.sender.EnqueueNotice(ctx, title, text); err != nil {
		a.log.Warn("queue notice", slog.String("title", title), slog.Any("error", err))
	}
}

func (a *App) readiness() error {
	switch {
	case a.rules.Load() == nil:
		return errors.New("rules not loaded")
	case !a.running.Load():
		return errors.New("scheduler not running")
	}
	return a.store.DB().Ping()
}

// Close releases the store and the state-file lock. Run calls it on exit.
func (a *App) Close() error {
	var errs []error
	if a.store != nil {
		errs = append(errs, a.store.Close())
		a.store = nil
	}
	if a.lock != nil {
		errs = append(errs, a.lock.Release())
		a.lock = nil
	}
	return errors.Join(errs...)
}
