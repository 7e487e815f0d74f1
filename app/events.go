package app

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/events"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// eventFiler groups the stories of a poll's alerts into events with the
// evidence the current rules find in them.
type eventFiler struct {
	grouper *events.Grouper
	cfg     events.Config
	rules   func() *rules.RuleSet
}

// EventsConfig is the grouping configuration of cfg: the measured rule
// with the configured window.
func EventsConfig(cfg *config.Config) events.Config {
	ec := events.DefaultConfig()
	ec.Window = cfg.Events.Window
	return ec
}

// newEventFiler builds the grouper and refills it with the reports of the
// last window from the store, so a restart groups as if it had not been.
// A change of events.window takes effect on restart.
func newEventFiler(ctx context.Context, st *store.Store, cfg *config.Config, rs func() *rules.RuleSet, now func() time.Time) (*eventFiler, error) {
	ec := EventsConfig(cfg)
	g, err := events.NewGrouper(ec)
	if err != nil {
		return nil, err
	}
	stored, err := st.EventReports(ctx, now().Add(-ec.Window))
	if err != nil {
		return nil, err
	}
	as := make([]events.Assignment, 0, len(stored))
	for _, r := range stored {
		var f events.Features
		if err := json.Unmarshal(r.Features, &f); err != nil {
			return nil, fmt.Errorf("event report %s/%s: %w", r.Feed, r.Key, err)
		}
		as = append(as, events.Assignment{Event: r.Event,
			Report: events.Report{Feed: r.Feed, Key: r.Key, Published: r.Published, Features: f}})
	}
	g.Restore(as)
	return &eventFiler{grouper: g, cfg: ec, rules: rs}, nil
}

type storyID struct{ feed, key string }

// File implements watchers.EventFiler. Alerts of one story to several
// destinations make one report.
func (f *eventFiler) File(alerts []story.Alert, commit func([]story.Alert, []store.EventReport) error) error {
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
		return commit(alerts, stored)
	})
}
