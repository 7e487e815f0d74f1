package events

import (
	"math"
	"sort"
	"strings"
	"time"
)

// kind is the kind of a feature, from its key prefix.
type kind uint8

const (
	kindWord kind = iota
	kindEntity
	kindCountry
	kindWeapon
	kindNumber
	kindConcept
	kindActor
	kindSubject
	kindModel
	kindMark
)

// guard says whether features of kind k only guard against false merges
// (see guardOf) and weigh nothing in the similarity.
func (k kind) guard() bool {
	return k == kindActor || k == kindSubject || k == kindModel || k == kindMark
}

// posted says whether the reports having a feature of kind k are listed
// under it to find candidates: not for countries, which most reports of a
// desk share, nor for guards.
func (k kind) posted() bool {
	return k != kindCountry && !k.guard()
}

func kindOf(key string) kind {
	switch key[:min(2, len(key))] {
	case prefixEntity:
		return kindEntity
	case prefixCountry:
		return kindCountry
	case prefixWeapon:
		return kindWeapon
	case prefixNumber:
		return kindNumber
	case prefixConcept:
		return kindConcept
	case prefixActor:
		return kindActor
	case prefixSubject:
		return kindSubject
	case prefixModel:
		return kindModel
	case prefixMark:
		return kindMark
	}
	return kindWord
}

// feat is one feature of one report, by interned id.
type feat struct {
	id    int32
	boost float32
}

// index holds the window's reports: interned feature keys with their
// document frequencies, and per feature the reports that have it.
type index struct {
	ids      map[string]int32
	kinds    []kind
	weak     []bool // see weakEvidence
	df       []int32
	postings [][]*member
	queue    []*member // in the order added; evicted from the front
	head     int       // queue[:head] are evicted
	events   map[string]*event
	live     int
	dead     int // gone members still listed in postings
	newest   time.Time
	stamp    uint32
	idfs     []float64 // idf by document frequency; see idf
	idfN     int       // the window size idfs were computed for
	// idfVersion counts rebuilds of idfs; members cache their norms by it.
	idfVersion uint32
}

func newIndex() index {
	return index{ids: map[string]int32{}, events: map[string]*event{}}
}

func (ix *index) intern(key string) int32 {
	if id, ok := ix.ids[key]; ok {
		return id
	}
	id := int32(len(ix.kinds))
	ix.ids[strings.Clone(key)] = id
	ix.kinds = append(ix.kinds, kindOf(key))
	ix.weak = append(ix.weak, weakEvidence(key))
	ix.df = append(ix.df, 0)
	ix.postings = append(ix.postings, nil)
	return id
}

func sortedKeys(m map[string]float32) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// describe fills m's features and what its headline gives from its
// report, for a report restored rather than placed.
func (ix *index) describe(m *member) {
	f := m.report.Features
	m.nums, m.actors, m.subjects, m.marks = counts(f), actorsOf(f), subjectsOf(f), marksOf(f)
	m.feats = make([]feat, 0, len(f.Keys))
	// New keys are interned in order, so that ids, and with them the order
	// candidates are met in, do not depend on map iteration: the same
	// stories always make the same events. Most keys of a busy window are
	// known already and need no sorting.
	var fresh []string
	for k, b := range f.Keys {
		if id, ok := ix.ids[k]; ok {
			m.feats = append(m.feats, feat{id: id, boost: b})
		} else {
			fresh = append(fresh, k)
		}
	}
	sort.Strings(fresh)
	for _, k := range fresh {
		m.feats = append(m.feats, feat{id: ix.intern(k), boost: f.Keys[k]})
	}
	sort.Slice(m.feats, func(i, j int) bool { return m.feats[i].id < m.feats[j].id })
}

// describeFrom fills m's features and what its headline gives from the
// query that placed it, which weighed them already: only the keys the
// window did not know are interned, in the sorted order the query met
// them, so they take the highest ids and the features stay sorted.
func (ix *index) describeFrom(m *member, q *query) {
	m.nums, m.actors, m.subjects, m.marks = q.nums, q.actors, q.subjects, q.marks
	m.feats = append(make([]feat, 0, len(q.feats)+len(q.fresh)), q.feats...)
	for _, k := range q.fresh {
		m.feats = append(m.feats, feat{id: ix.intern(k), boost: m.report.Features.Keys[k]})
	}
}

// add indexes m, described, and evicts reports that fell out of the
// window.
func (ix *index) add(m *member, window time.Duration) {
	for _, f := range m.feats {
		ix.df[f.id]++
		if ix.kinds[f.id].posted() {
			ix.postings[f.id] = append(ix.postings[f.id], m)
		}
	}
	m.event.members = append(m.event.members, m)
	ix.queue = append(ix.queue, m)
	ix.live++
	if m.report.Published.After(ix.newest) {
		ix.newest = m.report.Published
	}
	ix.evict(window)
}

// evict drops reports published more than window before the newest one.
// Reports arrive roughly in publication order, so the queue's front is
// (nearly) the oldest; a late backfilled story leaves at its turn.
func (ix *index) evict(window time.Duration) {
	cut := ix.newest.Add(-window)
	for ix.head < len(ix.queue) && (ix.queue[ix.head].gone || ix.queue[ix.head].report.Published.Before(cut)) {
		ix.remove(ix.queue[ix.head])
		ix.queue[ix.head] = nil
		ix.head++
	}
	// Move the live part down once the evicted front is the larger half,
	// so the queue neither grows without bound nor is copied per report.
	if ix.head > len(ix.queue)/2 {
		n := copy(ix.queue, ix.queue[ix.head:])
		clear(ix.queue[n:])
		ix.queue, ix.head = ix.queue[:n], 0
	}
	if ix.dead > 1024 && ix.dead > ix.live {
		ix.compact()
	}
}

// remove takes m out: its features no longer count, its event forgets it,
// and an event left empty is dropped. Postings are cleaned lazily.
func (ix *index) remove(m *member) {
	if m.gone {
		return
	}
	m.gone = true
	for _, f := range m.feats {
		ix.df[f.id]--
	}
	ev := m.event
	for i, x := range ev.members {
		if x == m {
			ev.members = append(ev.members[:i], ev.members[i+1:]...)
			break
		}
	}
	if len(ev.members) == 0 && ix.events[ev.id] == ev {
		delete(ix.events, ev.id)
	}
	ix.live--
	ix.dead++
}

// compact drops gone members from every posting list.
func (ix *index) compact() {
	for id, ps := range ix.postings {
		kept := ps[:0]
		for _, m := range ps {
			if !m.gone {
				kept = append(kept, m)
			}
		}
		clear(ps[len(kept):])
		ix.postings[id] = kept
	}
	ix.dead = 0
}

// idf weighs a feature by how few of the window's reports have it:
// ln(1 + N/df). Logarithms dominate the cost of comparing, so values are
// kept in a table, rebuilt when the window's size has moved by more than
// a percent; the weights it gives are that close to exact.
func (ix *index) idf(df int32) float64 {
	if df < 1 {
		df = 1
	}
	if int(df) >= len(ix.idfs) {
		return math.Log(1 + float64(ix.idfN)/float64(df))
	}
	return ix.idfs[df]
}

// idfTableSize covers the document frequencies of nearly every feature of
// a busy window.
const idfTableSize = 1 << 16

// refreshIDF rebuilds the idf table if the window has grown or shrunk by
// more than a percent since it was built.
func (ix *index) refreshIDF() {
	n := ix.live + 1
	if ix.idfs != nil && abs(n-ix.idfN)*100 <= ix.idfN {
		return
	}
	if ix.idfs == nil {
		ix.idfs = make([]float64, idfTableSize)
	}
	ix.idfN = n
	ix.idfVersion++
	for df := 1; df < len(ix.idfs); df++ {
		ix.idfs[df] = math.Log(1 + float64(n)/float64(df))
	}
	ix.idfs[0] = ix.idfs[1]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
