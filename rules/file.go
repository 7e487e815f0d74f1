package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/internal/yamlblock"
	"github.com/sanctionwatch/sanctionwatch/internal/yamlpos"
)

// The shape of a rule file, as written. Every value keeps its node so that
// later checks can point at it.

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
	aliases       []*yaml.Node
	caseSensitive []*yaml.Node
}

type listDoc struct {
	name  string
	node  *yaml.Node
	items []*yaml.Node
}

type entityDoc struct {
	node          *yaml.Node
	id            string
	name          string
	kind          string
	kindNode      *yaml.Node
	aliases       []*yaml.Node
	caseSensitive []*yaml.Node
	notes         string
	links         []string
}

type ruleDoc struct {
	node        *yaml.Node
	id          string
	title       string
	description string
	severity    *yaml.Node
	routes      []*yaml.Node
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

// decoder walks a YAML tree strictly: unknown keys, wrong types and
// duplicate keys are errors, and all of them are collected.
type decoder struct {
	file string
	errs Errors
}

func (d *decoder) errorf(n *yaml.Node, rule, format string, args ...any) {
	e := Error{File: d.file, Rule: rule, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Col = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

// parseFile decodes one rule file.
func parseFile(name string, src []byte) (*fileDoc, Errors) {
	d := &decoder{file: name}
	doc := &fileDoc{name: name, src: src}
	if !utf8.Valid(src) {
		d.errorf(nil, "", "file is not valid UTF-8")
		return doc, d.errs
	}
	root, err := decodeYAML(src)
	if err != nil {
		e := yamlpos.Locate(src, err)
		d.errs = append(d.errs, Error{File: name, Line: e.Line, Col: e.Col, Msg: "invalid YAML: " + e.Msg})
		return doc, d.errs
	}
	if len(root.Content) == 0 {
		return doc, nil // an empty file is allowed: it defines nothing
	}
	d.mapping(root.Content[0], "", map[string]func(*yaml.Node){
		"lists":    func(n *yaml.Node) { doc.lists = d.lists(n) },
		"entities": func(n *yaml.Node) { doc.entities = d.entities(n) },
		"rules":    func(n *yaml.Node) { doc.rules = d.rules(n) },
		"extend":   func(n *yaml.Node) { d.extend(n, doc) },
	})
	return doc, d.errs
}

// decodeYAML reads a rule file into nodes with their positions: by the
// fast reader of plain block style when the file is written in it (the
// default pack is), else by the YAML library, which also reports errors.
func decodeYAML(src []byte) (*yaml.Node, error) {
	if root, ok := yamlblock.Parse(src); ok {
		return root, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, err
	}
	return &root, nil
}

// mapping calls fields[key] for every key of n; unknown or repeated keys
// are errors naming the nearest known key.
func (d *decoder) mapping(n *yaml.Node, id string, fields map[string]func(*yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, id, "expected a mapping, found %s", kindName(n))
		return
	}
	known := make([]string, 0, len(fields))
	for k := range fields {
		known = append(known, k)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		f, ok := fields[k.Value]
		switch {
		case !ok:
			d.errorf(k, id, "unknown key %q%s", k.Value, suggest(k.Value, known))
		case seen[k.Value]:
			d.errorf(k, id, "key %q given twice", k.Value)
		default:
			seen[k.Value] = true
			f(v)
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

// strNodes accepts a list of strings, or a single string as a list of one.
func (d *decoder) strNodes(n *yaml.Node, id string) []*yaml.Node {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return []*yaml.Node{n}
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, id, "expected a list of text, found %s", kindName(n))
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode || c.Tag == "!!null" || strings.TrimSpace(c.Value) == "" {
			d.errorf(c, id, "expected non-empty text, found %s", kindName(c))
			continue
		}
		out = append(out, c)
	}
	return out
}

func (d *decoder) strs(n *yaml.Node, id string) []string {
	nodes := d.strNodes(n, id)
	out := make([]string, len(nodes))
	for i, c := range nodes {
		out[i] = c.Value
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
		out = append(out, listDoc{name: k.Value, node: k, items: d.strNodes(v, "list $"+k.Value)})
	})
	return out
}

// extend reads `extend: {lists: {name: [terms]}, entities: {id: {aliases,
// case_sensitive}}}`. Whether the names exist is checked at compile time,
// once every file is read.
func (d *decoder) extend(n *yaml.Node, doc *fileDoc) {
	d.mapping(n, "extend", map[string]func(*yaml.Node){
		"lists":    func(v *yaml.Node) { doc.extendLists = d.lists(v) },
		"entities": func(v *yaml.Node) { doc.extendEntities = d.extendEntities(v) },
	})
}

func (d *decoder) extendEntities(n *yaml.Node) []extendEntityDoc {
	var out []extendEntityDoc
	d.named(n, "extend: entities", func(k, v *yaml.Node) {
		e := extendEntityDoc{id: k.Value, node: k}
		id := "extend entity @" + k.Value
		d.mapping(v, id, map[string]func(*yaml.Node){
			"aliases":        func(v *yaml.Node) { e.aliases = d.strNodes(v, id) },
			"case_sensitive": func(v *yaml.Node) { e.caseSensitive = d.strNodes(v, id) },
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
	out := make([]entityDoc, 0, len(n.Content))
	for _, c := range n.Content {
		e := entityDoc{node: c}
		e.id = peekID(c)
		id := "entity @" + e.id
		d.mapping(c, id, map[string]func(*yaml.Node){
			"id":             func(v *yaml.Node) { d.str(v, id, &e.id) },
			"name":           func(v *yaml.Node) { d.str(v, id, &e.name) },
			"kind":           func(v *yaml.Node) { d.node(v, id, &e.kindNode); e.kind = v.Value },
			"aliases":        func(v *yaml.Node) { e.aliases = d.strNodes(v, id) },
			"case_sensitive": func(v *yaml.Node) { e.caseSensitive = d.strNodes(v, id) },
			"notes":          func(v *yaml.Node) { d.str(v, id, &e.notes) },
			"links":          func(v *yaml.Node) { e.links = d.strs(v, id) },
		})
		out = append(out, e)
	}
	return out
}

func (d *decoder) rules(n *yaml.Node) []ruleDoc {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "", "rules: expected a list, found %s", kindName(n))
		return nil
	}
	out := make([]ruleDoc, 0, len(n.Content))
	for _, c := range n.Content {
		r := ruleDoc{node: c, id: peekID(c)}
		id := fmt.Sprintf("rule %q", r.id)
		d.mapping(c, id, map[string]func(*yaml.Node){
			"id":          func(v *yaml.Node) { d.str(v, id, &r.id) },
			"title":       func(v *yaml.Node) { d.str(v, id, &r.title) },
			"description": func(v *yaml.Node) { d.str(v, id, &r.description) },
			"severity":    func(v *yaml.Node) { d.node(v, id, &r.severity) },
			"route":       func(v *yaml.Node) { r.routes = d.strNodes(v, id) },
			"tags":        func(v *yaml.Node) { r.tags = d.strs(v, id) },
			"query":       func(v *yaml.Node) { d.node(v, id, &r.query) },
			"examples":    func(v *yaml.Node) { r.match, r.noMatch = d.examples(v, id) },
		})
		out = append(out, r)
	}
	return out
}

func (d *decoder) examples(n *yaml.Node, id string) (match, noMatch []exampleDoc) {
	d.mapping(n, id, map[string]func(*yaml.Node){
		"match":    func(v *yaml.Node) { match = d.exampleList(v, id) },
		"no_match": func(v *yaml.Node) { noMatch = d.exampleList(v, id) },
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
	out := make([]exampleDoc, 0, len(n.Content))
	for _, c := range n.Content {
		ex := exampleDoc{node: c}
		if c.Kind == yaml.ScalarNode {
			ex.title = c.Value
		} else {
			d.mapping(c, id, map[string]func(*yaml.Node){
				"title":   func(v *yaml.Node) { d.str(v, id, &ex.title) },
				"summary": func(v *yaml.Node) { d.str(v, id, &ex.summary) },
				"content": func(v *yaml.Node) { d.str(v, id, &ex.content) },
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
