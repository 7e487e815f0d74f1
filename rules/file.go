package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/internal/yamlblock"
	"github.com/sanctionwatch/sanctionwatch/internal/yamlpos"
)

// The shape of a rule file, as written. Every value keeps its node, or
// for a list's items their place, so that later checks can point at it.

type fileDoc struct {
	name     string
	src      []byte
	lists    []listDoc
	entities []entityDoc
	rules    []ruleDoc
	// extend adds items to lists and aliases to entities defined in
	// another file, so a language pack can grow the shared vocabulary.
	extendLists    []listDoc
	extendEntities []extendEntityDoc
}

// extendEntityDoc adds aliases to an entity defined elsewhere.
type extendEntityDoc struct {
	id            string
	node          *yaml.Node // the id key, where errors point
	aliases       []item
	caseSensitive []item
}

// item is one item of a list of text: a term, an alias, a route.
type item = yamlblock.Scalar

type listDoc struct {
	name  string
	node  *yaml.Node
	items []item
}

type entityDoc struct {
	node          *yaml.Node
	id            string
	name          string
	kind          string
	kindNode      *yaml.Node
	aliases       []item
	caseSensitive []item
	notes         string
	links         []string
}

type ruleDoc struct {
	node        *yaml.Node
	id          string
	title       string
	description string
	severity    *yaml.Node
	routes      []string
	tags        []string
	query       *yaml.Node
	match       []exampleDoc
	noMatch     []exampleDoc
}

type exampleDoc struct {
	node    *yaml.Node
	title   string
	summary string
	content string
}

// The keys each mapping of a rule file may hold.
var (
	fileKeys         = []string{"lists", "entities", "rules", "extend"}
	extendKeys       = []string{"lists", "entities"}
	extendEntityKeys = []string{"aliases", "case_sensitive"}
	entityKeys       = []string{"id", "name", "kind", "aliases", "case_sensitive", "notes", "links"}
	ruleKeys         = []string{"id", "title", "description", "severity", "route", "tags", "query", "examples"}
	exampleKeys      = []string{"match", "no_match"}
	storyKeys        = []string{"title", "summary", "content"}
)

// decoder walks a YAML tree strictly: unknown keys, wrong types and
// duplicate keys are errors, and all of them are collected.
type decoder struct {
	file string
	doc  *yamlblock.Doc
	errs Errors
}

func (d *decoder) errorf(n *yaml.Node, rule, format string, args ...any) {
	e := Error{File: d.file, Rule: rule, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Col = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

func (d *decoder) itemErrorf(it item, rule, format string, args ...any) {
	d.errs = append(d.errs, itemError(d.file, it, rule, format, args...))
}

// itemError is an error at a list item's place.
func itemError(file string, it item, rule, format string, args ...any) Error {
	return Error{File: file, Line: int(it.Line), Col: int(it.Column), Rule: rule, Msg: fmt.Sprintf(format, args...)}
}

// parseFile decodes one rule file.
func parseFile(name string, src []byte) (*fileDoc, Errors) {
	d := &decoder{file: name}
	doc := &fileDoc{name: name, src: src}
	if !utf8.Valid(src) {
		d.errorf(nil, "", "file is not valid UTF-8")
		return doc, d.errs
	}
	yd, err := decodeYAML(src)
	if err != nil {
		e := yamlpos.Locate(src, err)
		d.errs = append(d.errs, Error{File: name, Line: e.Line, Col: e.Col, Msg: "invalid YAML: " + e.Msg})
		return doc, d.errs
	}
	d.doc = yd
	if len(yd.Root.Content) == 0 {
		return doc, nil // an empty file is allowed: it defines nothing
	}
	d.mapping(yd.Root.Content[0], "", fileKeys, func(k string, n *yaml.Node) {
		switch k {
		case "lists":
			doc.lists = d.lists(n)
		case "entities":
			doc.entities = d.entities(n)
		case "rules":
			doc.rules = d.rules(n)
		case "extend":
			d.extend(n, doc)
		}
	})
	return doc, d.errs
}

// decodeYAML reads a rule file into nodes with their positions: by the
// fast reader of plain block style when the file is written in it (the
// default pack is), else by the YAML library, which also reports errors.
func decodeYAML(src []byte) (*yamlblock.Doc, error) {
	if doc, ok := yamlblock.Parse(src); ok {
		return doc, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, err
	}
	return yamlblock.Library(&root), nil
}

// mapping calls set(key, value) for every key of n that keys holds;
// unknown or repeated keys are errors naming the nearest known key. A
// switch in set, not a map of functions per mapping: a pack has thousands
// of mappings, and building a map and its closures for each showed.
func (d *decoder) mapping(n *yaml.Node, id string, keys []string, set func(key string, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, id, "expected a mapping, found %s", kindName(n))
		return
	}
	var seen uint64 // bit i: keys[i] given; no mapping has 64 keys
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		f := slices.Index(keys, k.Value)
		switch {
		case f < 0:
			d.errorf(k, id, "unknown key %q%s", k.Value, suggest(k.Value, keys))
		case seen&(1<<f) != 0:
			d.errorf(k, id, "key %q given twice", k.Value)
		default:
			seen |= 1 << f
			set(k.Value, v)
		}
	}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

func (d *decoder) str(n *yaml.Node, id string, dst *string) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.errorf(n, id, "expected text, found %s", kindName(n))
		return
	}
	*dst = n.Value
}

func (d *decoder) node(n *yaml.Node, id string, dst **yaml.Node) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, id, "expected text, found %s", kindName(n))
		return
	}
	*dst = n
}

// items accepts a list of text, or a single text as a list of one.
func (d *decoder) items(n *yaml.Node, id string) []item {
	if flat, ok := d.doc.Scalars(n); ok {
		return d.nonEmpty(flat, id)
	}
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return []item{itemOf(n)}
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, id, "expected a list of text, found %s", kindName(n))
		return nil
	}
	out := make([]item, 0, len(n.Content))
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode || c.Tag == "!!null" || blank(c.Value) {
			d.errorf(c, id, "expected non-empty text, found %s", kindName(c))
			continue
		}
		out = append(out, itemOf(c))
	}
	return out
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func itemOf(n *yaml.Node) item {
	return item{Value: n.Value, Line: int32(n.Line), Column: int32(n.Column), Style: n.Style}
}

// nonEmpty reports the items of a flat list that hold only spaces and
// returns the rest; the list itself when all are good (items are only
// read).
func (d *decoder) nonEmpty(items []item, id string) []item {
	if !slices.ContainsFunc(items, func(it item) bool { return blank(it.Value) }) {
		return items
	}
	out := make([]item, 0, len(items))
	for _, it := range items {
		if blank(it.Value) {
			d.itemErrorf(it, id, "expected non-empty text, found %q", it.Value)
			continue
		}
		out = append(out, it)
	}
	return out
}

func (d *decoder) strs(n *yaml.Node, id string) []string {
	return itemValues(d.items(n, id))
}

func itemValues(items []item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Value
	}
	return out
}

// named calls each for every name: value pair of a mapping whose keys are
// names the file chooses (lists, extended entities).
func (d *decoder) named(n *yaml.Node, what string, each func(k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "", "%s: expected a mapping, found %s", what, kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		each(n.Content[i], n.Content[i+1])
	}
}

func (d *decoder) lists(n *yaml.Node) []listDoc {
	var out []listDoc
	d.named(n, "lists", func(k, v *yaml.Node) {
		out = append(out, listDoc{name: k.Value, node: k, items: d.items(v, "list $"+k.Value)})
	})
	return out
}

// extend reads `extend: {lists: {name: [terms]}, entities: {id: {aliases,
// case_sensitive}}}`. Whether the names exist is checked at compile time,
// once every file is read.
func (d *decoder) extend(n *yaml.Node, doc *fileDoc) {
	d.mapping(n, "extend", extendKeys, func(k string, v *yaml.Node) {
		if k == "lists" {
			doc.extendLists = d.lists(v)
		} else {
			doc.extendEntities = d.extendEntities(v)
		}
	})
}

func (d *decoder) extendEntities(n *yaml.Node) []extendEntityDoc {
	var out []extendEntityDoc
	d.named(n, "extend: entities", func(k, v *yaml.Node) {
		e := extendEntityDoc{id: k.Value, node: k}
		id := "extend entity @" + k.Value
		d.mapping(v, id, extendEntityKeys, func(k string, v *yaml.Node) {
			if k == "aliases" {
				e.aliases = d.items(v, id)
			} else {
				e.caseSensitive = d.items(v, id)
			}
		})
		out = append(out, e)
	})
	return out
}

func (d *decoder) entities(n *yaml.Node) []entityDoc {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "", "entities: expected a list, found %s", kindName(n))
		return nil
	}
	kids := d.doc.Nodes(n)
	out := make([]entityDoc, 0, len(kids))
	for _, c := range kids {
		e := entityDoc{node: c}
		e.id = peekID(c)
		id := "entity @" + e.id
		d.mapping(c, id, entityKeys, func(k string, v *yaml.Node) { d.entityField(&e, id, k, v) })
		out = append(out, e)
	}
	return out
}

func (d *decoder) entityField(e *entityDoc, id, k string, v *yaml.Node) {
	switch k {
	case "id":
		d.str(v, id, &e.id)
	case "name":
		d.str(v, id, &e.name)
	case "notes":
		d.str(v, id, &e.notes)
	case "kind":
		d.node(v, id, &e.kindNode)
		e.kind = v.Value
	case "aliases":
		e.aliases = d.items(v, id)
	case "case_sensitive":
		e.caseSensitive = d.items(v, id)
	case "links":
		e.links = d.strs(v, id)
	}
}

func (d *decoder) rules(n *yaml.Node) []ruleDoc {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "", "rules: expected a list, found %s", kindName(n))
		return nil
	}
	kids := d.doc.Nodes(n)
	out := make([]ruleDoc, 0, len(kids))
	for _, c := range kids {
		r := ruleDoc{node: c, id: peekID(c)}
		id := fmt.Sprintf("rule %q", r.id)
		d.mapping(c, id, ruleKeys, func(k string, v *yaml.Node) { d.ruleField(&r, id, k, v) })
		out = append(out, r)
	}
	return out
}

func (d *decoder) ruleField(r *ruleDoc, id, k string, v *yaml.Node) {
	switch k {
	case "id":
		d.str(v, id, &r.id)
	case "title":
		d.str(v, id, &r.title)
	case "description":
		d.str(v, id, &r.description)
	case "severity":
		d.node(v, id, &r.severity)
	case "query":
		d.node(v, id, &r.query)
	case "route":
		r.routes = d.strs(v, id)
	case "tags":
		r.tags = d.strs(v, id)
	case "examples":
		r.match, r.noMatch = d.examples(v, id)
	}
}

func (d *decoder) examples(n *yaml.Node, id string) (match, noMatch []exampleDoc) {
	d.mapping(n, id, exampleKeys, func(k string, v *yaml.Node) {
		if k == "match" {
			match = d.exampleList(v, id)
		} else {
			noMatch = d.exampleList(v, id)
		}
	})
	return match, noMatch
}

// exampleList reads stories: plain text (used as the title) or a mapping
// with title, summary and content.
func (d *decoder) exampleList(n *yaml.Node, id string) []exampleDoc {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, id, "examples: expected a list, found %s", kindName(n))
		return nil
	}
	kids := d.doc.Nodes(n)
	out := make([]exampleDoc, 0, len(kids))
	for _, c := range kids {
		ex := exampleDoc{node: c}
		if c.Kind == yaml.ScalarNode {
			ex.title = c.Value
		} else {
			d.mapping(c, id, storyKeys, func(k string, v *yaml.Node) {
				switch k {
				case "title":
					d.str(v, id, &ex.title)
				case "summary":
					d.str(v, id, &ex.summary)
				case "content":
					d.str(v, id, &ex.content)
				}
			})
		}
		out = append(out, ex)
	}
	return out
}

// peekID finds the id of a mapping before it is decoded, so that errors in
// keys written before "id:" can still name the rule.
func peekID(n *yaml.Node) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "id" {
			return n.Content[i+1].Value
		}
	}
	return ""
}
