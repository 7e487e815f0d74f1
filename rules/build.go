package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/rules/query"
	"github.com/sanctionwatch/sanctionwatch/story"
	"github.com/sanctionwatch/sanctionwatch/unsc"
)

// builder compiles one rule's query AST into evaluation nodes, resolving
// every reference. Unknown references are errors with suggestions.
type builder struct {
	c       *compiler
	r       *rule
	ruleIdx int32
	node    *yaml.Node
	id      string
	failed  bool
	refs    []leafRef
	// groupRefs are the leaves that name a list or entities: filed under
	// the list or entity, not under each of its (thousands of) terms.
	groupRefs []groupRef
	// usesResolutions and usesRegexp put the rule on the lists evaluated
	// without an automaton hit.
	usesResolutions, usesRegexp bool
}

func (b *builder) fail(p query.Pos, format string, args ...any) {
	b.failed = true
	// Positions of references are found inside the query like parse errors.
	c := b.c
	line, col := queryPos(c.src, b.node, p)
	c.errs = append(c.errs, Error{File: c.file, Line: line, Col: col, Rule: b.id, Msg: fmt.Sprintf(format, args...)})
}

func (b *builder) build(n query.Node, fields fieldMask) cnode {
	switch n := n.(type) {
	case *query.Or:
		out := &orNode{}
		for _, x := range n.Xs {
			out.xs = append(out.xs, b.build(x, fields))
		}
		return out
	case *query.And:
		out := &andNode{}
		for _, x := range n.Xs {
			out.xs = append(out.xs, b.build(x, fields))
		}
		return out
	case *query.Not:
		return &notNode{x: b.build(n.X, fields)}
	case *query.Near:
		return &nearNode{l: b.build(n.L, fields), r: b.build(n.R, fields), n: int32(n.N),
			ordered: n.Ordered}
	case *query.Scope:
		return b.build(n.X, scopeMask(n.Field))
	case *query.Term:
		return b.term(n, fields)
	case *query.ListRef:
		return b.list(n, fields)
	case *query.EntityRef:
		return b.entity(n, fields)
	case *query.ResolutionRef:
		b.usesResolutions = true
		return b.leaf(story.SourceResolution, "", fields, func(l *leaf) { l.resolution = int32(n.Number) })
	case *query.RegimeRef:
		return b.regime(n, fields)
	case *query.LangRef:
		return &langNode{code: n.Code}
	case *query.Regex:
		if n.Re.MatchString("") {
			b.fail(n.Pos(), "regular expression %s matches empty text, so it would match every story", n.String())
			return &orNode{}
		}
		b.usesRegexp = true
		return b.leaf(story.SourceRegex, n.Pattern, fields, func(l *leaf) { l.re = n.Re })
	}
	b.fail(n.Pos(), "unsupported query element %s", n.String())
	return &orNode{}
}

func scopeMask(field string) fieldMask {
	if field == "text" {
		return textFields
	}
	return maskOf(story.Field(field))
}

func (b *builder) leaf(src story.SourceKind, ref string, fields fieldMask, set func(*leaf)) *leaf {
	l := &leaf{idx: int32(len(b.r.leaves)), source: src, ref: ref, fields: fields}
	if set != nil {
		set(l)
	}
	b.r.leaves = append(b.r.leaves, l)
	b.r.leafFields = append(b.r.leafFields, fields)
	return l
}

func (b *builder) term(n *query.Term, fields fieldMask) cnode {
	text := strings.Join(n.Words, " ")
	if n.Wildcard {
		text += "*"
	}
	id, ok := b.c.rs.addTerm(text, true, false)
	if !ok {
		b.fail(n.Pos(), "%s: a term needs 1 to %d words, and a wildcard stem %d letters or more",
			n.String(), maxTermWords, minStem)
		return &orNode{}
	}
	l := b.leaf(story.SourceTerm, text, fields, nil)
	b.refs = append(b.refs, leafRef{rule: b.ruleIdx, leaf: l.idx, term: id})
	return l
}

func (b *builder) list(n *query.ListRef, fields fieldMask) cnode {
	if _, ok := b.c.rs.lists[n.Name]; !ok {
		b.fail(n.Pos(), "unknown list $%s%s", n.Name, suggestRef("$", n.Name, mapKeys(b.c.rs.lists)))
		return &orNode{}
	}
	l := b.leaf(story.SourceList, n.Name, fields, nil)
	b.groupRefs = append(b.groupRefs, groupRef{group: b.c.listGroupID(n.Name), leaf: l.idx})
	return l
}

func (b *builder) entity(n *query.EntityRef, fields fieldMask) cnode {
	match, known := b.entityFilter(n)
	if !known {
		return &orNode{}
	}
	l := b.leaf(story.SourceEntity, n.Name, fields, nil)
	if n.By == "id" {
		b.entityRefs(l, b.c.byID[n.Name])
		return l
	}
	for _, slot := range b.c.sortedEntities() {
		if match(b.c.ents[slot].e) {
			b.entityRefs(l, slot)
		}
	}
	return l
}

// entityFilter turns @id, @kind:x, @list:x and @regime:x into a predicate,
// failing on names nothing defines.
func (b *builder) entityFilter(n *query.EntityRef) (func(*Entity) bool, bool) {
	var match func(*Entity) bool
	var known []string
	switch n.By {
	case "id":
		if _, ok := b.c.byID[n.Name]; ok {
			return nil, true
		}
		known = mapKeys(b.c.byID) // only to suggest a near miss
	case "kind":
		match = func(e *Entity) bool { return e.Kind == n.Name }
		known = entityKinds
	case "list":
		match = func(e *Entity) bool { return e.List == n.Name }
		known = b.c.env.Lists
	case "regime":
		match = func(e *Entity) bool { return slices.Contains(e.Regimes, n.Name) }
		if b.c.regimes == nil {
			b.c.regimes = b.c.knownRegimes()
		}
		known = b.c.regimes
	}
	if slices.Contains(known, n.Name) {
		return match, true
	}
	if n.By == "regime" && len(b.c.env.Pending) > 0 && suggest(n.Name, known) == "" {
		// Lists not imported yet may bring programmes of this name
		// (@regime:russia-eo14024 before the first OFAC import); only a
		// near miss of a known regime is surely a typo.
		return match, true
	}
	prefix := "@"
	if n.By != "id" {
		prefix = "@" + n.By + ":"
	}
	b.fail(n.Pos(), "unknown %s %s%s%s", entityNoun(n.By), prefix, n.Name, suggestRef(prefix, n.Name, known))
	return nil, false
}

// entityRefs files every alias term of the entity in slot under leaf l,
// weak aliases as weak.
func (b *builder) entityRefs(l *leaf, slot int32) {
	b.groupRefs = append(b.groupRefs, groupRef{group: b.c.entityGroupID(slot), leaf: l.idx})
}

type groupRef struct{ group, leaf int32 }

// listGroupID numbers a list the first time a rule names it.
func (c *compiler) listGroupID(name string) int32 {
	if id, ok := c.listGroup[name]; ok {
		return id
	}
	if c.listGroup == nil {
		c.listGroup = map[string]int32{}
	}
	id := c.newGroup(-1)
	c.listGroup[name] = id
	return id
}

// entityGroupID numbers an entity the first time a rule names it.
func (c *compiler) entityGroupID(slot int32) int32 {
	if c.entGroup == nil {
		c.entGroup = make([]int32, len(c.ents))
	}
	if g := c.entGroup[slot]; g != 0 {
		return g - 1
	}
	id := c.newGroup(slot)
	c.entGroup[slot] = id + 1
	return id
}

func (c *compiler) newGroup(slot int32) int32 {
	rs := c.rs
	rs.groupEnt = append(rs.groupEnt, slot)
	return int32(len(rs.groupEnt) - 1)
}

// fileGroupTerms records, once every term exists, which named lists and
// entities each term belongs to.
func (c *compiler) fileGroupTerms() {
	// last[t] is 1 + the last (group, weak) pair filed for term t, as
	// 2*group+weak: a term given twice to one group (two aliases that
	// fold alike) is filed once. An entity's weak aliases follow its
	// others, so the last pair is the only one that can repeat.
	last := make([]int32, len(c.rs.terms))
	c.rs.termGroups = newTermTable(len(c.rs.terms), func(add func(int32, groupTerm)) {
		clear(last)
		c.eachGroupTerm(func(t int32, gt groupTerm) {
			key := 2*gt.group + 1
			if gt.weak {
				key++
			}
			if last[t] != key {
				last[t] = key
				add(t, gt)
			}
		})
	})
}

// eachGroupTerm calls f for every term of every group rules name: lists
// by name, then entities by id, so that where a term belongs to two
// groups one rule names, explanations name the first.
func (c *compiler) eachGroupTerm(f func(t int32, gt groupTerm)) {
	for _, name := range mapKeys(c.listGroup) {
		for _, t := range c.rs.lists[name] {
			f(t, groupTerm{group: c.listGroup[name]})
		}
	}
	if c.entGroup == nil {
		return
	}
	for _, slot := range c.sortedEntities() {
		if g := c.entGroup[slot]; g != 0 {
			for _, et := range c.termsOf(slot) {
				f(et.term, groupTerm{group: g - 1, weak: et.weak})
			}
		}
	}
}

func (b *builder) regime(n *query.RegimeRef, fields fieldMask) cnode {
	if _, ok := unsc.ByID(n.Name); !ok {
		b.fail(n.Pos(), "unknown regime %q%s", n.Name, suggest(n.Name, unsc.IDs()))
		return &orNode{}
	}
	b.usesResolutions = true
	return b.leaf(story.SourceResolution, n.Name, fields, func(l *leaf) { l.regime = n.Name })
}

// index files the rule's references under their terms, so a story only
// evaluates rules whose words it contains.
func (b *builder) index() {
	rs := b.c.rs
	rs.refs = append(rs.refs, b.refs...)
	for _, gr := range b.groupRefs {
		rs.groupRefs = append(rs.groupRefs, groupLeaf{group: gr.group, rl: ruleLeaf{rule: b.ruleIdx, leaf: gr.leaf}})
	}
	if b.usesResolutions {
		rs.resolutionRules = append(rs.resolutionRules, b.ruleIdx)
	}
	if b.usesRegexp {
		rs.regexRules = append(rs.regexRules, b.ruleIdx)
	}
}

// leavesByGroup files the rule leaves that name each group, in rule order.
func leavesByGroup(groups int, refs []groupLeaf) termTable[ruleLeaf] {
	return newTermTable(groups, func(add func(int32, ruleLeaf)) {
		for _, r := range refs {
			add(r.group, r.rl)
		}
	})
}

// refsByTerm files every rule's references under their terms, in rule
// order, once all rules are built: one table, where a slice per term cost
// a million allocations for a rule over a list of 500,000 names.
func refsByTerm(terms int, refs []leafRef) termTable[leafRef] {
	return newTermTable(terms, func(add func(int32, leafRef)) {
		for _, r := range refs {
			add(r.term, r)
		}
	})
}

func entityNoun(by string) string {
	switch by {
	case "kind":
		return "entity kind"
	case "list":
		return "sanctions list"
	case "regime":
		return "regime"
	}
	return "entity"
}

func suggestRef(prefix, name string, known []string) string {
	s := suggest(name, known)
	if s == "" {
		return ""
	}
	return strings.Replace(s, "mean ", "mean "+prefix, 1)
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
