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
	"github.com/sanctionwatch/sanctionwatch/language"
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
	Color    bool      // ANSI color on Terminal
	Version  string
	Commit   string
	// HTTPClient downloads sanctions lists; nil means a client with the
	// feeds' transport settings and address guard (watch.*).
	HTTPClient *http.Client
	Now        func() time.Time
}

// ruling is a rule set and the routing checked with it. They are swapped
// as one, so that a story matched on new rules is never routed by the old
// router (which would send a rule routed to a new destination to the
// default one).
type ruling struct {
	*rules.RuleSet
	router *delivery.Router
}

// App is a running sanctionwatch. Build it with New, run it with Run.
type App struct {
	opts    Options
	log     *slog.Logger
	cfg     atomic.Pointer[config.Config]
	rules   atomic.Pointer[ruling] // swapped whole: see ruling
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
	readers         *readers  // nil unless interactions are configured
	net             *netWatch // counts answers from feed and list servers
	entities        entityCache

	listSched        *listSchedule
	retentionChanged chan struct{}

	inst       instance               // this process among those sharing the state
	listsPrint atomic.Pointer[string] // listImports the running rules were compiled with

	reloadMu   sync.Mutex
	rulesPrint string // rulesFingerprint of the rules running; guarded by reloadMu
	running    atomic.Bool
}

// New makes every check validate makes, then takes the state file, opens
// the store and builds every part, without starting anything. It fails on
// any invalid input, listing every problem, before it writes anything.
func New(ctx context.Context, opts Options) (*App, error) {
	opts = withDefaults(opts)
	a := &App{opts: opts, log: opts.Logger, reg: prometheus.NewRegistry(), net: &netWatch{},
		listSched: newListSchedule(), retentionChanged: make(chan struct{}, 1)}
	cfg, err := loadConfigAll(opts.ConfigPath, opts.LookupEnv)
	if err != nil {
		return nil, checkBroken(ctx, cfg, err)
	}
	if opts.DryRun {
		dryRunState(cfg)
	}
	lists, err := readLists(ctx, cfg)
	if err != nil {
		return nil, err
	}
	rs, router, err := check(cfg, nil, lists)
	if err != nil {
		return nil, err
	}
	a.cfg.Store(cfg)
	if err := a.openStore(ctx, cfg); err != nil {
		return nil, err
	}
	a.inst = newInstance(a.store, a.log, opts.Now())
	if p, ok := a.noteLists(ctx); ok {
		// After the read of the lists above: an import landing between
		// them only costs one more compile.
		a.listsPrint.Store(&p)
	}
	if err := a.build(ctx, cfg, rs, router); err != nil {
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
	if o.Version == "" {
		o.Version = "dev"
	}
	return o
}

func (a *App) openStore(ctx context.Context, cfg *config.Config) error {
	st, lock, err := openState(ctx, cfg)
	if err != nil {
		return err
	}
	a.lock, a.store = lock, st
	return nil
}

// build makes watcher, sender and importer from cfg, and installs the
// rules and routing checked with it.
func (a *App) build(ctx context.Context, cfg *config.Config, rs *rules.RuleSet, router *delivery.Router) error {
	a.metrics = newMetrics(a.reg, a.opts.Version, a.opts.Commit)
	a.reg.MustRegister(newFeedbackCollector(a.store, a.opts.Now))
	a.rules.Store(&ruling{RuleSet: rs, router: router})
	a.rulesPrint = rulesFingerprint(cfg)
	a.applyHistory(cfg.History)
	a.metrics.reloadSuccess.Set(1)
	a.metrics.reloadTime.SetToCurrentTime()
	if err := a.buildSender(cfg); err != nil {
		return err
	}
	if err := a.buildWatcher(ctx, cfg); err != nil {
		return err
	}
	if err := a.buildReaders(cfg); err != nil {
		return err
	}
	a.lists = &sanctions.Importer{Store: a.store, Client: a.listClient(cfg), Log: a.log,
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

// listDownload bounds one list download, which can be tens of megabytes.
const listDownload = 10 * time.Minute

// listClient downloads sanctions lists with the feeds' transport settings
// and address guard, unless the caller supplied a client.
func (a *App) listClient(cfg *config.Config) *http.Client {
	if a.opts.HTTPClient != nil {
		return a.opts.HTTPClient
	}
	c := watchers.NewClient(cfg.Watch, listDownload)
	c.Transport = a.net.wrap(c.Transport)
	return c
}

// compile loads rules (with sanctions-list entities) and routing for cfg.
func (a *App) compile(ctx context.Context, cfg *config.Config) (*rules.RuleSet, *delivery.Router, error) {
	lists, err := listEntities(ctx, a.store, cfg.Lists, &a.entities)
	if err != nil {
		return nil, nil, err
	}
	return check(cfg, nil, lists)
}

func (a *App) buildWatcher(ctx context.Context, cfg *config.Config) error {
	filer, err := newEventFiler(ctx, a.store, cfg, func() *rules.RuleSet { return a.rules.Load().RuleSet }, a.opts.Now, a.log)
	if err != nil {
		return err
	}
	w, err := watchers.New(watchers.Options{
		Store: a.store, Watch: cfg.Watch, Contact: cfg.Contact, Version: a.opts.Version,
		Classify: a.classify, Logger: a.log, Metrics: watchers.NewMetrics(a.reg),
		Now: a.opts.Now, OnHealth: a.feedHealth, OnQueued: a.queued, Transport: a.net.wrap,
		Events: filer, Leases: a.inst.leases,
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
	rs := a.rules.Load() // one load: the router must be the one checked with these rules
	language.Tag(&s)     // before matching: lang: conditions, routing and the alert use it
	res := rs.MatchWith(&s, rules.MatchOptions{Allow: feedFilter(feed)})
	if len(res.Matches) == 0 {
		return nil
	}
	for _, m := range res.Matches {
		a.metrics.matches.WithLabelValues(m.RuleID).Inc()
	}
	alerts := a.applyMutes(rs.router.Route(s, res.Matches))
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
