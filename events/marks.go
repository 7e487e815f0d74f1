package events

import (
	"slices"
	"strings"
)

// prefixMark files what a headline says of the kind of its happening, as
// guards (see marks): "g:reaction", "g:id:29" (UKMTO WARNING 029/2025),
// "g:model:57" (Su-57). Like every feature they are persisted with the
// story; reports filed before they existed carry none for one window.
const prefixMark = "g:"

const (
	markReaction = prefixMark + "reaction"
	markID       = prefixMark + "id:"
	markModel    = prefixMark + "model:"
)

// headlineMarks returns the marks of a headline: whether it reports a
// reaction (see isReaction), the identifiers it gives (see identifiers)
// and the models it names (see modelNumbers); folded is the headline
// folded (see foldText).
func headlineMarks(title, folded string) []string {
	var out []string
	if isReaction(title, folded) {
		out = append(out, markReaction)
	}
	for _, id := range identifiers(title) {
		out = append(out, markID+id)
	}
	for _, d := range modelNumbers(title) {
		out = append(out, markModel+d)
	}
	for _, a := range headlineActions(folded) {
		out = append(out, markAction+a)
	}
	return out
}

// marks are the headline marks of a report. Few headlines number
// anything, so identifiers and models are kept apart, nil for most of a
// window's reports.
type marks struct {
	reaction bool
	actions  []string // the kinds of action it tells (see actions)
	repeats  []string // the kinds it tells again (see repeats)
	numbered *numbered
}

// numbered is what a headline numbers.
type numbered struct {
	ids     []string
	models  []string // the models the headline names (see modelNumbers)
	numbers []string // the report's numbers, when it names models
}

func marksOf(f Features) marks {
	var m marks
	var n numbered
	for k := range f.Keys {
		if k == markReaction {
			m.reaction = true
		} else if a, ok := actionOf(k); ok {
			m.actions = append(m.actions, a)
		} else if a, ok := strings.CutPrefix(k, markRepeat); ok {
			m.repeats = append(m.repeats, a)
		} else if id, ok := strings.CutPrefix(k, markID); ok {
			n.ids = append(n.ids, id)
		} else if d, ok := strings.CutPrefix(k, markModel); ok {
			n.models = append(n.models, d)
		}
	}
	if len(n.models) > 0 {
		// Only a report that names models is ever asked whether it gives
		// another's.
		for k := range f.Keys {
			if v, ok := strings.CutPrefix(k, prefixNumber); ok {
				n.numbers = append(n.numbers, v)
			}
		}
	}
	if n.ids != nil || n.models != nil {
		m.numbered = &n
	}
	return m
}

// conflicts says whether two headlines tell different happenings by their
// marks: a reaction and what it reacts to, or two numbered notices,
// resolutions or cases that share no number ("UKMTO WARNING 029/2025" and
// "030/2025" are two incidents near one port).
func (a marks) conflicts(b marks) bool {
	if a.reaction != b.reaction {
		return true
	}
	if a.numbered == nil || b.numbered == nil {
		return false
	}
	x, y := a.numbered, b.numbered
	return apart(x.ids, y.ids, y.ids, x.ids) || apart(x.models, y.models, y.numbers, x.numbers)
}

// apart says whether two headlines both give identifiers (or models) and
// neither's is found in the other report: "Su-57" and "J-35A" at one air
// show are two debuts, "Su-30SME" and "Su-30" one delivery.
func apart(a, b, bAll, aAll []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	return !slices.ContainsFunc(a, func(x string) bool { return slices.Contains(bAll, x) }) &&
		!slices.ContainsFunc(b, func(x string) bool { return slices.Contains(aAll, x) })
}
