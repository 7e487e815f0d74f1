package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/rules/query"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Source is one rule file's name (for errors) and content.
type Source struct {
	Name string
	Data []byte
}

// Compile parses, checks and compiles rule files together with env: the
// declared sanctions lists, their imported entities and generated rules.
// It returns every problem at once as Errors; nothing is compiled lazily,
// so a rule set that compiles cannot fail later.
func Compile(sources []Source, env Env) (*RuleSet, error) {
	c := &compiler{rs: newRuleSet(), env: env}
	docs, errs := readFiles(sources)
	c.errs = append(c.errs, errs...)
	if len(env.Generated) > 0 {
		docs = append(docs, specDoc(env.Generated))
	}
	c.reserveFileTerms(docs)
	for _, doc := range docs {
		c.entities(doc)
	}
	c.reserve(env.Entities)
	for _, e := range env.Entities {
		c.addEntity(e, nil, "")
	}
	c.extendEntities(docs)
	for _, doc := range docs {
		c.lists(doc)
	}
	for _, doc := range docs {
		c.extendLists(doc)
	}
	for _, doc := range docs {
		c.rules(doc)
	}
	c.resolveContext()
	c.indexUnspacedAliases()
	c.finish()
	if len(c.errs) == 0 {
		c.examples(docs)
	}
	if len(c.errs) > 0 {
		return nil, c.errs.sorted()
	}
	c.rs.evidence.build(c)
	return c.rs, nil
}

// finish turns what compiling built up into the tables matching reads,
// once every term exists.
func (c *compiler) finish() {
	rs := c.rs
	rs.toks = nil // compiled sets are shared by goroutines; a tokenizer is not
	c.fileGroupTerms()
	rs.leafRefs, rs.refs = refsByTerm(len(rs.terms), rs.refs), nil
	rs.groupLeaves, rs.groupRefs = leavesByGroup(len(rs.groupEnt), rs.groupRefs), nil
	rs.ents = make([]*Entity, len(c.ents))
	for i := range c.ents {
		rs.ents[i] = c.ents[i].e
	}
	rs.entityCount = len(c.byID)
	rs.auto.finish()
	rs.texts, rs.textBuf = string(rs.textBuf), nil
	rs.terms = trim(rs.terms)
}

type compiler struct {
	rs  *RuleSet
	env Env
	// regimes caches knownRegimes: with a big list, walking every entity
	// once per @regime: reference would dominate compiling.
	regimes []string
	sorted  []int32 // cached by sortedEntities
	errs    Errors
	file    string
	src     []byte // the file being compiled
	// where each entity, list and rule was defined, for duplicate errors
	defined map[definedKey]definedAt
	// ents are the entities by slot, byID the live slot of each id (see
	// entslots.go); entTerms their alias terms, entGroup 1 + the group of
	// each slot that rules name, listGroup the group of each named list.
	ents      []entSlot
	byID      map[string]int32
	entTerms  []entityTerm
	entGroup  []int32
	listGroup map[string]int32
	// texts holds the texts the set keeps, copied out of the files.
	texts textStore
}

func (c *compiler) errorf(n *yaml.Node, id, format string, args ...any) {
	e := Error{File: c.file, Rule: id, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Col = n.Line, n.Column
	}
	c.errs = append(c.errs, e)
}

func (c *compiler) itemErrorf(it item, id, format string, args ...any) {
	c.errs = append(c.errs, itemError(c.file, it, id, format, args...))
}

// definedKey names a definition: its kind (entity, list, rule) and id.
type definedKey struct{ kind, id string }

// definedAt is where a definition was read. Its position is spelt out
// only for a duplicate's error: formatting it for every definition was
// an allocation per entity, list and rule of every compile.
type definedAt struct {
	file string
	node *yaml.Node
}

func (d definedAt) String() string {
	if d.node == nil {
		return d.file
	}
	return fmt.Sprintf("%s:%d:%d", d.file, d.node.Line, d.node.Column)
}

// define records a name and reports whether it was new.
func (c *compiler) define(n *yaml.Node, kind, id string) bool {
	if c.defined == nil {
		c.defined = map[definedKey]definedAt{}
	}
	key := definedKey{kind, id}
	here := definedAt{c.file, n}
	if prev, ok := c.defined[key]; ok {
		c.errorf(n, "", "duplicate %s %q (first defined at %s)", kind, id, prev)
		return false
	}
	c.defined[key] = here
	return true
}

func (c *compiler) entities(doc *fileDoc) {
	c.file = doc.name
	for _, ed := range doc.entities {
		id := "entity @" + ed.id
		switch {
		case ed.id == "":
			c.errorf(ed.node, "", "entity without an id")
			continue
		case !validName(ed.id):
			c.errorf(ed.node, id, "entity id must be lowercase letters, digits, '-' or '_'")
			continue
		case !knownKind(ed.kind):
			c.errorf(firstNode(ed.kindNode, ed.node), id, "unknown kind %q%s; kinds are %s",
				ed.kind, suggest(ed.kind, entityKinds), strings.Join(entityKinds, ", "))
		case len(ed.aliases)+len(ed.caseSensitive) == 0:
			c.errorf(ed.node, id, "entity has no aliases")
		}
		if !c.define(ed.node, "entity", ed.id) {
			continue
		}
		t := &c.texts
		e := &Entity{ID: t.keep(ed.id), Name: t.keep(ed.name), Kind: t.keep(ed.kind), Notes: t.keep(ed.notes),
			Links: t.keepAll(ed.links)}
		if e.Name == "" {
			e.Name = e.ID
		}
		e.Aliases, e.CaseSensitive = itemValues(ed.aliases), itemValues(ed.caseSensitive)
		c.addEntity(e, append(ed.aliases, ed.caseSensitive...), id)
		// Its terms hold the aliases now; nothing reads them from a
		// compiled set, and kept they were a tenth of the default pack's.
		e.Aliases, e.CaseSensitive = nil, nil
	}
}

// addEntity compiles an entity's aliases into terms. nodes, when given,
// are the items of Aliases followed by CaseSensitive as written, for
// errors.
func (c *compiler) addEntity(e *Entity, nodes []item, id string) {
	if _, dup := c.byID[e.ID]; dup && nodes == nil {
		return // a list entry already known from a rule file keeps the file's definition
	}
	slot := c.newSlot(e)
	start := len(c.entTerms)
	for i, a := range e.Aliases {
		if nodes != nil {
			c.noWildcard(nodes[i], id, a)
		}
		c.addAlias(a, shortCaps(a), false, nodes, i, id)
	}
	for i, a := range e.CaseSensitive {
		if nodes != nil {
			c.noWildcard(nodes[len(e.Aliases)+i], id, a)
		}
		c.addAlias(a, true, false, nodes, len(e.Aliases)+i, id)
	}
	for _, a := range e.Weak {
		c.addAlias(a, false, true, nil, 0, id)
	}
	c.setTerms(slot, start)
}

// addAlias compiles one alias of the entity being added; nodes[i], when
// nodes are given, is where it is written.
func (c *compiler) addAlias(a string, exact, weak bool, nodes []item, i int, id string) {
	t, ok := c.rs.addTerm(a, false, exact)
	switch {
	case ok:
		c.entTerms = append(c.entTerms, entityTerm{term: t, weak: weak})
	case nodes != nil && !weak:
		c.itemErrorf(nodes[i], id, "alias %q has no words or more than %d", a, maxTermWords)
	}
}

// reserve sizes the tables for a big list's entities up front: growing
// maps of hundreds of thousands of entries step by step cost a tenth of a
// compile.
func (c *compiler) reserve(ents []*Entity) {
	aliases, words := 0, 0
	for _, e := range ents {
		aliases += len(e.Aliases) + len(e.CaseSensitive) + len(e.Weak)
		words += wordsIn(e.Aliases) + wordsIn(e.CaseSensitive) + wordsIn(e.Weak)
	}
	if aliases < 10_000 {
		return
	}
	rs := c.rs
	byID := make(map[string]int32, len(c.byID)+len(ents))
	maps.Copy(byID, c.byID)
	c.byID = byID
	c.ents = slices.Grow(c.ents, len(ents))
	rs.terms = slices.Grow(rs.terms, aliases)
	rs.auto.reserve(aliases, words)
	c.entTerms = slices.Grow(c.entTerms, aliases)
}

// wordsIn estimates the words of terms, as the states and edges they add
// at most (less what they share with terms added before).
func wordsIn(terms []string) int {
	n := 0
	for _, t := range terms {
		n += 1 + strings.Count(t, " ")
	}
	return n
}

// reserveFileTerms sizes the term tables for every list item and alias
// the files hold before the first is added: grown one term at a time, the
// default pack's tables were copied over and over, a fifth of all the
// bytes a compile allocated.
func (c *compiler) reserveFileTerms(docs []*fileDoc) {
	n, words, size := 0, 0, 0
	count := func(ns []item) {
		n += len(ns)
		for _, v := range ns {
			words += 1 + strings.Count(v.Value, " ")
			size += len(v.Value)
		}
	}
	for _, d := range docs {
		for _, l := range d.lists {
			count(l.items)
		}
		for _, l := range d.extendLists {
			count(l.items)
		}
		for _, e := range d.entities {
			count(e.aliases)
			count(e.caseSensitive)
		}
		for _, e := range d.extendEntities {
			count(e.aliases)
			count(e.caseSensitive)
		}
	}
	rs := c.rs
	rs.terms = slices.Grow(rs.terms, n)
	rs.textBuf = slices.Grow(rs.textBuf, size)
	// A pack's terms share many of their words with one another: as many
	// distinct words as terms is closer than as many as words. Its edges,
	// one per state, come to about four in five of its words: sized for
	// the terms, the edge table was rehashed once more, and the states'
	// slices grew, on every compile of the default pack; sized for every
	// word, it was made twice the size it ends at, and cut by fit.
	rs.auto.edges.reserve(&rs.auto.words, words*4/5)
	rs.auto.reserve(n, words)
}

// trim copies s to a slice of its length when much of its capacity is
// unused: the same word in several lists is one term, and the room
// reserved for every item would otherwise be held for the life of the set.
func trim[S ~[]E, E any](s S) S {
	if cap(s)-len(s) > len(s)/8 {
		return slices.Clone(s)
	}
	return s
}

func (c *compiler) lists(doc *fileDoc) {
	c.file = doc.name
	for _, l := range doc.lists {
		id := "list $" + l.name
		if !validName(l.name) {
			c.errorf(l.node, id, "list name must be lowercase letters, digits, '-' or '_'")
			continue
		}
		if !c.define(l.node, "list", l.name) {
			continue
		}
		if len(l.items) == 0 {
			c.errorf(l.node, id, "list is empty")
		}
		c.rs.lists[c.texts.keep(l.name)] = c.listTerms(l, id, make([]int32, 0, len(l.items)))
	}
}

// listTerms compiles a list's items, appending their term ids to ids.
func (c *compiler) listTerms(l listDoc, id string, ids []int32) []int32 {
	for _, it := range l.items {
		t, ok := c.rs.addTerm(it.Value, true, false)
		if !ok {
			c.itemErrorf(it, id, "%q: a term needs 1 to %d words, a wildcard only at the end of a word, and a stem of %d letters or more",
				it.Value, maxTermWords, minStem)
			continue
		}
		ids = append(ids, t)
	}
	return ids
}

// extendLists adds a file's `extend: lists:` items to lists defined in any
// file; it runs after every list is defined, so file order does not matter.
func (c *compiler) extendLists(doc *fileDoc) {
	c.file = doc.name
	for _, l := range doc.extendLists {
		id := "extend list $" + l.name
		ids, ok := c.rs.lists[l.name]
		if !ok {
			c.errorf(l.node, id, "unknown list $%s%s", l.name, suggestRef("$", l.name, mapKeys(c.rs.lists)))
			continue
		}
		if len(l.items) == 0 {
			c.errorf(l.node, id, "extension adds nothing")
		}
		// Clip so that appending never writes into a slice shared with a
		// rule set already built. The key is copied: a map keeps the key
		// of the last assignment, here a part of this file's text.
		c.rs.lists[c.texts.keep(l.name)] = c.listTerms(l, id, slices.Clip(ids))
	}
}

// extendEntities adds the files' `extend: entities:` aliases to entities
// defined in rule files or sanctions lists. The entity is copied, never
// changed in place: list entities are shared with the caller and reused
// by the next reload. It is copied once, with the terms of every file's
// aliases, where a copy per file made ten copies of a country every
// language extends.
func (c *compiler) extendEntities(docs []*fileDoc) {
	type growth struct {
		base  int32 // the slot extended
		terms []entityTerm
	}
	var grows []growth
	index := map[int32]int{}
	for _, doc := range docs {
		c.file = doc.name
		for i := range doc.extendEntities {
			x := &doc.extendEntities[i]
			id := "extend entity @" + x.id
			base, ok := c.byID[x.id]
			if !ok {
				c.errorf(x.node, id, "unknown entity @%s%s", x.id, suggestRef("@", x.id, mapKeys(c.byID)))
				continue
			}
			if len(x.aliases)+len(x.caseSensitive) == 0 {
				c.errorf(x.node, id, "extension adds no aliases")
				continue
			}
			k, ok := index[base]
			if !ok {
				k = len(grows)
				index[base] = k
				grows = append(grows, growth{base: base})
			}
			g := &grows[k]
			g.terms = c.aliasTerms(g.terms, x.aliases, false, id)
			g.terms = c.aliasTerms(g.terms, x.caseSensitive, true, id)
		}
	}
	for _, g := range grows {
		// The copy keeps no aliases, as an entity of a file does not:
		// its terms, the base's and the extensions', hold them.
		grown := *c.ents[g.base].e
		grown.Aliases, grown.CaseSensitive = nil, nil
		slot := c.newSlot(&grown)
		start := len(c.entTerms)
		c.entTerms = append(append(c.entTerms, c.termsOf(g.base)...), g.terms...)
		c.setTerms(slot, start)
	}
}

// noWildcard refuses a trailing * in an alias written in a file: aliases
// are names matched as written, so "Росси*" would silently match only the
// word "росси". Stems belong in lists, which rules name beside entities.
func (c *compiler) noWildcard(n item, id, alias string) {
	if strings.IndexByte(alias, '*') < 0 {
		return // nearly every alias: no need to split it into words
	}
	for _, w := range strings.Fields(alias) {
		if strings.HasSuffix(w, "*") {
			c.itemErrorf(n, id, "alias %q: an alias matches as written, so * is not a wildcard here; list each form, or put the stem in a list", alias)
			return
		}
	}
}

// aliasTerms compiles aliases given in a file onto ts, reporting the ones
// that cannot be terms at their place.
func (c *compiler) aliasTerms(ts []entityTerm, nodes []item, exact bool, id string) []entityTerm {
	for _, n := range nodes {
		c.noWildcard(n, id, n.Value)
		t, ok := c.rs.addTerm(n.Value, false, exact || shortCaps(n.Value))
		if !ok {
			c.itemErrorf(n, id, "alias %q has no words or more than %d", n.Value, maxTermWords)
			continue
		}
		ts = append(ts, entityTerm{term: t})
	}
	return ts
}

func (c *compiler) rules(doc *fileDoc) {
	c.file, c.src = doc.name, doc.src
	for i := range doc.rules {
		if r := c.rule(doc, &doc.rules[i]); r != nil {
			c.rs.rules = append(c.rs.rules, r)
		}
	}
}

func (c *compiler) rule(doc *fileDoc, rd *ruleDoc) *rule {
	id := fmt.Sprintf("rule %q", rd.id)
	switch {
	case rd.id == "":
		c.errorf(rd.node, "", "rule without an id")
		return nil
	case !validName(rd.id):
		c.errorf(rd.node, id, "rule id must be lowercase letters, digits, '-' or '_'")
		return nil
	case !c.define(rd.node, "rule", rd.id):
		return nil
	}
	t := &c.texts
	r := &rule{clauses: &clauseCache{}, id: t.keep(rd.id), title: t.keep(rd.title), description: t.keep(rd.description), tags: t.keepAll(rd.tags),
		file: doc.name, line: rd.node.Line}
	r.severity = c.severity(rd, id)
	r.routes = t.keepAll(rd.routes)
	if rd.query == nil {
		c.errorf(rd.node, id, "rule has no query")
		return nil
	}
	r.query = t.keep(rd.query.Value) // before parsing: the query's parts are kept too
	ast, err := query.Parse(r.query)
	if err != nil {
		c.queryError(doc, rd.query, id, err)
		return nil
	}
	b := &builder{c: c, r: r, ruleIdx: int32(len(c.rs.rules)), node: rd.query, id: id}
	root := b.build(ast, defaultFields)
	if b.failed {
		return nil
	}
	r.root = root
	if matchesNothing(root, len(r.leaves)) {
		c.errorf(rd.query, id, "query matches stories that contain none of its terms (is it only NOT clauses or lang:?)")
		return nil
	}
	b.index()
	return r
}

// matchesNothing reports whether a query holds for a story in which none
// of its terms occur, whatever the story's language: NOT x, lang:ko, NOT
// lang:ko. Such a rule would fire on everything, or (since rules are only
// evaluated when one of their terms is found) silently never.
func matchesNothing(root cnode, leaves int) bool {
	for _, anyLang := range []bool{false, true} {
		if ok, _ := root.eval(&evalState{leaves: make([][]int32, leaves), anyLang: anyLang}); ok {
			return true
		}
	}
	return false
}

func (c *compiler) severity(rd *ruleDoc, id string) story.Severity {
	if rd.severity == nil {
		c.errorf(rd.node, id, "rule has no severity (info, low, medium, high or critical)")
		return 0
	}
	sev, ok := story.ParseSeverity(rd.severity.Value)
	if !ok {
		c.errorf(rd.severity, id, "unknown severity %q%s", rd.severity.Value,
			suggest(rd.severity.Value, []string{"info", "low", "medium", "high", "critical"}))
	}
	return sev
}

// queryError reports a parse error at its place in the file.
func (c *compiler) queryError(doc *fileDoc, n *yaml.Node, id string, err error) {
	qe, ok := err.(*query.Error)
	if !ok {
		c.errorf(n, id, "query: %v", err)
		return
	}
	line, col := queryPos(doc.src, n, qe.Pos)
	c.errs = append(c.errs, Error{File: c.file, Line: line, Col: col, Rule: id, Msg: qe.Msg})
}

// queryPos maps a position inside a query to the file: a block scalar
// (query: |) starts on the next line at its indentation; a quoted scalar
// one column after its quote.
func queryPos(src []byte, n *yaml.Node, p query.Pos) (line, col int) {
	switch n.Style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		line = n.Line + p.Line
		return line, indentOf(src, line) + p.Col
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		if p.Line <= 1 {
			return n.Line, n.Column + p.Col
		}
	default:
		if p.Line <= 1 {
			return n.Line, n.Column + p.Col - 1
		}
	}
	line = n.Line + p.Line - 1
	return line, indentOf(src, line) + p.Col
}

// indentOf counts the leading spaces of a 1-based line of src.
func indentOf(src []byte, line int) int {
	lines := strings.SplitN(string(src), "\n", line+1)
	if line-1 >= len(lines) {
		return 0
	}
	l := lines[line-1]
	return len(l) - len(strings.TrimLeft(l, " "))
}

// resolveContext turns the context words of entities with weak aliases into
// term ids.
func (c *compiler) resolveContext() {
	words := map[string]int32{} // context words repeat: "vessel", "North Korea"
	for _, slot := range c.sortedEntities() {
		e := c.ents[slot].e
		if len(e.Weak) == 0 {
			continue
		}
		var ctx []int32
		for _, w := range e.Context {
			t, ok := words[w]
			if !ok {
				if t, ok = c.rs.addTerm(w, false, false); !ok {
					t = -1
				}
				words[w] = t
			}
			if t >= 0 {
				ctx = append(ctx, t)
			}
		}
		for _, et := range c.termsOf(slot) {
			if et.weak {
				c.rs.context[et.term] = append(c.rs.context[et.term], ctx...)
			}
		}
	}
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func firstNode(a, b *yaml.Node) *yaml.Node {
	if a != nil {
		return a
	}
	return b
}
