// Package watchers polls news feeds on their schedules and turns their new
// items into stories and alerts: fetching politely (conditional requests,
// limits, Retry-After, backoff), reading each document with package feed,
// and committing each poll to the store in one transaction so every story
// is seen, and alerted, exactly once.
package watchers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/feed"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Defaults for the parts of config.Watch left unset.
const (
	DefaultSchedule         = "@every 10m"
	DefaultConcurrency      = 8
	DefaultPerHost          = 2
	DefaultMaxBackoff       = 6 * time.Hour
	DefaultFailureThreshold = 5
)

// Options configures a Watcher. Store and Classify are required.
type Options struct {
	Store   *store.Store
	Watch   config.Watch
	Contact string // URL or e-mail for the User-Agent, until Prepare changes it
	Version string // for the User-Agent; "dev" when empty
	// Classify returns the alerts one new story raises; called once per
	// new story, never for a story seen before.
	Classify func(feed config.Feed, s story.Story) []story.Alert
	Logger   *slog.Logger
	Metrics  *Metrics // may be nil
	Now      func() time.Time
	// OnHealth, when set, is told once when a feed becomes failing and
	// once when it recovers.
	OnHealth func(FeedHealthChange)
	// OnQueued, if set, is called after a poll's alerts are committed to
	// the outbox, so the sender can start on them at once.
	OnQueued func([]story.Alert)
	// Events, if set, files the stories of a poll's alerts in events, in
	// the poll's transaction.
	Events EventFiler
	// Transport, if set, wraps the fetcher's HTTP transports, for a caller
	// that watches every request (whether the network answers at all).
	Transport func(http.RoundTripper) http.RoundTripper
	// Leases, if set, runs each poll under the lease "feed:<name>", so
	// that of several instances sharing one state, one polls a feed at a
	// time, and a dead instance's feeds are polled by the others once its
	// leases expire. nil polls without leases.
	Leases Leaser
}

// Leaser runs work under a named lease shared by every instance on the
// state (lease.Holder): f runs only if the lease could be taken, and took
// says whether it did.
type Leaser interface {
	Do(ctx context.Context, name string, ttl time.Duration, f func(context.Context) error) (took bool, err error)
}

// EventFiler places the stories of alerts in events: it sets each alert's
// Event and calls commit with the alerts and the reports to file, keeping
// its decisions only if commit succeeds.
type EventFiler interface {
	File(ctx context.Context, alerts []story.Alert, commit func([]story.Alert, []store.EventReport) error) error
}

// FeedHealthChange reports a feed crossing the failure threshold either way.
type FeedHealthChange struct {
	Feed     string
	Failing  bool   // true: became failing; false: recovered
	Failures int    // consecutive failures so far (0 on recovery)
	Err      string // the last error when failing
}

// ErrInFlight is returned by Poll when the feed is already being polled.
var ErrInFlight = errors.New("poll already in flight")

// Watcher schedules and polls feeds. Its methods are safe for concurrent use.
type Watcher struct {
	opts Options
	log  *slog.Logger
	set  atomic.Pointer[settings] // swapped whole by Apply
	cron *cron.Cron

	mu      sync.Mutex
	feeds   map[string]*watched
	failing map[string]bool
	runCtx  context.Context // set while Run runs; scheduled polls use it
	inPoll  sync.WaitGroup  // polls started by Poll and PollAll callers or cron jobs
	kicks   sync.WaitGroup  // polls at start and of added feeds, joined by Run

	// texts reads the text of the items a poll classifies:
	// feed.Document.Texts, which a test replaces to make a Reader's
	// recalled items disagree with their document, since no feed's bytes
	// can be made to do that on purpose.
	texts func(doc feed.Document, need []int) ([]story.Story, error)
}

// watched is one configured feed and its scheduling state.
type watched struct {
	cfg      config.Feed
	spec     string // the schedule as written (or the default); same spec, same entry
	schedule cron.Schedule
	entry    cron.EntryID
	busy     chan struct{} // holds a token while a poll is in flight
	reader   *feed.Reader  // used only by the poll holding busy
}

// New checks opts and returns a watcher with no feeds; call SetFeeds.
func New(opts Options) (*Watcher, error) {
	if opts.Store == nil || opts.Classify == nil {
		return nil, errors.New("new watcher: Store and Classify are required")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Version == "" {
		opts.Version = "dev"
	}
	w := &Watcher{
		opts:    opts,
		log:     opts.Logger,
		feeds:   map[string]*watched{},
		failing: map[string]bool{},
		texts:   feed.Document.Texts,
	}
	set, err := w.newSettings(opts.Watch, opts.Contact)
	if err != nil {
		return nil, fmt.Errorf("new watcher: %w", err)
	}
	w.set.Store(set)
	w.cron = cron.New(cron.WithParser(config.CronParser), cron.WithLogger(cronLogger{w.log}))
	return w, nil
}

func userAgent(version, contact string) string {
	if contact == "" {
		return "sanctionwatch/" + version
	}
	return "sanctionwatch/" + version + " (+" + contact + ")"
}

// withDefaults fills only the fields for which zero is not a valid value
// (config refuses a zero there), for callers that build a Watch by hand.
// Jitter, MaxRedirects and Backfill are taken as given: zero means none.
func withDefaults(w config.Watch) config.Watch {
	if w.Schedule == "" {
		w.Schedule = DefaultSchedule
	}
	w.Jitter = max(w.Jitter, 0)
	w.Concurrency = orDefault(w.Concurrency, DefaultConcurrency)
	w.PerHost = orDefault(w.PerHost, DefaultPerHost)
	w.MaxBackoff = orDefault(w.MaxBackoff, DefaultMaxBackoff)
	w.FailureThreshold = orDefault(w.FailureThreshold, DefaultFailureThreshold)
	return w
}

// cronLogger routes the scheduler's own messages to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, slog.Any("error", err))...)
}
