// Package labelled reads sets of stories labelled relevant or not (the
// format of rules/testdata/eval, which users can write for their own
// rules) and scores a rule set on them: precision and recall overall and
// per rule, with every miss and false alert.
package labelled

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Story is one labelled story.
type Story struct {
	ID       string
	Relevant bool
	Topic    string
	Title    string
	Summary  string
	Content  string
	Note     string
	// Rules, when given, are the rules that should fire on a relevant
	// story; per-rule recall then counts the story for those rules only.
	Rules []string
	Line  int
}

// Story returns the story the rules see.
func (s Story) Story() story.Story {
	return story.Story{Key: s.ID, Title: s.Title, Summary: s.Summary, Content: s.Content}
}

// Parse reads a labelled set: a YAML list of mappings with id, relevant,
// title and optionally topic, summary, content, note and rules. Every
// problem is reported at once as file:line:col.
func Parse(name string, src []byte) ([]Story, error) {
	p := &parser{file: name}
	if !utf8.Valid(src) {
		return nil, rules.Errors{{File: name, Msg: "file is not valid UTF-8"}}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, rules.Errors{{File: name, Msg: err.Error()}}
	}
	var out []Story
	if len(root.Content) > 0 {
		out = p.list(root.Content[0])
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	if len(out) == 0 {
		return nil, rules.Errors{{File: name, Msg: "no labelled stories"}}
	}
	return out, nil
}

type parser struct {
	file string
	errs rules.Errors
	ids  map[string]int
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.errs = append(p.errs, rules.Error{File: p.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) list(n *yaml.Node) []Story {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "expected a list of labelled stories")
		return nil
	}
	p.ids = map[string]int{}
	out := make([]Story, 0, len(n.Content))
	for _, c := range n.Content {
		if s, ok := p.story(c); ok {
			out = append(out, s)
		}
	}
	return out
}

// story decodes one mapping; ok is false when it had errors.
func (p *parser) story(n *yaml.Node) (Story, bool) {
	s := Story{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "expected a mapping with id, relevant and title")
		return s, false
	}
	before := len(p.errs)
	var haveRelevant bool
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "relevant":
			haveRelevant = p.boolean(v, &s.Relevant)
		case "rules":
			s.Rules = p.strings(v)
		default:
			p.text(k, v, &s)
		}
	}
	p.required(n, s, haveRelevant)
	return s, len(p.errs) == before
}

// text sets one of the string fields by key.
func (p *parser) text(k, v *yaml.Node, s *Story) {
	fields := map[string]*string{"id": &s.ID, "topic": &s.Topic, "title": &s.Title, "summary": &s.Summary,
		"content": &s.Content, "note": &s.Note}
	dst, ok := fields[k.Value]
	switch {
	case !ok:
		p.errorf(k, "unknown key %q (id, relevant, topic, title, summary, content, note, rules)", k.Value)
	case v.Kind != yaml.ScalarNode:
		p.errorf(v, "%s: expected text", k.Value)
	default:
		*dst = v.Value
	}
}

func (p *parser) boolean(v *yaml.Node, dst *bool) bool {
	b, err := strconv.ParseBool(v.Value)
	if v.Kind != yaml.ScalarNode || err != nil {
		p.errorf(v, "relevant: expected true or false, got %q", v.Value)
		return false
	}
	*dst = b
	return true
}

func (p *parser) strings(v *yaml.Node) []string {
	if v.Kind != yaml.SequenceNode {
		p.errorf(v, "rules: expected a list of rule ids")
		return nil
	}
	out := make([]string, 0, len(v.Content))
	for _, c := range v.Content {
		out = append(out, c.Value)
	}
	return out
}

// required checks id (present, unique), relevant and some text.
func (p *parser) required(n *yaml.Node, s Story, haveRelevant bool) {
	switch line, dup := p.ids[s.ID]; {
	case s.ID == "":
		p.errorf(n, "story has no id")
	case dup:
		p.errorf(n, "story %q: duplicate id (first at line %d)", s.ID, line)
	default:
		p.ids[s.ID] = n.Line
	}
	if !haveRelevant {
		p.errorf(n, "story %q: relevant: true or false is required", s.ID)
	}
	if s.Title == "" && s.Summary == "" && s.Content == "" {
		p.errorf(n, "story %q: no title, summary or content", s.ID)
	}
}
