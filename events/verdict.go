package events

import "time"

// outcome is what became of a report weighed against one member of the
// window: it may join the member's event, or why not.
type outcome uint8

const (
	joinsMember    outcome = iota
	outOfTime              // too far apart in time to pass whatever the words
	repeatsAction          // its background tells the member's kind of action again
	guarded                // a guard against the member fired
	guardedByEvent         // a guard against another member of its event fired
	tooFar                 // similarity or shared evidence under the threshold
)

var outcomeNames = [...]string{
	joinsMember:    "joins",
	outOfTime:      "out of time",
	repeatsAction:  "repeat",
	guarded:        "guard",
	guardedByEvent: "guard by another member",
	tooFar:         "too far",
}

func (o outcome) String() string { return outcomeNames[o] }

// verdict is the decision on a report against one member of the window,
// with what it rests on, so that every split can be explained.
type verdict struct {
	outcome outcome
	pair    pair    // the comparison, decayed; zero when out of time or a repeat
	guard   string  // the guard that fired (see guardOf)
	by      *member // the member it fired against
}

// judge weighs q, the query of r, against member m: the rule of the
// package documentation for one pair, and the guards against the rest of
// m's event.
func (g *Grouper) judge(q *query, r Report, m *member) verdict {
	since, d, ok := g.reach(r, m)
	if !ok {
		return verdict{outcome: outOfTime}
	}
	if repeats(q, m, since, g.cfg.Grace) {
		return verdict{outcome: repeatsAction}
	}
	p := g.pairAt(q, m, since, d)
	if p.guard != "" {
		return verdict{outcome: guarded, pair: p, guard: p.guard, by: m}
	}
	if !g.cfg.joins(p) {
		return verdict{outcome: tooFar, pair: p}
	}
	if by, name := eventGuard(q, m.event); by != nil {
		return verdict{outcome: guardedByEvent, pair: p, guard: name, by: by}
	}
	return verdict{outcome: joinsMember, pair: p}
}

// reach returns how long after member m report r was published and the
// decay of their similarity; ok is false when they are too far apart in
// time for any similarity to pass.
func (g *Grouper) reach(r Report, m *member) (since time.Duration, d float64, ok bool) {
	since = r.Published.Sub(m.report.Published)
	d = g.cfg.decay(since)
	return since, d, g.cfg.inWindow(m.report.Published, r.Published) && (d >= g.cfg.Threshold || d >= g.cfg.CrossThreshold)
}

// pairAt compares q with m, published since apart, its similarity decayed
// by d; their headlines' kinds of action count only within
// signatureWindow.
func (g *Grouper) pairAt(q *query, m *member, since time.Duration, d float64) pair {
	p := g.ix.compare(q, m)
	p.same = p.same && since.Abs() <= signatureWindow
	p.sim *= d
	return p
}
