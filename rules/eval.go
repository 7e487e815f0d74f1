package rules

import (
	"regexp"

	"github.com/sanctionwatch/sanctionwatch/language"
	"github.com/sanctionwatch/sanctionwatch/story"
	"github.com/sanctionwatch/sanctionwatch/unsc"
)

// fieldMask is a set of story fields, bit i for story.Fields[i].
type fieldMask uint16

func maskOf(fs ...story.Field) fieldMask {
	var m fieldMask
	for _, f := range fs {
		for i, g := range story.Fields {
			if g == f {
				m |= 1 << i
			}
		}
	}
	return m
}

// Unscoped terms search what a reader would call the story; link and feed
// name need a scope, or every story of "Defense News" would mention defence.
var (
	defaultFields = maskOf(story.FieldTitle, story.FieldSummary, story.FieldContent, story.FieldCategory)
	textFields    = maskOf(story.FieldTitle, story.FieldSummary, story.FieldContent)
	allFields     = ^fieldMask(0)
)

// occ is one occurrence in a story.
type occ struct {
	kind      occKind
	noContext bool  // a weak alias without its context nearby
	field     uint8 // index into story.Fields
	term      int32 // for occTerm
	res       int32 // for occResolution: the number, 0 if none was given
	// first and last are the places (norm.Token.Pos, in half-words) of
	// the first and last token within the field; -1 for regexp matches.
	first, last int32
	start, end  int32 // byte range within the field's text
}

type occKind uint8

const (
	occTerm occKind = iota
	occResolution
	occRegexp
)

// evalState is what evaluating one rule on one story needs.
type evalState struct {
	occs   []occ
	leaves [][]int32 // per leaf of the rule: indices into occs
	texts  *[8]string
	extra  *[]occ // regexp matches are appended here
	// lang is the story's language; anyLang makes every lang: condition
	// hold, to check at load time that a query needs more than a language.
	lang    *storyLang
	anyLang bool
}

// cnode is a compiled query node. eval reports whether it holds and the
// occurrences that show it (none for NOT). It keeps nothing of the query's
// syntax tree: only near misses show clauses as written, and they read
// the query again (see clauseTexts).
type cnode interface {
	eval(st *evalState) (bool, []int32)
}

type andNode struct {
	xs []cnode
}

func (n *andNode) eval(st *evalState) (bool, []int32) {
	var hits []int32
	for _, x := range n.xs {
		ok, h := x.eval(st)
		if !ok {
			return false, nil
		}
		hits = append(hits, h...)
	}
	return true, hits
}

type orNode struct {
	xs []cnode
}

func (n *orNode) eval(st *evalState) (bool, []int32) {
	any := false
	var hits []int32
	for _, x := range n.xs {
		if ok, h := x.eval(st); ok {
			any = true
			hits = append(hits, h...)
		}
	}
	return any, hits
}

// disabledNode is the query of a rule turned off by configuration: it
// never holds.
type disabledNode struct{}

func (disabledNode) eval(*evalState) (bool, []int32) { return false, nil }

type notNode struct {
	x cnode
}

func (n *notNode) eval(st *evalState) (bool, []int32) {
	ok, _ := n.x.eval(st)
	return !ok, nil
}

type nearNode struct {
	l, r    cnode
	n       int32
	ordered bool
}

// maxNearPairs bounds the work of one NEAR on a story that repeats its
// terms thousands of times.
const maxNearPairs = 1 << 16

func (n *nearNode) eval(st *evalState) (bool, []int32) {
	okL, ls := n.l.eval(st)
	if !okL {
		return false, nil
	}
	okR, rs := n.r.eval(st)
	if !okR {
		return false, nil
	}
	var hits []int32
	pairs := 0
	for _, i := range ls {
		a := &st.occs[i]
		for _, j := range rs {
			if pairs++; pairs > maxNearPairs {
				return len(hits) > 0, hits
			}
			if n.within(a, &st.occs[j]) {
				hits = append(hits, i, j)
			}
		}
	}
	return len(hits) > 0, hits
}

// within reports whether b is within n words of a (after a, if ordered).
// "Within n words" counts the words between them: NEAR/0 means adjacent.
func (n *nearNode) within(a, b *occ) bool {
	if a.field != b.field || a.first < 0 || b.first < 0 {
		return false
	}
	switch {
	case b.first > a.last:
		return gap(a.last, b.first) <= n.n
	case a.first > b.last:
		return !n.ordered && gap(b.last, a.first) <= n.n
	}
	return false // overlapping: the same words cannot be near themselves
}

// leaf is a compiled reference: words, a list, entities, resolutions or a
// regular expression.
type leaf struct {
	idx    int32
	source story.SourceKind
	ref    string
	fields fieldMask
	// for resolution leaves: a number (0 = any) or a regime id
	resolution int32
	regime     string
	re         *regexp.Regexp
}

func (l *leaf) eval(st *evalState) (bool, []int32) {
	switch {
	case l.re != nil:
		return l.evalRegexp(st)
	case l.source == story.SourceResolution:
		return l.evalResolution(st)
	}
	hits := st.leaves[l.idx]
	return len(hits) > 0, hits
}

func (l *leaf) evalResolution(st *evalState) (bool, []int32) {
	var hits []int32
	for i := range st.occs {
		o := &st.occs[i]
		if o.kind != occResolution || l.fields&(1<<o.field) == 0 {
			continue
		}
		if l.matchesResolution(int(o.res)) {
			hits = append(hits, int32(i))
		}
	}
	return len(hits) > 0, hits
}

// matchesResolution: resolution:* takes any reference, even "Security
// Council resolutions" without a number; a number or regime needs one.
func (l *leaf) matchesResolution(n int) bool {
	if l.resolution == 0 && l.regime == "" {
		return true
	}
	if l.regime != "" {
		r, ok := unsc.ByResolution(n)
		return ok && r.ID == l.regime
	}
	return int(l.resolution) == n
}

// maxRegexpMatches bounds the matches one regular expression records.
const maxRegexpMatches = 64

func (l *leaf) evalRegexp(st *evalState) (bool, []int32) {
	if st.texts == nil {
		return false, nil
	}
	var hits []int32
	for f := range story.Fields {
		if l.fields&(1<<f) == 0 {
			continue
		}
		for _, m := range l.re.FindAllStringIndex(st.texts[f], maxRegexpMatches) {
			*st.extra = append(*st.extra, occ{kind: occRegexp, field: uint8(f), first: -1, last: -1,
				start: int32(m[0]), end: int32(m[1])})
			st.occs = *st.extra
			hits = append(hits, int32(len(st.occs)-1))
		}
	}
	return len(hits) > 0, hits
}

// gap is the number of words between places a and b (a < b), counted in
// half-words and rounded down: two adjacent words have none between them.
func gap(a, b int32) int32 {
	return (b - a - 1) / 2
}

// langNode is lang:code, a condition on the story rather than a word in it:
// it holds or not, and shows no occurrence.
type langNode struct {
	code string
}

func (n *langNode) eval(st *evalState) (bool, []int32) {
	return st.anyLang || st.lang != nil && st.lang.get() == n.code, nil
}

// storyLang is the language of the story being matched, detected on first
// use when the story does not carry one: most rules never ask.
type storyLang struct {
	s    *story.Story
	code string
	done bool
}

func (l *storyLang) get() string {
	if !l.done {
		l.code, l.done = l.s.Lang, true
		if l.code == "" {
			l.code = language.Of(l.s.Title, l.s.Summary, l.s.Content)
		}
	}
	return l.code
}
