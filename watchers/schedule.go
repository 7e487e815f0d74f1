package watchers

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/feed"
)

// SetFeeds replaces the feed list without a restart, moving only what
// changed: a feed whose schedule is unchanged keeps its next run (so
// reloading often never holds polling back), a rescheduled feed runs on
// its new schedule, a removed one stops, and an added one is polled at
// once, after its jitter, when the watcher is running. Polls in flight
// finish. Every schedule is checked first; on any error nothing changes.
// Names must be unique and URLs set.
func (w *Watcher) SetFeeds(feeds []config.Feed) error {
	set := w.settings()
	p, err := w.Prepare(set.raw, set.contact, feeds)
	if err != nil {
		return err
	}
	w.Apply(p)
	return nil
}

// setFeeds moves the schedules to next; see SetFeeds.
func (w *Watcher) setFeeds(next map[string]*watched) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for name, old := range w.feeds {
		nf := next[name]
		if nf == nil || nf.spec != old.spec {
			w.cron.Remove(old.entry)
		} else {
			nf.entry = old.entry // the same schedule keeps its next run
		}
		if nf != nil {
			nf.busy = old.busy // a poll in flight keeps the feed busy
			nf.reader = old.reader
		}
	}
	for name, f := range next {
		if f.busy == nil {
			f.busy, f.reader = make(chan struct{}, 1), &feed.Reader{}
		}
		if f.entry == 0 {
			f.entry = w.cron.Schedule(f.schedule, w.job(name))
		}
		if w.feeds[name] == nil && w.runCtx != nil {
			w.kicks.Go(w.jobIn(w.runCtx, name))
		}
	}
	w.feeds = next
	w.pruneFailingLocked()
}

// parseFeeds checks feeds and parses their schedules; def is the schedule
// of feeds that set none.
func (w *Watcher) parseFeeds(def string, feeds []config.Feed) (map[string]*watched, error) {
	next := make(map[string]*watched, len(feeds))
	var errs []error
	for _, f := range feeds {
		spec := cmp.Or(f.Schedule, def)
		sched, err := config.CronParser.Parse(spec)
		switch {
		case f.Name == "" || f.URL == "":
			errs = append(errs, fmt.Errorf("feed %q: name and url are required", f.Name))
		case next[f.Name] != nil:
			errs = append(errs, fmt.Errorf("feed %q: listed twice", f.Name))
		case err != nil:
			errs = append(errs, fmt.Errorf("feed %q: schedule %q: %w", f.Name, spec, err))
		default:
			next[f.Name] = &watched{cfg: f, spec: spec, schedule: sched}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("set feeds: %w", err)
	}
	return next, nil
}

// job is what cron runs for a feed: wait a random jitter, then poll if the
// feed is due (backoff, Retry-After and publisher hints can defer it).
func (w *Watcher) job(name string) jobFunc {
	return func() {
		w.mu.Lock()
		ctx := w.runCtx
		w.mu.Unlock()
		if ctx != nil {
			w.jobIn(ctx, name)()
		}
	}
}

// jobIn is job with the run's context already known.
func (w *Watcher) jobIn(ctx context.Context, name string) func() {
	return func() {
		if !sleep(ctx, w.jitter()) {
			return
		}
		if err := w.pollIfDue(ctx, name); err != nil && !errors.Is(err, ErrInFlight) && ctx.Err() == nil {
			w.log.Debug("scheduled poll", "feed", name, "error", err)
		}
	}
}

type jobFunc func()

func (f jobFunc) Run() { f() }

func (w *Watcher) jitter() time.Duration {
	j := w.settings().watch.Jitter
	if j <= 0 {
		return 0
	}
	return rand.N(j)
}

// sleep waits d or until ctx is done; it reports whether d elapsed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// Run runs the scheduler until ctx is done, then waits for polls in flight
// to finish (they see ctx cancelled) and returns nil.
func (w *Watcher) Run(ctx context.Context) error {
	w.mu.Lock()
	if w.runCtx != nil {
		w.mu.Unlock()
		return errors.New("watcher already running")
	}
	w.runCtx = ctx
	// Feeds that are due now (never polled, or whose next poll passed
	// while the daemon was down) are polled at start, each after its
	// jitter, not a whole interval later.
	for _, name := range w.feedNamesLocked() {
		w.kicks.Go(w.jobIn(ctx, name))
	}
	w.mu.Unlock()
	w.cron.Start()
	<-ctx.Done()
	w.mu.Lock()
	w.runCtx = nil // no more kicks from SetFeeds
	w.mu.Unlock()
	<-w.cron.Stop().Done() // joins the scheduled jobs
	w.kicks.Wait()
	w.inPoll.Wait()
	return nil
}

// interval is the time between two runs of a schedule from now: the base
// of the backoff and the floor under publisher hints.
func interval(s interface{ Next(time.Time) time.Time }, now time.Time) time.Duration {
	a := s.Next(now)
	return s.Next(a).Sub(a)
}
