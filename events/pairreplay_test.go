package events

import (
	"slices"
	"sort"
	"testing"
	"time"
)

// pairView is one comparison the index makes while placing a report, with
// everything known of it at that point, for a decision to be taken on.
type pairView struct {
	p     pair    // as judge makes it: decayed, signature within its window
	raw   float64 // the cosine before decay
	free  float64 // the cosine over language-free features and shared words, decayed
	since time.Duration
	grace bool // published within the grace of each other
	share shareCounts
	whole bool // an event in other languages weighed as a whole
	feed  bool // the member is from the report's own feed
	qn    int  // features of the report
	mn    int  // features of the member (or the event's union)
	veto  string
}

// decider says whether a pair joins, and how strongly: among the pairs
// that join, the report goes to the event of the strongest.
type decider func(v pairView) (strength float64, joins bool)

// ruleDecider is the package's rule: Config.joins, the most similar first.
func ruleDecider(cfg Config) decider {
	return func(v pairView) (float64, bool) { return v.p.sim, cfg.joins(v.p) }
}

// recorder is told of every pair compared, vetoed or not, and whether the
// two sides tell one event.
type recorder func(v pairView, gold bool)

// replaySet is a labelled set with its reports' features extracted once,
// since it is replayed many times.
type replaySet struct {
	set     []labelled
	reports []Report
}

func newReplaySet(t testing.TB, cfg Config, set []labelled) replaySet {
	t.Helper()
	rs := defaultPack(t)
	out := replaySet{set: set, reports: make([]Report, len(set))}
	for j := range set {
		s := &set[j].s
		out.reports[j] = Report{Feed: s.FeedID, Key: s.Key, Published: s.Published, Features: Extract(s, rs.Evidence(s), cfg.WeaponLists)}
	}
	return out
}

// replay groups a set in publication order as groupAll does, with decide
// in place of Config.joins, and tells rec of every pair compared. Guards
// and repeats stay vetoes: a vetoed pair is recorded but never joins.
func replay(t testing.TB, cfg Config, rs replaySet, decide decider, rec recorder) []string {
	t.Helper()
	g, err := NewGrouper(cfg)
	if err != nil {
		t.Fatal(err)
	}
	gold := map[*member]string{}
	ids := make([]string, len(rs.set))
	for j, r := range rs.reports {
		q := g.ix.query(r.Features)
		c := choice{g: g, q: q, r: r, gold: rs.set[j].gold, golds: gold, decide: decide, rec: rec}
		m := g.file(r, q, c.event())
		gold[m] = rs.set[j].gold
		ids[j] = m.event.id
	}
	return ids
}

// choice is the placing of one report: the members and events it is
// weighed against, and the decision.
type choice struct {
	g      *Grouper
	q      *query
	r      Report
	gold   string
	golds  map[*member]string
	decide decider
	rec    recorder
}

// event returns the event the report joins, or nil, as Grouper.best finds
// it: the strongest passing member among the candidates, else the
// strongest event in other languages weighed as a whole. Events as a
// whole are weighed, and recorded, even when a member passes.
func (c *choice) event() *event {
	best, met := c.bestMember()
	whole := c.bestWhole(met)
	if best != nil {
		return best
	}
	return whole
}

// bestMember returns the event of the strongest candidate that joins, or
// nil, and the events of every candidate in time.
func (c *choice) bestMember() (best *event, met []*event) {
	top := 0.0
	for m := range c.g.ix.candidates(c.q) {
		v, ok := view(c.g, c.q, c.r, m)
		if !ok {
			continue
		}
		met = c.g.ix.meet(met, m.event)
		if s, ok := c.weigh(v, c.golds[m] == c.gold); ok && s > top {
			best, top = m.event, s
		}
	}
	return best, met
}

// bestWhole returns the strongest of the events met that the report joins
// weighed as a whole, or nil.
func (c *choice) bestWhole(met []*event) (best *event) {
	top := 0.0
	for _, ev := range met {
		v, ok := wholeView(c.g, c.q, c.r, ev)
		if !ok {
			continue
		}
		if s, ok := c.weigh(v, c.majority(ev) == c.gold); ok && s > top {
			best, top = ev, s
		}
	}
	return best
}

// weigh records v and decides it.
func (c *choice) weigh(v pairView, gold bool) (float64, bool) {
	if c.rec != nil {
		c.rec(v, gold)
	}
	if v.veto != "" {
		return 0, false
	}
	return c.decide(v)
}

// majority returns the true event most of ev's reports belong to.
func (c *choice) majority(ev *event) string {
	n := map[string]int{}
	for _, m := range ev.members {
		if !m.gone {
			n[c.golds[m]]++
		}
	}
	keys := make([]string, 0, len(n))
	for k := range n {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	top := ""
	for _, k := range keys {
		if top == "" || n[k] > n[top] {
			top = k
		}
	}
	return top
}

// view weighs q against m as judge does, and adds what a fitted decision
// may use; ok is false when they are too far apart in time to be
// compared at all.
func view(g *Grouper, q *query, r Report, m *member) (pairView, bool) {
	since, d, ok := g.reach(r, m)
	if !ok {
		return pairView{}, false
	}
	v := pairView{since: since, grace: since.Abs() <= g.cfg.Grace, feed: r.Feed == m.report.Feed, qn: len(q.feats), mn: len(m.feats)}
	if repeats(q, m, since, g.cfg.Grace) {
		v.veto = "repeat"
	}
	v.p = g.pairAt(q, m, since, d)
	v.raw = v.p.sim / d
	v.free = languageFree(&g.ix, q, m) * d
	v.share = countShared(&g.ix, q, m)
	switch {
	case v.veto != "":
	case v.p.guard != "":
		v.veto = v.p.guard
	default:
		if by, name := eventGuard(q, m.event); by != nil {
			v.veto = "event " + name
		}
	}
	return v, true
}

// wholeView weighs q against ev as a whole, as compareEvent does; ok is
// false when the event does not qualify.
func wholeView(g *Grouper, q *query, r Report, ev *event) (pairView, bool) {
	p, ok := g.compareEvent(q, r, ev)
	if !ok {
		return pairView{}, false
	}
	u := whole(ev)
	v := pairView{p: p, raw: p.sim, free: p.sim, whole: true, qn: len(q.feats), mn: len(u.feats)}
	v.share = countShared(&g.ix, q, u)
	// Time is measured to the closest report, which sets the decay.
	v.since = g.cfg.Window
	for _, m := range ev.members {
		if d := r.Published.Sub(m.report.Published); !m.gone && d.Abs() < v.since.Abs() {
			v.since = d
		}
		v.feed = v.feed || !m.gone && m.report.Feed == r.Feed
	}
	v.grace = v.since.Abs() <= g.cfg.Grace
	return v, true
}

// languageFree is the cosine of q and m as if they were in two languages:
// over what does not depend on the language, and the words they share.
func languageFree(ix *index, q *query, m *member) float64 {
	qq, mm := *q, *m
	qq.lang, mm.report.Features.Lang = "\x00query", "\x00member"
	return ix.compare(&qq, &mm).sim
}

// The replay, driven by the rule, groups as the grouper does: the fitted
// decisions it measures are taken on the rule's own candidates and order.
// Run by default, so that a change to the grouper the replay does not
// follow fails here rather than in the next -pairfit run.
func TestReplayGroupsAsTheRule(t *testing.T) {
	for _, name := range []string{"dev.yaml", "blind.yaml"} {
		set := loadSet(t, name)
		got := replay(t, DefaultConfig(), newReplaySet(t, DefaultConfig(), set), ruleDecider(DefaultConfig()), nil)
		if want := groupAll(t, DefaultConfig(), set); !slices.Equal(got, want) {
			t.Errorf("%s: the replay does not group as the rule does", name)
		}
	}
}
