package events

import (
	"slices"
	"strings"
)

// prefixMark files what a headline says of the kind of its happening, as
// guards (see marks): "g:reaction", "g:id:29/2025".
const prefixMark = "g:"

const (
	markReaction = prefixMark + "reaction"
	markID       = prefixMark + "id:"
)

// headlineMarks returns the marks of a headline: whether it reports a
// reaction (see isReaction), and the identifiers it gives (see
// identifiers).
func headlineMarks(title string) []string {
	var out []string
	if isReaction(title) {
		out = append(out, markReaction)
	}
	for _, id := range identifiers(title) {
		out = append(out, markID+id)
	}
	return out
}

// marks are the headline marks of a report.
type marks struct {
	reaction bool
	ids      []string
}

func marksOf(f Features) marks {
	var m marks
	for k := range f.Keys {
		if k == markReaction {
			m.reaction = true
		} else if id, ok := strings.CutPrefix(k, markID); ok {
			m.ids = append(m.ids, id)
		}
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
	if len(a.ids) == 0 || len(b.ids) == 0 {
		return false
	}
	for _, id := range a.ids {
		if slices.Contains(b.ids, id) {
			return false
		}
	}
	return true
}
