package events

import (
	"iter"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Weights per kind of feature, multiplied by the feature's idf in the
// window and its boost in the story. A named party, a resolution number or
// a count says which event a story tells far more than a word does; a
// country says little (most DPRK stories name Russia or South Korea too).
var kindWeight = [...]float64{
	kindWord:    1.0,
	kindEntity:  2.5,
	kindCountry: 0.7,
	kindWeapon:  1.2,
	kindNumber:  1.5,
	kindConcept: 1.0,
	kindActor:   0, // a guard, not a similarity (see guardOf)
	kindSubject: 0, // a guard too
	kindModel:   0, // marks a number as no count (see counts)
	kindMark:    0, // a guard (see marks)
}

// sameLanguage says which kinds two reports in one language are compared
// on: concepts only repeat their words there, and would count them twice.
var sameLanguage = [...]float64{kindWord: 1, kindEntity: 1, kindCountry: 1, kindWeapon: 1, kindNumber: 1, kindConcept: 0, kindActor: 0, kindSubject: 0, kindModel: 0, kindMark: 0}

// query is a report about to be placed, weighed against the window.
type query struct {
	lang  string
	feats []feat // known features, sorted by id
	// Norms of the report's vector: over all its features, and over the
	// features that do not depend on the language (for reports in
	// another language than the candidate).
	norm, normX float64
	nums        counted  // the counts it gives (see counts)
	actors      headline // the governments its headline names
	subjects    []string // the countries and groups its headline names
	marks       marks    // what its headline says of the kind of happening
	fresh       []string // its keys the window does not know, sorted
}

func (ix *index) query(f Features) *query {
	ix.refreshIDF()
	q := &query{lang: f.Lang, nums: counts(f), actors: actorsOf(f), subjects: subjectsOf(f), marks: marksOf(f)}
	for _, k := range sortedKeys(f.Keys) {
		b := f.Keys[k]
		id, known := ix.ids[k]
		var df int32 = 1
		if known {
			df = ix.df[id] + 1
		}
		kd := kindOf(k)
		w := float64(b) * kindWeight[kd] * ix.idf(df)
		q.norm += sameLanguage[kd] * w * w
		if kd != kindWord {
			q.normX += w * w
		}
		if known {
			q.feats = append(q.feats, feat{id: id, boost: b})
		} else {
			q.fresh = append(q.fresh, k)
		}
	}
	sort.Slice(q.feats, func(i, j int) bool { return q.feats[i].id < q.feats[j].id })
	q.norm, q.normX = math.Sqrt(q.norm), math.Sqrt(q.normX)
	return q
}

// pair is the comparison of a report with one member of the window.
type pair struct {
	sim     float64 // cosine of the weighted feature vectors
	anchors int     // shared specific evidence: parties, resolutions, numbers, weapons, rare words
	hard    int     // of anchors, those that are no word: the same in every language
	named   int     // of hard, those that are no concept: a party, a number, a weapon
	guard   string  // the guard by which they tell different happenings whatever they share, "" for none (see guardOf)
	cross   bool    // different languages: only language-free features compared
	same    bool    // the headlines tell one kind of action about one party (see signature)
}

// compare weighs q against member m.
func (ix *index) compare(q *query, m *member) pair {
	p := pair{cross: q.lang != "" && m.report.Features.Lang != "" && q.lang != m.report.Features.Lang}
	ix.weigh(m)
	var dot, mShared, qShared float64
	rare := rareDF(ix.live)
	i := 0
	for _, f := range m.feats {
		for i < len(q.feats) && q.feats[i].id < f.id {
			i++
		}
		if i == len(q.feats) {
			break
		}
		if q.feats[i].id != f.id {
			continue
		}
		kd := ix.kinds[f.id]
		if kd == kindConcept && !p.cross || kd.guard() {
			continue
		}
		w := float64(f.boost) * kindWeight[kd] * ix.idf(ix.df[f.id])
		qw := float64(q.feats[i].boost) * kindWeight[kd] * ix.idf(ix.df[f.id]+1)
		dot += w * qw
		if kd == kindWord {
			mShared += w * w
			qShared += qw * qw
		}
		specific := ix.df[f.id] <= rare
		if ix.weak[f.id] {
			continue
		}
		switch kd {
		case kindEntity, kindNumber, kindWeapon:
			p.anchors++
			p.hard++
			p.named++
		case kindConcept:
			// A concept is as specific as it is rare: "sanctions" is in
			// half the window, "refinery" is not.
			if specific {
				p.anchors++
				p.hard++
			}
		case kindWord:
			if specific {
				p.anchors++
			}
		}
	}
	// Across languages an unshared word is no evidence either way: it
	// may be the same word translated. Only shared words count there.
	qn, mn := q.norm, m.norm
	if p.cross {
		qn, mn = math.Sqrt(q.normX*q.normX+qShared), math.Sqrt(m.normX*m.normX+mShared)
	}
	if mn > 0 && qn > 0 {
		p.sim = dot / (mn * qn)
	}
	p.guard = guardOf(q, m)
	p.same = signature(q, m)
	return p
}

// guardOf names the first guard by which q and m tell different
// happenings whatever else they share, or returns "": counts that differ,
// headlines led by different governments, headlines naming only different
// countries, a reaction and what it reacts to, notices numbered
// differently (see marks). It is also what a split is explained by.
func guardOf(q *query, m *member) string {
	switch {
	case amountsDiffer(q.nums, m.nums):
		return "amounts"
	case countsDiffer(q.nums, m.nums):
		return "counts"
	case q.actors.conflicts(m.actors):
		return "actors"
	case q.marks.reaction != m.marks.reaction:
		return "reaction"
	case q.marks.conflicts(m.marks):
		return "numbered"
	case subjectsApart(q.subjects, m.subjects) && !countsAgree(q.nums, m.nums):
		return "subjects"
	}
	return ""
}

// countsAgree says whether a count of 10 or more that one headline gives
// is found in the other report, or rounded ("more than 100" for 107): the
// most specific evidence two reports can share, which outweighs the
// countries their headlines happen to name ("Britain sanctions 107
// targets including North Korea's defence minister" is the package of
// "107 new sanctions" on Russia).
func countsAgree(a, b counted) bool {
	return countFound(a.title, b.all) || countFound(b.title, a.all)
}

func countFound(title, all []float64) bool {
	for _, x := range title {
		if x < 10 {
			continue
		}
		for _, y := range all {
			if x == y || rounded(x, y) || rounded(y, x) {
				return true
			}
		}
	}
	return false
}

// eventGuard returns the report of ev that q conflicts with, and the
// guard that fired, or nil: a report that shares a German report's words
// of a freeze but gives another sum than the event's English report tells
// another happening.
func eventGuard(q *query, ev *event) (*member, string) {
	for _, m := range ev.members {
		if m.gone {
			continue
		}
		if g := guardOf(q, m); g != "" {
			return m, g
		}
	}
	return nil, ""
}

// counted is the numbers a report gives that can tell events apart: in
// its title, and anywhere (see counts).
type counted struct{ title, all []float64 }

// counts returns the numbers a report gives that can tell events apart:
// those of 10 and more, and smaller ones in the title ("8 firms"). Small
// numbers elsewhere are days of the month, "two-storey"; a model's number
// ("Hwasong-20", "Su-35") counts nothing.
func counts(f Features) counted {
	var c counted
	for k, boost := range f.Keys {
		n, ok := strings.CutPrefix(k, prefixNumber)
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(n, 64)
		if _, model := f.Keys[prefixModel+n]; err != nil || model || v < 10 && boost != titleBoost {
			continue
		}
		c.all = append(c.all, v)
		if boost == titleBoost {
			c.title = append(c.title, v)
		}
	}
	return c
}

// amountsDiffer says whether two reports give amounts and none of one is
// near one of the other, and their headlines' counts do not agree.
func amountsDiffer(a, b counted) bool {
	am, bm := amounts(a.all), amounts(b.all)
	return am != nil && bm != nil && !anyNear(am, bm) && !countsAgree(a, b)
}

// countsDiffer says whether both headlines give counts and neither's is
// found in the other report.
func countsDiffer(a, b counted) bool {
	if len(a.title) == 0 || len(b.title) == 0 {
		return false
	}
	return !anyNear(a.title, b.all) && !anyNear(b.title, a.all)
}

// minAmount is where counts become amounts: sums of money, tonnes,
// barrels. Two reports giving different amounts anywhere tell different
// happenings ("$210 billion" frozen, "$230 billion" claimed in court).
const minAmount = 1e6

func amounts(xs []float64) []float64 {
	var out []float64
	for _, x := range xs {
		if x >= minAmount {
			out = append(out, x)
		}
	}
	return out
}

// otherCurrency says whether two amounts may be one sum in two currencies:
// ten times apart or more ("$1.1 billion" and "170 billion yen", "$6.5
// bln" and "9조원"; the yen, won, rupee and rouble are 80 to 1,500 to the
// dollar). Amounts of one order that differ ("$210 billion", "$230
// billion") still conflict.
func otherCurrency(x, y float64) bool {
	return x >= minAmount && y >= minAmount && max(x, y) >= 10*min(x, y)
}

// anyNear says whether a number of xs is one of ys, or either rounded.
func anyNear(xs, ys []float64) bool {
	for _, x := range xs {
		for _, y := range ys {
			if x == y || rounded(x, y) || rounded(y, x) || otherCurrency(x, y) {
				return true
			}
		}
	}
	return false
}

// rounded says whether r may be x rounded: r is at least 20 and has one
// significant digit and is within a tenth of x ("more than 100" and 107),
// or two and is within a fiftieth ("180-plus" and 183, not "$210 billion"
// and "$230 billion").
func rounded(r, x float64) bool {
	if r < 20 {
		return false
	}
	scale := math.Pow(10, math.Floor(math.Log10(r)))
	switch {
	case math.Mod(r, scale) == 0:
		return math.Abs(r-x) <= r/10
	case math.Mod(r, scale/10) == 0:
		return math.Abs(r-x) <= r/50
	}
	return false
}

// headline is the governments a headline names: the first, and all.
type headline struct {
	first string
	all   []string
}

// actorsOf returns the governments a report's headline names.
func actorsOf(f Features) headline {
	var h headline
	for k, boost := range f.Keys {
		if a, ok := strings.CutPrefix(k, prefixActor); ok {
			h.all = append(h.all, a)
			if boost == titleBoost {
				h.first = a
			}
		}
	}
	return h
}

// conflicts says whether two headlines are led by different governments
// and do not name the same ones: "UK follows US in sanctioning" is not the
// US package, but "Britain, France, Germany trigger snapback" is the
// snapback of "Paris, Londres et Berlin". A government and one of its
// agencies agree ("US sanctions", "Treasury targets"); two agencies do not.
func (h headline) conflicts(o headline) bool {
	if h.first == "" || o.first == "" || agree(h.first, o.first) {
		return false
	}
	if len(h.all) != len(o.all) {
		return true
	}
	for _, a := range h.all {
		if !slices.Contains(o.all, a) {
			return true
		}
	}
	return false
}

func agree(a, b string) bool {
	return a == b || parentOf(a, b) || parentOf(b, a)
}

// subjectsOf returns the countries and groups a report's headline names,
// and the country of each group that holds one (see homes).
func subjectsOf(f Features) []string {
	var out []string
	for k := range f.Keys {
		if s, ok := strings.CutPrefix(k, prefixSubject); ok {
			out = append(out, s)
		}
	}
	for _, s := range slices.Clone(out) {
		if h, ok := homes[s]; ok && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// homes are the countries that groups of the rule files hold and fight
// from: a headline on the group is about that country too. Outlets name
// either ("Houthis hijack ship", "Yemeni coast guard seizes boat off
// Mokha"); the group's other look-alikes (the Al-Shabaab renewal beside
// the Yemen one) still name another country.
var homes = map[string]string{"houthis": "yemen", "hezbollah": "lebanon"}

// disjoint says whether two headlines both name countries or groups and
// share none: "Yemen sanctions renewed" and "Al-Shabaab sanctions renewed"
// are two renewals of the same week, whatever else they share.
func disjoint(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range a {
		if slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// weigh computes a member's norms, over all its features and over those
// that are no word, once per idf table: they move with the window's
// document frequencies, but slowly.
func (ix *index) weigh(m *member) {
	if m.weighed == ix.idfVersion {
		return
	}
	var norm, normX float64
	for _, f := range m.feats {
		kd := ix.kinds[f.id]
		w := float64(f.boost) * kindWeight[kd] * ix.idf(ix.df[f.id])
		norm += sameLanguage[kd] * w * w
		if kd != kindWord {
			normX += w * w
		}
	}
	m.norm, m.normX, m.weighed = math.Sqrt(norm), math.Sqrt(normX), ix.idfVersion
}

// joins says whether a pair is close enough to put the report in the
// member's event. See the package documentation for why.
func (c *Config) joins(p pair) bool {
	if p.guard != "" {
		return false
	}
	if p.same {
		p.sim *= sameAction
	}
	if p.cross {
		return p.sim >= c.threshold(p) && p.anchors >= c.CrossAnchors && p.hard >= 1
	}
	return p.sim >= c.threshold(p) && p.anchors >= c.Anchors
}

// threshold is the similarity pair p needs. Across languages, concepts
// alone ("tanker"; "company" and "export") ask for more: a sparse report
// that names little else looks close to any report naming them.
func (c *Config) threshold(p pair) float64 {
	if !p.cross {
		return c.Threshold
	}
	t := c.CrossThreshold
	if p.named == 0 && p.hard < len(lonerConcepts) {
		t *= lonerConcepts[p.hard]
	}
	return t
}

// sameAction divides the thresholds of two reports whose headlines tell
// one kind of action about one party (see signature) within
// signatureWindow of each other: outlets within hours, an agency's own
// account the next day; the next launch or package of that party is
// rarely so close.
var sameAction = 1.4

const signatureWindow = 24 * time.Hour

// lonerConcepts multiply, by how many concepts they share, the threshold
// of reports in two languages whose only shared evidence that does not
// depend on the language is concepts: one, or two ("MOFCOM puts 10 US
// firms on its unreliable entity list" in Chinese and "China curbs exports
// to US defence firms" share "company" and "export", and are two measures
// of one week, at 0.23). None is never asked for: a pair across
// languages needs one piece of hard evidence to join at all.
var lonerConcepts = [...]float64{1, 1.5, 1.25}

// best finds the event the report joins: the one holding the most similar
// member among pairs that pass, or nil; via is that member, nil when the
// event was weighed as a whole. Candidates are the reports that share one
// of the query's rarest features: a pair that passes shares specific
// evidence, and common features would make this quadratic.
func (g *Grouper) best(q *query, r Report) (best *event, via *member, bestSim float64) {
	var met []*event
	for m := range g.ix.candidates(q) {
		v := g.judge(q, r, m)
		if v.outcome == outOfTime {
			continue
		}
		met = g.ix.meet(met, m.event)
		if v.outcome == joinsMember && v.pair.sim > bestSim {
			best, via, bestSim = m.event, m, v.pair.sim
		}
	}
	if best != nil {
		return best, via, bestSim
	}
	for _, ev := range met {
		if p, ok := g.compareEvent(q, r, ev); ok && g.cfg.joins(p) && p.sim > bestSim {
			best, bestSim = ev, p.sim
		}
	}
	return best, nil, bestSim
}

// compareEvent weighs a report against an event told only in other
// languages, as a whole: a Korean report may share the launch's range with
// one English report and its missile type with another. It is asked only
// when no single report passes, of events of two or more reports none of
// which conflicts with q; the report closest in time sets the decay. ok is
// false when the event does not qualify.
func (g *Grouper) compareEvent(q *query, r Report, ev *event) (pair, bool) {
	live, d := 0, 0.0
	for _, m := range ev.members {
		if m.gone {
			continue
		}
		if m.report.Features.Lang == q.lang || guardOf(q, m) != "" || repeats(q, m, r.Published.Sub(m.report.Published), g.cfg.Grace) {
			return pair{}, false
		}
		live++
		d = max(d, g.cfg.decay(r.Published.Sub(m.report.Published)))
	}
	if live < 2 {
		return pair{}, false
	}
	p := g.ix.compare(q, whole(ev))
	p.guard, p.sim = "", p.sim*d
	return p, true
}

// whole is ev's live reports as one member: their features together, each
// at its highest boost, in a language no report has, so that it is
// compared as a report in another language, on what does not depend on
// it.
func whole(ev *event) *member {
	boosts := map[int32]float32{}
	for _, m := range ev.members {
		if !m.gone {
			for _, f := range m.feats {
				boosts[f.id] = max(boosts[f.id], f.boost)
			}
		}
	}
	w := &member{report: Report{Features: Features{Lang: "\x00event"}}, event: ev}
	for id, b := range boosts {
		w.feats = append(w.feats, feat{id: id, boost: b})
	}
	sort.Slice(w.feats, func(i, j int) bool { return w.feats[i].id < w.feats[j].id })
	return w
}

// candidates yields, once each, the live members that share one of q's
// seeds: the reports a new report is weighed against. Each iteration is a
// new query stamp (see meet).
func (ix *index) candidates(q *query) iter.Seq[*member] {
	return func(yield func(*member) bool) {
		ix.stamp++
		for _, id := range ix.seeds(q) {
			for _, m := range ix.postings[id] {
				if m.gone || m.seen == ix.stamp {
					continue
				}
				m.seen = ix.stamp
				if !yield(m) {
					return
				}
			}
		}
	}
}

// meet appends ev to met unless the current query met it already.
func (ix *index) meet(met []*event, ev *event) []*event {
	if ev.seen == ix.stamp {
		return met
	}
	ev.seen = ix.stamp
	return append(met, ev)
}

// maxSeeds is how many of a query's features are used to find candidates.
const maxSeeds = 6

// seeds returns the query's rarest features that are no country and that
// few enough reports have for them to be evidence.
func (ix *index) seeds(q *query) []int32 {
	limit := int32(maxPosting(ix.live))
	var out []int32
	for _, f := range q.feats {
		if ix.kinds[f.id].posted() && ix.df[f.id] > 0 && ix.df[f.id] <= limit {
			out = append(out, f.id)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if ix.df[out[i]] != ix.df[out[j]] {
			return ix.df[out[i]] < ix.df[out[j]]
		}
		return out[i] < out[j]
	})
	return out[:min(len(out), maxSeeds)]
}

// rareDF is how many of the window's reports may share a word for it to
// count as an anchor: about one in twenty, always a few (so that the first
// stories of a quiet window can group) and never more than maxAnchorDF.
func rareDF(live int) int32 {
	return int32(min(max(3, live/20), maxAnchorDF))
}

// maxAnchorDF bounds rareDF: in a busy window a word that 200 reports share
// says nothing about which of them tell one happening.
const maxAnchorDF = 200

// maxPosting bounds the reports a feature may list and still be used to
// find candidates; see rareDF.
func maxPosting(live int) int {
	return int(rareDF(live))
}
