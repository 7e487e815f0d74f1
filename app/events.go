package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/events"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// eventFiler groups the stories of a poll's alerts into events with the
// evidence the current rules find in them.
//
// Instances sharing a state (PostgreSQL) each keep a grouper in memory;
// before deciding, a filer reads the reports the others filed since it
// last looked, so that a report polled here joins an event opened there.
// It reads, decides and files under the state's events lock, so that two
// instances filing reports of one happening in the same moment do not
// each decide before the other has filed.
type eventFiler struct {
	grouper *events.Grouper
	cfg     events.Config
	rules   func() *rules.RuleSet
	st      filedReports
	now     func() time.Time
	log     *slog.Logger
	// lockWait is how long a poll waits for another instance's filing.
	lockWait time.Duration

	mu       sync.Mutex
	known    map[storyID]time.Time // reports in the grouper: publication times
	lastLook time.Time             // when the store was last read for others' reports
}

// filedReports reads the reports filed since a time, by any instance,
// under a lock that orders the instances' filing.
type filedReports interface {
	LockEvents(ctx context.Context, wait time.Duration) (release func(), err error)
	EventReportsFiled(ctx context.Context, since time.Time) ([]store.EventReport, error)
}

// eventsLockWait is how long a poll waits for the events lock: far longer
// than any instance's filing of a poll, short enough that a hung one
// delays the others' alerts by less than a poll interval.
const eventsLockWait = 30 * time.Second

// lookBack widens each read of others' reports: their clocks may be a
// little off ours, and a report is stamped when its commit begins, not
// when it becomes visible.
const lookBack = 2 * time.Minute

// EventsConfig is the grouping configuration of cfg: the measured rule
// with the configured window.
func EventsConfig(cfg *config.Config) events.Config {
	ec := events.DefaultConfig()
	ec.Window = cfg.Events.Window
	ec.Apart = !cfg.Events.Merge
	return ec
}

// newEventFiler builds the grouper and refills it with the reports of the
// last window from the store, so a restart groups as if it had not been.
// A reload refuses a change of events.window or events.merge.
func newEventFiler(ctx context.Context, st *store.Store, cfg *config.Config, rs func() *rules.RuleSet, now func() time.Time, log *slog.Logger) (*eventFiler, error) {
	ec := EventsConfig(cfg)
	g, err := events.NewGrouper(ec)
	if err != nil {
		return nil, err
	}
	f := &eventFiler{grouper: g, cfg: ec, rules: rs, now: now, log: log, lockWait: eventsLockWait, known: map[storyID]time.Time{}}
	if st.Postgres() {
		// Only a shared state has other instances' reports to read; on
		// SQLite the file lock makes this instance the only one.
		f.st = st
	}
	f.lastLook = now()
	stored, err := st.EventReports(ctx, f.lastLook.Add(-ec.Window))
	if err != nil {
		return nil, err
	}
	if err := f.restore(stored); err != nil {
		return nil, err
	}
	return f, nil
}

// restore puts the stored reports the grouper does not hold yet into it,
// as they were decided.
func (f *eventFiler) restore(stored []store.EventReport) error {
	as := make([]events.Assignment, 0, len(stored))
	for _, r := range stored {
		id := storyID{r.Feed, r.Key}
		if _, ok := f.known[id]; ok {
			continue
		}
		var feats events.Features
		if err := json.Unmarshal(r.Features, &feats); err != nil {
			return fmt.Errorf("event report %s/%s: %w", r.Feed, r.Key, err)
		}
		as = append(as, events.Assignment{Event: r.Event,
			Report: events.Report{Feed: r.Feed, Key: r.Key, Published: r.Published, Features: feats}})
		f.known[id] = r.Published
	}
	f.grouper.Restore(as)
	return nil
}

// catchUp restores the reports other instances filed since the last look,
// and forgets the known reports that left the window.
func (f *eventFiler) catchUp(ctx context.Context) error {
	if f.st == nil {
		return nil
	}
	now := f.now()
	stored, err := f.st.EventReportsFiled(ctx, f.lastLook.Add(-lookBack))
	if err != nil {
		return err
	}
	if err := f.restore(stored); err != nil {
		return err
	}
	f.lastLook = now
	for id, pub := range f.known {
		if pub.Before(now.Add(-f.cfg.Window - lookBack)) {
			delete(f.known, id)
		}
	}
	return nil
}

type storyID struct{ feed, key string }

// File implements watchers.EventFiler. Alerts of one story to several
// destinations make one report.
func (f *eventFiler) File(ctx context.Context, alerts []story.Alert, commit func([]story.Alert, []store.EventReport) error) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.st != nil {
		release, err := f.st.LockEvents(ctx, f.lockWait)
		switch {
		case errors.Is(err, store.ErrEventsBusy):
			// A hung instance must not stop everyone's alerts: file as
			// without the lock, at the risk of a second event.
			f.log.Warn("filing events without the lock", slog.Any("error", err))
		case err != nil:
			return err
		default:
			defer release()
		}
	}
	if err := f.catchUp(ctx); err != nil {
		return fmt.Errorf("read events filed elsewhere: %w", err)
	}
	rs := f.rules()
	var reports []events.Report
	var first []int // index in alerts of each report's story
	seen := map[storyID]bool{}
	for i := range alerts {
		s := &alerts[i].Story
		id := storyID{s.FeedID, s.Key}
		if seen[id] {
			continue
		}
		seen[id] = true
		reports = append(reports, events.Report{Feed: s.FeedID, Key: s.Key, Published: s.Published,
			Features: events.Extract(s, rs.Evidence(s), f.cfg.WeaponLists)})
		first = append(first, i)
	}
	return f.grouper.Assign(reports, func(as []events.Assignment) error {
		byStory := map[storyID]string{}
		stored := make([]store.EventReport, len(as))
		for k, a := range as {
			feats, err := json.Marshal(a.Features)
			if err != nil {
				return fmt.Errorf("encode features of %s: %w", a.Key, err)
			}
			s := &alerts[first[k]].Story
			stored[k] = store.EventReport{Event: a.Event, Feed: a.Feed, Key: a.Key, Title: s.Title,
				Link: s.Link, Published: a.Published, Features: feats}
			byStory[storyID{a.Feed, a.Key}] = a.Event
		}
		for i := range alerts {
			alerts[i].Event = byStory[storyID{alerts[i].Story.FeedID, alerts[i].Story.Key}]
		}
		if err := commit(alerts, stored); err != nil {
			return err
		}
		for _, a := range as {
			f.known[storyID{a.Feed, a.Key}] = a.Published
		}
		return nil
	})
}
