package rules

import (
	"cmp"
	"slices"
)

// The compiler numbers entities by slot, in the order they are added, and
// keeps their alias terms as spans of one array: a list of half a million
// parties made maps keyed by entity and a slice per entity, whose lookups
// and garbage collection were a large part of compiling it.

// entSlot is one entity as compiled. An entity extended by a file gets a
// new slot holding the grown copy; the old one is dead.
type entSlot struct {
	e     *Entity
	terms termSpan // its alias terms in entTerms
	dead  bool
}

// termSpan is a run of entTerms.
type termSpan struct{ start, end int32 }

// entityTerm is one alias of an entity as a term.
type entityTerm struct {
	term int32
	weak bool
}

// newSlot gives e a slot and makes it the live entity of its id.
func (c *compiler) newSlot(e *Entity) int32 {
	if c.byID == nil {
		c.byID = map[string]int32{}
	}
	slot := int32(len(c.ents))
	if old, ok := c.byID[e.ID]; ok {
		c.ents[old].dead = true
	}
	c.ents = append(c.ents, entSlot{e: e})
	c.byID[e.ID] = slot
	c.sorted = nil // a new slot changes the live entities: sort again when asked
	return slot
}

// setTerms records that the terms of slot's aliases are entTerms[start:],
// for termsOf, so an alias is tokenised once however many rules and files
// name the entity.
func (c *compiler) setTerms(slot int32, start int) {
	c.ents[slot].terms = termSpan{start: int32(start), end: int32(len(c.entTerms))}
}

// termsOf returns the terms of an entity's aliases, compiled once by
// addEntity or extendEntities however many rules refer to the entity
// (@kind:country in every language's rules).
func (c *compiler) termsOf(slot int32) []entityTerm {
	sp := c.ents[slot].terms
	return c.entTerms[sp.start:sp.end]
}

// sortedEntities returns the slots of every live entity in id order, so
// that rules see entities in the same order on every load. Entities are
// all known before the first rule is built, so the list is made once per
// compile (a new slot clears it); rules that refer to entities by kind,
// list or regime walk it instead of looking each id up.
func (c *compiler) sortedEntities() []int32 {
	if c.sorted != nil {
		return c.sorted
	}
	// Sorting ids held beside their slots reads no entity while comparing.
	type keyed struct {
		id   string
		slot int32
	}
	ks := make([]keyed, 0, len(c.byID))
	for i := range c.ents {
		if !c.ents[i].dead {
			ks = append(ks, keyed{c.ents[i].e.ID, int32(i)})
		}
	}
	slices.SortFunc(ks, func(a, b keyed) int { return cmp.Compare(a.id, b.id) })
	c.sorted = make([]int32, len(ks))
	for i, k := range ks {
		c.sorted[i] = k.slot
	}
	return c.sorted
}

// liveEntities calls f with the slot of every live entity, in slot order.
func (c *compiler) liveEntities(f func(slot int32, e *Entity)) {
	for i := range c.ents {
		if !c.ents[i].dead {
			f(int32(i), c.ents[i].e)
		}
	}
}
