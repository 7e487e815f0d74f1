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
)

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
	df       []int32
	postings [][]*member
	queue    []*member // in the order added; evicted from the front
	events   map[string]*event
	live     int
	dead     int // gone members still listed in postings
	newest   time.Time
	stamp    uint32
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
	ix.df = append(ix.df, 0)
	ix.postings = append(ix.postings, nil)
	return id
}

// add indexes m and evicts reports that fell out of the window.
func (ix *index) add(m *member, window time.Duration) {
	m.feats = make([]feat, 0, len(m.report.Features.Keys))
	for k, b := range m.report.Features.Keys {
		m.feats = append(m.feats, feat{id: ix.intern(k), boost: b})
	}
	sort.Slice(m.feats, func(i, j int) bool { return m.feats[i].id < m.feats[j].id })
	for _, f := range m.feats {
		ix.df[f.id]++
		if ix.kinds[f.id] != kindCountry {
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
	n := 0
	for n < len(ix.queue) && (ix.queue[n].gone || ix.queue[n].report.Published.Before(cut)) {
		if !ix.queue[n].gone {
			ix.remove(ix.queue[n])
		}
		n++
	}
	if n > 0 {
		ix.queue = append(ix.queue[:0:0], ix.queue[n:]...)
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

// idf weighs a feature by how few of the window's reports have it.
func (ix *index) idf(df int32) float64 {
	if df < 1 {
		df = 1
	}
	return math.Log(1 + float64(ix.live+1)/float64(df))
}
