package events

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"time"
)

// Report is one story to place in an event.
type Report struct {
	Feed      string // the outlet: a feed never corroborates itself
	Key       string // the story's key within its feed
	Published time.Time
	Features  Features
}

// Assignment is the event a report was placed in.
type Assignment struct {
	Report
	Event string // event id
	New   bool   // the report opened the event
	// Outlets counts the distinct feeds of the event, this report included.
	Outlets int
}

// Grouper places reports in events. It keeps the window's reports in
// memory, indexed by feature, and is safe for concurrent use; Assign
// serialises callers so that two polls never open the same event twice.
type Grouper struct {
	mu  sync.Mutex
	cfg Config
	ix  index
}

// NewGrouper returns an empty grouper; Restore fills it after a restart.
func NewGrouper(cfg Config) (*Grouper, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Grouper{cfg: cfg, ix: newIndex()}, nil
}

// Assign decides the event of each report, in order (a report may join an
// event an earlier one of the same call opened), and calls commit with the
// decisions. Only if commit succeeds are they kept; otherwise the grouper
// is as before and the error is returned. commit runs under the grouper's
// lock, so decisions are committed in the order they were taken.
func (g *Grouper) Assign(reports []Report, commit func([]Assignment) error) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make([]Assignment, 0, len(reports))
	added := make([]*member, 0, len(reports))
	for _, r := range reports {
		a, m := g.place(r)
		out = append(out, a)
		added = append(added, m)
	}
	if err := commit(out); err != nil {
		for i := len(added) - 1; i >= 0; i-- {
			g.ix.remove(added[i])
		}
		return err
	}
	return nil
}

// Restore puts reports already assigned (read back from the store after a
// restart) into the grouper as they were, without deciding anything.
func (g *Grouper) Restore(as []Assignment) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, a := range as {
		ev := g.ix.events[a.Event]
		if ev == nil {
			ev = &event{id: a.Event}
			g.ix.events[a.Event] = ev
		}
		m := &member{report: a.Report, event: ev}
		g.ix.describe(m)
		g.ix.add(m, g.cfg.Window)
	}
}

// Len returns how many reports and events the window holds.
func (g *Grouper) Len() (reports, events int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.ix.live, len(g.ix.events)
}

// place decides one report's event and adds it to the index.
func (g *Grouper) place(r Report) (Assignment, *member) {
	q := g.ix.query(r.Features)
	var ev *event
	if !g.cfg.Apart {
		ev, _, _ = g.best(q, r)
	}
	m := g.file(r, q, ev)
	return Assignment{Report: r, Event: m.event.id, New: ev == nil, Outlets: m.event.outlets()}, m
}

// file adds r, whose query is q, to the index as a member of ev, or of an
// event it opens when ev is nil.
func (g *Grouper) file(r Report, q *query, ev *event) *member {
	if ev == nil {
		ev = &event{id: EventID(r.Feed, r.Key)}
		if g.ix.events[ev.id] != nil {
			// The same story alerted again (a retitled item): a
			// fresh id keeps its event apart.
			ev.id = EventID(r.Feed, r.Key+"#"+r.Published.String())
		}
		g.ix.events[ev.id] = ev
	}
	m := &member{report: r, event: ev}
	g.ix.describeFrom(m, q)
	g.ix.add(m, g.cfg.Window)
	return m
}

// EventID names the event a story opens: stable, so that `test` and the
// daemon give the same id to the same first story.
func EventID(feed, key string) string {
	sum := sha256.Sum256([]byte(feed + "\x00" + key))
	return "ev-" + hex.EncodeToString(sum[:6])
}

// event is a group of reports in memory.
type event struct {
	id      string
	seen    uint32    // query stamp, to weigh an event as a whole once
	members []*member // in the order they joined
}

func (e *event) outlets() int {
	seen := map[string]bool{}
	for _, m := range e.members {
		if !m.gone {
			seen[m.report.Feed] = true
		}
	}
	return len(seen)
}

// member is one report in the index.
type member struct {
	report Report
	event  *event
	feats  []feat   // sorted by id
	gone   bool     // evicted or rolled back
	seen   uint32   // query stamp, to visit a candidate once
	nums   counted  // the counts it gives (see counts)
	actors headline // the governments its headline names (see actors)
	// subjects are the countries and groups its headline names.
	subjects []string
	marks    marks // what its headline says of the kind of happening
	// norm and normX are the vector's lengths over all features and over
	// those that are no word, as of idf table weighed.
	norm, normX float64
	weighed     uint32
}

func (m *member) String() string {
	return fmt.Sprintf("%s/%s in %s", m.report.Feed, m.report.Key, m.event.id)
}
