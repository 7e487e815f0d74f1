package rules

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// Evidence is everything the rule set recognises in a story's title,
// summary and content, whether or not any rule fires on it: every entity
// named, every numbered UNSC resolution, every term of every list. A Match
// shows only what made its rule fire; grouping stories into events needs
// the rest too (a designation story names the sanctioned firm even when the
// rule that fired only needed "Treasury" and "sanctions").
type Evidence struct {
	Entities    []EntityMention `json:"entities,omitempty"`    // by id
	Resolutions []int           `json:"resolutions,omitempty"` // ascending, numbered ones only
	Terms       []ListTerm      `json:"terms,omitempty"`       // by list, then term
}

// EntityMention is one entity a story names, however many times.
type EntityMention struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	List    string `json:"list,omitempty"` // the sanctions list it comes from, if any
	Count   int    `json:"count"`
	InTitle bool   `json:"in_title,omitempty"`
	// Shared counts the mentions made by a word that also names an entity
	// of the rule files: a listed "Islamic State" is the pack's @isil too.
	Shared int `json:"shared,omitempty"`
}

// ListTerm is one term of a named list found in a story.
type ListTerm struct {
	List  string `json:"list"`
	Term  string `json:"term"` // as written in the list
	Count int    `json:"count"`
}

// evidenceIndex maps term ids back to the entities and lists that own
// them. Rules only keep that link for what they refer to, so Compile
// builds it from the terms it gave every entity's aliases, before it drops
// the index of term keys.
type evidenceIndex struct {
	entities termTable[entityOfTerm]
	// lists holds an index into listNames per list a term is in: a name
	// per term, 16 bytes, was a twentieth of the default pack's set.
	lists     termTable[int32]
	listNames []string
}

type entityOfTerm struct {
	entity int32 // slot, in RuleSet.ents
	weak   bool
}

// build indexes the alias terms of every live entity (terms, as the
// compiler recorded them) and the terms of every list.
func (ix *evidenceIndex) build(c *compiler) {
	rs := c.rs
	ix.entities = newTermTable(len(rs.terms), func(add func(int32, entityOfTerm)) {
		c.liveEntities(func(slot int32, _ *Entity) {
			for _, et := range c.termsOf(slot) {
				add(et.term, entityOfTerm{entity: slot, weak: et.weak})
			}
		})
	})
	ix.listNames = slices.Sorted(maps.Keys(rs.lists))
	ix.lists = newTermTable(len(rs.terms), func(add func(int32, int32)) {
		for i, name := range ix.listNames {
			for _, t := range rs.lists[name] {
				add(t, int32(i))
			}
		}
	})
}

// Evidence scans s and reports everything recognised in its text fields.
// Weak aliases (a vessel named by a common word) count only with their
// context nearby, as in rules. It is safe for concurrent use.
func (rs *RuleSet) Evidence(s *story.Story) Evidence {
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	sc.reset()
	rs.scanStory(sc, s, textFields) // author, link, feed name tell no evidence
	c := evidenceCollector{entities: map[string]*EntityMention{}, terms: map[[2]string]int{}, res: map[int]bool{}}
	for i := range sc.occs {
		o := &sc.occs[i]
		switch o.kind {
		case occResolution:
			if o.res > 0 {
				c.res[int(o.res)] = true
			}
		case occTerm:
			rs.collectTerm(&c, o)
		}
	}
	return c.evidence()
}

type evidenceCollector struct {
	entities map[string]*EntityMention
	terms    map[[2]string]int
	res      map[int]bool
}

func (rs *RuleSet) collectTerm(c *evidenceCollector, o *occ) {
	inTitle := story.Fields[o.field] == story.FieldTitle
	shared := false
	for _, et := range rs.evidence.entities.of(o.term) {
		shared = shared || rs.ents[et.entity].List == ""
	}
	for _, et := range rs.evidence.entities.of(o.term) {
		if et.weak && o.noContext {
			continue
		}
		e := rs.ents[et.entity]
		m := c.entities[e.ID]
		if m == nil {
			m = &EntityMention{ID: e.ID, Name: e.Name, Kind: e.Kind, List: e.List}
			c.entities[e.ID] = m
		}
		m.Count++
		m.InTitle = m.InTitle || inTitle
		if shared && e.List != "" {
			m.Shared++
		}
	}
	for _, l := range rs.evidence.lists.of(o.term) {
		c.terms[[2]string{rs.evidence.listNames[l], rs.termText(o.term)}]++
	}
}

func (c *evidenceCollector) evidence() Evidence {
	var ev Evidence
	for _, m := range c.entities {
		ev.Entities = append(ev.Entities, *m)
	}
	sort.Slice(ev.Entities, func(i, j int) bool { return ev.Entities[i].ID < ev.Entities[j].ID })
	for n := range c.res {
		ev.Resolutions = append(ev.Resolutions, n)
	}
	slices.Sort(ev.Resolutions)
	for k, n := range c.terms {
		ev.Terms = append(ev.Terms, ListTerm{List: k[0], Term: k[1], Count: n})
	}
	sort.Slice(ev.Terms, func(i, j int) bool {
		a, b := ev.Terms[i], ev.Terms[j]
		if a.List != b.List {
			return a.List < b.List
		}
		return strings.Compare(a.Term, b.Term) < 0
	})
	return ev
}
