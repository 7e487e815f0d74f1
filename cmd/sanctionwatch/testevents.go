package main

import (
	"fmt"

	"github.com/sanctionwatch/sanctionwatch/app"
	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/events"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// testGrouper groups the stories of one `test` run into events with the
// daemon's rule, every story included, so that grouping can be checked
// from outside on a feed file.
type testGrouper struct {
	g      *events.Grouper
	cfg    events.Config
	rs     *rules.RuleSet
	titles map[string]string // event id -> its first story's title
	counts map[string]int    // event id -> reports so far
}

func newTestGrouper(cfg *config.Config, rs *rules.RuleSet) (*testGrouper, error) {
	ec := app.EventsConfig(cfg)
	g, err := events.NewGrouper(ec)
	if err != nil {
		return nil, err
	}
	return &testGrouper{g: g, cfg: ec, rs: rs, titles: map[string]string{}, counts: map[string]int{}}, nil
}

// testEvent is where a story was placed.
type testEvent struct {
	Event string
	Nth   int    // 1 for the story that opened the event
	First string // the title of the event's first story
}

func (t *testGrouper) place(s *story.Story) (testEvent, error) {
	r := events.Report{Feed: s.FeedID, Key: s.Key, Published: s.Published,
		Features: events.Extract(s, t.rs.Evidence(s), t.cfg.WeaponLists)}
	var ev testEvent
	err := t.g.Assign([]events.Report{r}, func(as []events.Assignment) error {
		ev.Event = as[0].Event
		return nil
	})
	if err != nil {
		return ev, fmt.Errorf("group %q: %w", s.Title, err)
	}
	if _, ok := t.titles[ev.Event]; !ok {
		t.titles[ev.Event] = s.Title
	}
	t.counts[ev.Event]++
	ev.Nth, ev.First = t.counts[ev.Event], t.titles[ev.Event]
	return ev, nil
}

// event prints the story's event under its verdict: only when it joins an
// earlier story, which is the news.
func (p *testPrinter) event(ev testEvent) {
	if ev.Nth > 1 {
		fmt.Fprintf(p.w, "  event %s: report %d, first %q\n", ev.Event, ev.Nth, ev.First)
	}
}
