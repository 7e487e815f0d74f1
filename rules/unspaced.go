package rules

import (
	"slices"
)

// In Chinese and Japanese one character is one token and nothing marks
// where a name ends, so a short alias can be the first characters of
// another entity's name: 对伊 ("towards Iran") is the start of 对伊拉克
// ("towards Iraq"). When an alias of another entity starts inside such a
// hit and runs past its end, the longer name is what the text says, and
// the shorter hit is dropped.

// indexUnspacedAliases records, for each alias term written in an
// unspaced script, the entities it names. Run once all entities are
// extended, before any story is matched.
func (c *compiler) indexUnspacedAliases() {
	c.rs.unspaced = newTermTable(len(c.rs.terms), func(add func(int32, int32)) {
		c.liveEntities(func(slot int32, _ *Entity) {
			for _, et := range c.termsOf(slot) {
				if !et.weak && c.rs.terms[et.term].unspaced {
					add(et.term, slot)
				}
			}
		})
	})
}

// dropCoveredAliases removes from occs[first:] (one field's, in the order
// of their first token) the unspaced alias hits that a longer alias of
// another entity overlaps past their end.
func (rs *RuleSet) dropCoveredAliases(occs []occ, first int) []occ {
	if len(rs.unspaced.vals) == 0 {
		return occs
	}
	kept := first
	for i := first; i < len(occs); i++ {
		if !rs.covered(occs, i) {
			occs[kept] = occs[i]
			kept++
		}
	}
	return occs[:kept]
}

// covered reports whether a later hit in occs is a longer alias of an
// entity that occs[i] does not name, starting inside occs[i] and ending
// after it.
func (rs *RuleSet) covered(occs []occ, i int) bool {
	o := &occs[i]
	owners := rs.unspaced.of(o.term)
	if len(owners) == 0 {
		return false
	}
	for j := i + 1; j < len(occs) && occs[j].start < o.end; j++ {
		p := &occs[j]
		if p.start <= o.start || p.end <= o.end || p.end-p.start <= o.end-o.start {
			continue
		}
		if others := rs.unspaced.of(p.term); len(others) > 0 && !sharesEntity(owners, others) {
			return true
		}
	}
	return false
}

func sharesEntity(a, b []int32) bool {
	for _, id := range a {
		if slices.Contains(b, id) {
			return true
		}
	}
	return false
}
