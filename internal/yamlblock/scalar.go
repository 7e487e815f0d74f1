package yamlblock

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// resolve tags a plain scalar as the library does. Words are text; the
// few spellings of null and booleans are named here; anything that might
// be a number, a date or a merge key is asked of the library, once per
// such scalar (rare in rule files).
func resolve(v string) (string, bool) {
	switch v {
	case "~", "null", "Null", "NULL":
		return "!!null", true
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool", true
	}
	if v == "" || !strings.ContainsRune("+-.0123456789<", rune(v[0])) {
		return "!!str", true
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(v+"\n"), &doc); err != nil || len(doc.Content) != 1 {
		return "", false
	}
	n := doc.Content[0]
	if n.Kind != yaml.ScalarNode || n.Value != v || n.Tag == "!!merge" {
		return "", false
	}
	return n.Tag, true
}

// quoted reads a one-line single- or double-quoted scalar at the start of
// v, at column col (1-based), returning it and what follows it; false when
// it does not end on the line or holds an escape other than \" and \\.
func quoted(v string, num, col int) (Scalar, string, bool) {
	q := v[0]
	if end := strings.IndexByte(v[1:], q); end >= 0 && !strings.ContainsRune(v[1:end+1], '\\') &&
		(end+2 == len(v) || v[end+2] != q) {
		// No escapes: the value is a part of the source.
		return quotedScalar(q, v[1:end+1], num, col), v[end+2:], true
	}
	var b strings.Builder
	for i := 1; i < len(v); i++ {
		c := v[i]
		switch {
		case q == '\'' && c == '\'' && i+1 < len(v) && v[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case c == q:
			return quotedScalar(q, b.String(), num, col), v[i+1:], true
		case q == '"' && c == '\\':
			if i+1 == len(v) || v[i+1] != '"' && v[i+1] != '\\' {
				return Scalar{}, "", false
			}
			b.WriteByte(v[i+1])
			i++
		default:
			b.WriteByte(c)
		}
	}
	return Scalar{}, "", false
}

func quotedScalar(q byte, v string, num, col int) Scalar {
	style := yaml.SingleQuotedStyle
	if q == '"' {
		style = yaml.DoubleQuotedStyle
	}
	return Scalar{Value: v, Line: int32(num), Column: int32(col), Style: style}
}

// flow reads a flow list of scalars, "[a, 'b c', d]", starting at column
// col (0-based) of line l and running over more lines after a comma if it
// must, each more indented than the block at indent. It leaves the
// current line at the line holding "]".
func (p *parser) flow(l line, v string, col, indent int) *yaml.Node {
	n := p.node(yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: l.num, Column: col + 1})
	// Columns count runes; counting from the line start for every item
	// made a long list quadratic, so the count moves on with the items.
	seen, runes := 0, 0
	at := func(rest string) int {
		off := len(v) - len(rest)
		runes += utf8.RuneCountInString(v[seen:off])
		seen = off
		return col + runes + 1
	}
	rest := strings.TrimLeft(v[1:], " ")
	if strings.HasPrefix(rest, "]") {
		return p.after(n, rest[1:])
	}
	li := p.startList()
	for {
		if t := strings.TrimLeft(rest, " "); t == "" || t[0] == '#' {
			// The list goes on on the next line: read it as the rest.
			if p.pos++; p.pos == len(p.lines) || p.lines[p.pos].text == "" || p.lines[p.pos].indent <= indent {
				return p.fail()
			}
			l = p.lines[p.pos]
			v, col, rest = l.text, l.indent, l.text
			seen, runes = 0, 0
		}
		item, tag, tail, ok := flowItem(rest, l.num, at(rest))
		if !ok {
			return p.fail()
		}
		p.addScalar(&li, item, tag)
		rest = strings.TrimLeft(tail, " ")
		switch {
		case strings.HasPrefix(rest, "]"):
			return p.after(p.endList(&li, n), rest[1:])
		case !strings.HasPrefix(rest, ","):
			return p.fail()
		}
		rest = strings.TrimLeft(rest[1:], " ")
		if strings.HasPrefix(rest, "]") {
			return p.fail() // a trailing comma
		}
	}
}

// flowItem reads one quoted or plain scalar of a flow list at the start of
// rest, at column col (1-based), returning it, its tag and what follows;
// false when it is neither or does not end on the line.
func flowItem(rest string, num, col int) (Scalar, string, string, bool) {
	if rest[0] == '\'' || rest[0] == '"' {
		s, tail, ok := quoted(rest, num, col)
		return s, "!!str", tail, ok
	}
	end := strings.IndexAny(rest, ",]")
	if end < 0 {
		return Scalar{}, "", "", false
	}
	text := strings.TrimRight(rest[:end], " ")
	if !flowPlain(text) {
		return Scalar{}, "", "", false
	}
	tag, ok := resolve(text)
	return Scalar{Value: text, Line: int32(num), Column: int32(col)}, tag, rest[end:], ok
}

// after checks that only a comment follows a flow list on its line.
func (p *parser) after(n *yaml.Node, rest string) *yaml.Node {
	if !onlyComment(rest) {
		return p.fail()
	}
	return n
}

// flowPlain reports whether text reads as one plain scalar inside a flow
// list: no indicator first, no brackets, braces, comments or question marks
// (the library refuses "[why?]"), and no colon but inside a word
// ("https://...").
func flowPlain(text string) bool {
	if text == "" || indicator(text) || strings.ContainsAny(text, "[]{}#?") {
		return false
	}
	for i := strings.IndexByte(text, ':'); i >= 0; i = strings.IndexByte(text, ':') {
		if i+1 == len(text) || text[i+1] == ' ' {
			return false
		}
		text = text[i+1:]
	}
	return true
}

// blockScalar reads "|" or ">" text (with "-" to strip the last line
// break) whose lines follow line l, inside a block at indent. Folded text
// is read only when it folds simply: no blank or more indented lines.
func (p *parser) blockScalar(l line, v string, col, indent int) *yaml.Node {
	style := yaml.LiteralStyle
	if v[0] == '>' {
		style = yaml.FoldedStyle
	}
	head, strip := v[1:], false
	if strings.HasPrefix(head, "-") {
		head, strip = head[1:], true
	}
	if !onlyComment(head) {
		return p.fail()
	}
	n := p.node(yaml.Node{Kind: yaml.ScalarNode, Style: style, Tag: "!!str", Line: l.num, Column: col + 1})
	from, to, m := p.blockLines(indent)
	// Blank lines at the end are the line break's to keep or strip.
	for to > from && p.lines[to-1].text == "" {
		to--
	}
	if p.failed || to == from {
		return p.fail()
	}
	text, ok := p.blockText(from, to, m, style == yaml.FoldedStyle, !strip)
	if !ok {
		return p.fail()
	}
	n.Value = text
	if i := p.content(); i >= 0 && p.lines[i].indent > indent {
		return p.fail()
	}
	return n
}

// blockLines finds the lines of a block scalar below the current line,
// lines[from:to], and the block's indentation m, which its first line
// sets and which must be deeper than indent; it moves past them.
func (p *parser) blockLines(indent int) (from, to, m int) {
	m = -1
	from = p.pos + 1
	for p.pos++; p.pos < len(p.lines); p.pos++ {
		ln := p.lines[p.pos]
		switch {
		case ln.text == "" && (m < 0 || ln.indent > m):
			p.failed = true // blank lines first, or holding spaces, keep spaces the library counts its own way
			return from, p.pos, m
		case ln.text == "":
			continue
		case m < 0 && ln.indent <= indent:
			p.failed = true
			return from, p.pos, m
		case m < 0:
			m = ln.indent
		case ln.indent < m:
			return from, p.pos, m
		}
	}
	return from, p.pos, m
}

// blockText joins lines[from:to] past the indentation m, by line breaks
// or, folded, by spaces, and ends it in a line break when keep is set: in
// one string built once (the lines, their join and the last line break
// were three copies of every example story). Folded text is read only
// when it folds simply: no blank or more indented lines.
func (p *parser) blockText(from, to, m int, folded, keep bool) (string, bool) {
	sep := byte('\n')
	if folded {
		sep = ' '
	}
	size := 1
	for _, ln := range p.lines[from:to] {
		size += max(ln.indent-m, 0) + len(ln.text) + 1
	}
	var b strings.Builder
	b.Grow(size)
	for i, ln := range p.lines[from:to] {
		if i > 0 {
			b.WriteByte(sep)
		}
		if folded && (ln.text == "" || ln.indent > m) {
			return "", false
		}
		for range max(ln.indent-m, 0) {
			b.WriteByte(' ')
		}
		b.WriteString(ln.text)
	}
	if keep {
		b.WriteByte('\n')
	}
	return b.String(), true
}
