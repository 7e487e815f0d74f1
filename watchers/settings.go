package watchers

import (
	"fmt"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// settings are the watch.* settings in force and what is built from them.
// A reload swaps them whole; a poll reads them once, so it runs on one
// consistent set even if a reload lands in the middle.
type settings struct {
	raw     config.Watch // as given, to tell whether a reload changed it
	contact string       // top-level contact, for the User-Agent
	watch   config.Watch // with defaults for the fields that cannot be zero
	fetch   *Fetcher
	limit   *limiter
}

func (w *Watcher) newSettings(raw config.Watch, contact string) (*settings, error) {
	watch := withDefaults(raw)
	if _, err := config.CronParser.Parse(watch.Schedule); err != nil {
		return nil, fmt.Errorf("default schedule %q: %w", watch.Schedule, err)
	}
	f := NewFetcher(watch, userAgent(w.opts.Version, contact))
	f.now = w.opts.Now
	if w.opts.Transport != nil {
		f.wrapTransport(w.opts.Transport)
	}
	return &settings{raw: raw, contact: contact, watch: watch, fetch: f, limit: newLimiter(watch.Concurrency, watch.PerHost)}, nil
}

func (w *Watcher) settings() *settings { return w.set.Load() }

// Plan is a checked change of watch settings and feeds, made by Prepare
// and carried out by Apply, so that a reload can check every part of the
// daemon before it changes any.
type Plan struct {
	set   *settings
	feeds map[string]*watched
}

// Prepare checks watch and feeds without changing anything; contact is
// the top-level contact put in the User-Agent. Unchanged settings are kept
// as they are (with their connections and host slots).
func (w *Watcher) Prepare(watch config.Watch, contact string, feeds []config.Feed) (*Plan, error) {
	set := w.settings()
	if set.raw != watch || set.contact != contact {
		var err error
		if set, err = w.newSettings(watch, contact); err != nil {
			return nil, fmt.Errorf("watch: %w", err)
		}
	}
	next, err := w.parseFeeds(set.watch.Schedule, feeds)
	if err != nil {
		return nil, err
	}
	return &Plan{set: set, feeds: next}, nil
}

// Apply switches to p: polls started from now on use its settings (those
// in flight finish on the old ones), and feeds move as SetFeeds says.
func (w *Watcher) Apply(p *Plan) {
	w.set.Store(p.set)
	w.setFeeds(p.feeds)
}
