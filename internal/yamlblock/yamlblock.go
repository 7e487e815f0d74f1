// Package yamlblock reads the plain block style of YAML that rule files are
// written in (nested mappings and lists, one-line scalars, one-line flow
// lists, literal and folded text) into the node tree the YAML library
// builds, several times faster: the library's general parser was a third
// of compiling the default pack. Lists of one-line scalars (a pack's term
// lists) are kept as plain values with their places, not a node each (see
// Doc). Anything outside that style (anchors,
// tags, multi-line flow or plain scalars, tabs, escapes, documents) is
// refused rather than guessed at, and the caller decodes the file with the
// library, which also reports its errors.
package yamlblock

import (
	"math"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Parse returns the document yaml.Unmarshal gives for src, comments aside
// (Kind, Style, Tag, Value, Line, Column and Content are the same, the
// items of flat lists read through Doc), and true; or false when src is
// not in the block style this package reads.
func Parse(src []byte) (*Doc, bool) {
	// Positions are kept in int32: a file too big for them is the
	// library's (no rule file comes near).
	if len(src) >= math.MaxInt32 {
		return nil, false
	}
	s := string(src) // the one copy: node values are parts of it
	if !plainText(s) {
		return nil, false
	}
	p := &parser{lines: splitLines(s), flat: map[*yaml.Node][]Scalar{}}
	// Every item of a list starts a line or follows a comma or "[".
	p.scalars = make([]Scalar, 0, len(p.lines)+strings.Count(s, ",")+strings.Count(s, "["))
	first := p.content()
	if first < 0 {
		return nil, false // an empty document has its own shape; leave it to the library
	}
	l := p.lines[first]
	if l.indent != 0 {
		return nil, false
	}
	doc := p.node(yaml.Node{Kind: yaml.DocumentNode, Line: l.num, Column: 1})
	root := p.block(l.indent)
	if p.failed || p.content() >= 0 {
		return nil, false
	}
	doc.Content = []*yaml.Node{root}
	return &Doc{Root: doc, flat: p.flat}, true
}

// plainText rules out what the line parser does not handle: tabs, carriage
// returns, a byte order mark, a file not ending in a newline (a block
// scalar's last line break depends on it), and document markers; and what
// the library refuses anyway: bytes that are not UTF-8, control characters.
func plainText(s string) bool {
	if len(s) == 0 || s[len(s)-1] != '\n' {
		return false
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII, most of a rule file: no rune to decode.
			if c != '\n' && (c < 0x20 || c > 0x7e) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !printable(r) {
			return false
		}
		i += size
	}
	return !strings.HasPrefix(s, "---") && !strings.HasPrefix(s, "%") &&
		!strings.Contains(s, "\n---") && !strings.Contains(s, "\n...") && !strings.HasPrefix(s, "...")
}

// line is one line of the source: its number, its leading spaces and what
// follows them. A list item's content is read as a line of its own at the
// column it starts in ("- id: x" holds the mapping "id: x").
type line struct {
	num    int
	indent int // in runes from the start of the source line, so columns stay exact
	text   string
}

func splitLines(s string) []line {
	out := make([]line, 0, strings.Count(s, "\n"))
	for r := range strings.Lines(s) {
		r = r[:len(r)-1] // every line ends in "\n": see plainText
		t := strings.TrimLeft(r, " ")
		out = append(out, line{num: len(out) + 1, indent: len(r) - len(t), text: t})
	}
	return out
}

type parser struct {
	lines  []line
	pos    int // the current line
	failed bool
	slab   []yaml.Node
	// stack holds the children of the lists and mappings being read,
	// each from its base up, so that every node gets its Content in one
	// allocation of the right size rather than by doubling.
	stack []*yaml.Node
	// scalars holds the items of flat lists, those being read and those
	// done, which flat maps to theirs.
	scalars []Scalar
	flat    map[*yaml.Node][]Scalar
}

// children moves the nodes pushed on the stack since base into n.
func (p *parser) children(n *yaml.Node, base int) *yaml.Node {
	n.Content = append(make([]*yaml.Node, 0, len(p.stack)-base), p.stack[base:]...)
	clear(p.stack[base:])
	p.stack = p.stack[:base]
	return n
}

// node returns n placed in the parser's slab: nodes are allocated a
// hundred at a time, not one by one (a pack file has thousands).
func (p *parser) node(n yaml.Node) *yaml.Node {
	if len(p.slab) == 0 {
		p.slab = make([]yaml.Node, 128)
	}
	p.slab[0] = n
	out := &p.slab[0]
	p.slab = p.slab[1:]
	return out
}

// content returns the index of the next line that holds more than spaces
// and a comment, or -1; it moves the current line there.
func (p *parser) content() int {
	for ; p.pos < len(p.lines); p.pos++ {
		t := p.lines[p.pos].text
		if t != "" && t[0] != '#' {
			return p.pos
		}
	}
	return -1
}

func (p *parser) fail() *yaml.Node {
	p.failed = true
	return &yaml.Node{}
}

// block reads the mapping or list whose first entry is the current line.
func (p *parser) block(indent int) *yaml.Node {
	if isItem(p.lines[p.pos].text) {
		return p.sequence(indent)
	}
	return p.mapping(indent)
}

func isItem(t string) bool { return t == "-" || strings.HasPrefix(t, "- ") }

// sequence reads "- " entries at indent.
func (p *parser) sequence(indent int) *yaml.Node {
	li := p.startList()
	n := p.collection(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}, indent, func(l *line) bool {
		if !isItem(l.text) {
			return false
		}
		rest := strings.TrimLeft(l.text[1:], " ")
		if rest == "" || rest[0] == '#' {
			return false // an empty item, or its content on the next lines
		}
		// Read the item's content as a line starting where it starts.
		l.indent += len(l.text) - len(rest)
		l.text = rest
		p.item(&li, indent)
		return true
	})
	if p.failed {
		return n
	}
	return p.endList(&li, n)
}

// collection reads the entries of a list or mapping n at indent, each
// line at that indent by entry, which pushes the entry's items and
// returns false to refuse the line; a line indented further, not taken
// by an entry, is refused too. The caller gives n its children.
func (p *parser) collection(n yaml.Node, indent int, entry func(l *line) bool) *yaml.Node {
	n.Line, n.Column = p.lines[p.pos].num, indent+1
	out := p.node(n)
	for !p.failed {
		i := p.content()
		if i < 0 || p.lines[i].indent < indent {
			break
		}
		if p.lines[i].indent > indent || !entry(&p.lines[i]) {
			return p.fail()
		}
	}
	return out
}

// item reads one list entry's content, the current line, into the items
// of a list at indent.
func (p *parser) item(li *listItems, indent int) {
	l := p.lines[p.pos]
	if isItem(l.text) {
		p.addNode(li, p.sequence(l.indent))
		return
	}
	if _, _, ok := splitKey(l.text); ok {
		p.addNode(li, p.mapping(l.indent))
		return
	}
	if c := l.text[0]; c == '|' || c == '>' || c == '[' {
		p.addNode(li, p.value(l, l.text, l.indent, indent))
		return
	}
	s, tag, ok := p.scalar(l, l.text, l.indent)
	if !ok {
		p.fail()
		return
	}
	p.addScalar(li, s, tag)
	p.endValue(nil, indent)
}

// mapping reads "key: value" entries at indent.
func (p *parser) mapping(indent int) *yaml.Node {
	base := len(p.stack)
	n := p.collection(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}, indent, func(l *line) bool {
		key, rest, ok := splitKey(l.text)
		if !ok || isItem(l.text) {
			return false
		}
		p.stack = append(p.stack, p.plain(key, l.num, l.indent+1))
		p.stack = append(p.stack, p.entry(*l, rest, indent))
		return true
	})
	if p.failed {
		return n
	}
	return p.children(n, base)
}

// entry reads the value of a key of the mapping at indent, written after
// the colon (rest) or on the lines below.
func (p *parser) entry(l line, rest string, indent int) *yaml.Node {
	v := strings.TrimLeft(rest, " ")
	if v != "" && v[0] != '#' {
		col := l.indent + utf8.RuneCountInString(l.text[:len(l.text)-len(v)])
		return p.value(l, v, col, indent)
	}
	p.pos++
	i := p.content()
	switch {
	case i < 0:
		return p.fail() // an empty value: the library places it, not us
	case p.lines[i].indent > indent:
		return p.block(p.lines[i].indent)
	case p.lines[i].indent == indent && isItem(p.lines[i].text):
		return p.sequence(indent)
	}
	return p.fail()
}

// value reads a scalar, a flow list or a block scalar starting at column
// col (0-based) of line l, inside a block at indent, and moves past it.
func (p *parser) value(l line, v string, col, indent int) *yaml.Node {
	switch v[0] {
	case '|', '>':
		return p.blockScalar(l, v, col, indent)
	case '[':
		return p.endValue(p.flow(l, v, col, indent), indent)
	}
	s, tag, ok := p.scalar(l, v, col)
	if !ok {
		return p.fail()
	}
	return p.endValue(p.scalarNode(s, tag), indent)
}

// scalar reads a one-line quoted or plain scalar v starting at column col
// (0-based) of line l, with its tag; false when it is neither.
func (p *parser) scalar(l line, v string, col int) (Scalar, string, bool) {
	if v[0] == '\'' || v[0] == '"' {
		s, rest, ok := quoted(v, l.num, col+1)
		return s, "!!str", ok && onlyComment(rest)
	}
	text, ok := plainValue(v)
	if !ok {
		return Scalar{}, "", false
	}
	tag, ok := resolve(text)
	return Scalar{Value: text, Line: int32(l.num), Column: int32(col + 1)}, tag, ok
}

// endValue moves past the line a value n ends on: a more indented line
// below would continue the scalar or be an error.
func (p *parser) endValue(n *yaml.Node, indent int) *yaml.Node {
	p.pos++
	if i := p.content(); i >= 0 && p.lines[i].indent > indent {
		return p.fail()
	}
	return n
}

// onlyComment reports whether what follows a value on its line is nothing
// or a comment.
func onlyComment(rest string) bool {
	t := strings.TrimLeft(rest, " ")
	return t == "" || t[0] == '#' && len(t) < len(rest)
}

// maxKey is below the library's limit on the length of a key (1024
// characters to its colon); longer keys are its to refuse.
const maxKey = 1000

// splitKey splits "key: rest" or "key:" at the first colon followed by a
// space or the end, when the key is a plain scalar this package reads.
func splitKey(t string) (key, rest string, ok bool) {
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '#' && i > 0 && t[i-1] == ' ':
			return "", "", false
		case t[i] == ':' && (i+1 == len(t) || t[i+1] == ' '):
			if i > maxKey {
				return "", "", false
			}
			key = strings.TrimRight(t[:i], " ")
			if k, ok := plainValue(key); !ok || k != key {
				return "", "", false
			}
			return key, t[i+1:], true
		}
	}
	return "", "", false
}

// plainValue cuts a one-line plain scalar at its comment, refusing what
// would not be one: an indicator first, or ": " inside.
func plainValue(v string) (string, bool) {
	if v == "" || indicator(v) {
		return "", false
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimRight(v, " ")
	if strings.Contains(v, ": ") || strings.HasSuffix(v, ":") {
		return "", false
	}
	return v, true
}

// plain makes a plain scalar node, tagged as the library resolves it.
func (p *parser) plain(v string, num, col int) *yaml.Node {
	tag, ok := resolve(v)
	if !ok {
		return p.fail()
	}
	return p.node(yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v, Line: num, Column: col})
}

// indicator reports whether v starts with a character that makes it more
// than a plain scalar; "-" may start one when a word follows ("-3").
func indicator(v string) bool {
	if v[0] == '-' {
		return len(v) == 1 || v[1] == ' '
	}
	return strings.ContainsRune("?:,[]{}#&*!|>'\"%@`", rune(v[0]))
}

// printable is YAML's set of characters a stream may hold, less tab,
// carriage return, the byte order mark and what the library also reads as
// a line break: next line, line and paragraph separators (and a bad UTF-8
// byte, which ranging over a string reads as U+FFFD, is refused too).
func printable(r rune) bool {
	switch {
	case r == '\n' || r >= 0x20 && r <= 0x7e:
		return true
	case r == utf8.RuneError || r == 0xfeff || r == 0x2028 || r == 0x2029:
		return false
	}
	return r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff
}
