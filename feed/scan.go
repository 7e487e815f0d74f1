package feed

import (
	"bytes"
	"encoding/binary"

	"github.com/cespare/xxhash/v2"
)

// itemSpan is where one item element (<item>, <entry>) of an XML document
// lies, and a hash of its bytes together with what gives them their
// meaning: the prolog (encoding, entities) and the start tags enclosing
// the item (namespaces, xml:base, the format itself).
type itemSpan struct {
	start, end int
	sum        uint64
}

// layout is where a document's items lie, what to cut out of it to
// leave its head, and a digest of what a poll reads in it.
type layout struct {
	spans  []itemSpan
	cuts   [][2]int
	digest uint64
}

// scan finds the items of a document in either format.
func scan(body []byte) (layout, bool) {
	if i := skipSpace(body, 0); i < len(body) && body[i] == '{' {
		return scanJSONItems(body)
	}
	return scanItems(body)
}

// openTag is a start tag whose element has not ended yet.
type openTag struct {
	name       []byte
	start, end int
}

// tagScan follows the tags of an XML document without decoding it: enough
// to find its items in a small fraction of a parse.
type tagScan struct {
	body   []byte
	pos    int
	prolog int       // where the root element starts; -1 until it is seen
	open   []openTag // elements enclosing pos
	parent int       // where the items' parent starts; -1 until an item is seen
	spans  []itemSpan

	head     *xxhash.Digest // the digest: what is read outside the items, and each item's sum
	last     int            // where the last markup read ends
	volatile int            // depth in open of a feed date being left out; -1 outside

	// context is the prolog and the items' ancestors' start tags, hashed
	// once: every item has the same parent, so the same context, and an
	// item's sum continues from a copy of this state.
	context    xxhash.Digest
	hasContext bool
}

// scanItems finds the items of an XML feed document (elements named item
// or entry, whatever their prefix, not inside another item). It skips
// comments, CDATA sections and processing instructions and reads quoted
// attribute values whole, so markup inside them is not taken for tags.
// ok is false for whatever it cannot follow (not XML, a tag or element
// left open, an end tag that does not match, a DOCTYPE with an internal
// subset that could declare entities, items under more than one parent,
// which a parser may read only some of): such a document must be parsed
// whole.
//
// The digest leaves out what no poll reads: comments, white space between
// tags, and the feed's own dates (lastBuildDate, pubDate, updated, date,
// modified), which many publishers renew on every request.
func scanItems(body []byte) (layout, bool) {
	s := tagScan{body: body, prolog: -1, parent: -1, volatile: -1, head: xxhash.New()}
	for {
		i := bytes.IndexByte(s.body[s.pos:], '<')
		if i < 0 {
			break
		}
		s.pos += i
		s.text(s.last, s.pos)
		if !s.step() {
			return layout{}, false
		}
		s.last = s.pos
	}
	s.text(s.last, len(body))
	if len(s.open) > 0 || s.prolog < 0 {
		return layout{}, false
	}
	l := layout{spans: s.spans, digest: s.head.Sum64()}
	for _, sp := range s.spans {
		l.cuts = append(l.cuts, [2]int{sp.start, sp.end})
	}
	return l, true
}

// reading says whether what the scan is at goes into the digest as it is:
// it is not in a feed date. (Items go in by their sums.)
func (s *tagScan) reading() bool { return s.volatile < 0 }

// text adds the text between two pieces of markup to the digest, unless it
// is only white space.
func (s *tagScan) text(from, to int) {
	if s.reading() && len(bytes.TrimSpace(s.body[from:to])) > 0 {
		s.head.Write(s.body[from:to])
	}
}

// markup adds the markup just read, from start to s.pos, to the digest.
func (s *tagScan) markup(start int) {
	if s.reading() {
		s.head.Write(s.body[start:s.pos])
	}
}

// step reads the markup at s.pos, which is a '<', and moves past it.
func (s *tagScan) step() bool {
	start, rest := s.pos, s.body[s.pos:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return s.skipPast("-->")
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		return s.skipPast("]]>") && s.read(start)
	case bytes.HasPrefix(rest, []byte("<?")):
		return s.skipPast("?>") && s.read(start)
	case bytes.HasPrefix(rest, []byte("<!")):
		end := bytes.IndexByte(rest, '>')
		if end < 0 || bytes.IndexByte(rest[:end], '[') >= 0 {
			return false
		}
		s.pos += end + 1
		return s.read(start)
	case bytes.HasPrefix(rest, []byte("</")):
		return s.endTag()
	}
	return s.startTag()
}

// read adds the markup from start to s.pos to the digest; it returns true
// so that it can end a step.
func (s *tagScan) read(start int) bool {
	s.markup(start)
	return true
}

func (s *tagScan) skipPast(marker string) bool {
	end := bytes.Index(s.body[s.pos:], []byte(marker))
	if end < 0 {
		return false
	}
	s.pos += end + len(marker)
	return true
}

// startTag reads a start tag or an empty-element tag.
func (s *tagScan) startTag() bool {
	end := tagEnd(s.body, s.pos)
	if end < 0 {
		return false
	}
	name := tagName(s.body[s.pos+1 : end])
	if len(name) == 0 {
		return false
	}
	if s.prolog < 0 {
		s.prolog = s.pos
	}
	tag := openTag{name: name, start: s.pos, end: end + 1}
	empty := s.body[end-1] == '/'
	isItem := isItemName(name)
	s.pos = end + 1
	switch {
	case isItem && (!s.sameParent() || s.volatile >= 0):
		return false
	case isItem && empty:
		s.addSpan(tag.start, tag.end)
	case isItem:
		if !s.skipItem(name) {
			return false
		}
		s.addSpan(tag.start, s.pos)
	case s.reading() && isDateName(name):
		if !empty {
			s.volatile = len(s.open)
			s.open = append(s.open, tag)
		}
	default:
		s.markup(tag.start)
		if !empty {
			s.open = append(s.open, tag)
		}
	}
	return true
}

// sameParent says whether an item starting now has the parent every
// item before it had.
func (s *tagScan) sameParent() bool {
	if len(s.open) == 0 {
		return false
	}
	parent := s.open[len(s.open)-1].start
	if s.parent < 0 {
		s.parent = parent
	}
	return s.parent == parent
}

// endTag reads an end tag, which must close the innermost open element.
func (s *tagScan) endTag() bool {
	end := bytes.IndexByte(s.body[s.pos:], '>')
	if end < 0 || len(s.open) == 0 {
		return false
	}
	end += s.pos
	top := s.open[len(s.open)-1]
	if !bytes.Equal(bytes.TrimRight(s.body[s.pos+2:end], " \t\r\n"), top.name) {
		return false
	}
	s.open = s.open[:len(s.open)-1]
	start := s.pos
	s.pos = end + 1
	if len(s.open) == s.volatile {
		s.volatile = -1
	} else {
		s.markup(start)
	}
	return true
}

// skipItem moves past the end tag of the item whose start tag ends at
// s.pos. An item is the bulk of a document, so its inside is not followed
// tag by tag: in XML a '<' outside comments, CDATA sections and processing
// instructions starts a tag (attribute values cannot hold one), so only
// tags of the item's own name, which could nest, need reading. The byte
// after each '<' picks the one check it needs, since the item's own tags
// (title, link, description) are most of what this loop meets.
func (s *tagScan) skipItem(name []byte) bool {
	for depth := 1; depth > 0; {
		i := bytes.IndexByte(s.body[s.pos:], '<')
		if i < 0 || s.pos+i+1 >= len(s.body) {
			return false
		}
		s.pos += i
		var ok bool
		if depth, ok = s.itemMarkup(name, depth); !ok {
			return false
		}
	}
	return true
}

// itemMarkup reads the markup at s.pos inside an item named name, nested
// depth deep, and returns the depth after it.
func (s *tagScan) itemMarkup(name []byte, depth int) (int, bool) {
	rest := s.body[s.pos:]
	switch rest[1] {
	case '!':
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			return depth, s.skipPast("-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			return depth, s.skipPast("]]>")
		}
	case '?':
		return depth, s.skipPast("?>")
	case '/':
		if namedAt(rest[2:], name) {
			return depth - 1, s.skipPast(">")
		}
	default:
		if namedAt(rest[1:], name) {
			end := tagEnd(s.body, s.pos)
			if end < 0 {
				return depth, false
			}
			if s.body[end-1] != '/' {
				depth++
			}
			s.pos = end + 1
			return depth, true
		}
	}
	s.pos++
	return depth, true
}

// namedAt says whether b starts with the element name name.
func namedAt(b, name []byte) bool {
	if len(b) <= len(name) || b[0] != name[0] || !bytes.HasPrefix(b, name) {
		return false
	}
	switch b[len(name)] {
	case ' ', '\t', '\r', '\n', '>', '/':
		return true
	}
	return false
}

// addSpan records an item and hashes it with its context.
func (s *tagScan) addSpan(start, end int) {
	if !s.hasContext {
		s.context.Reset()
		s.context.Write(s.body[:s.prolog])
		for _, t := range s.open { // the item's ancestors
			s.context.Write(s.body[t.start:t.end])
		}
		s.hasContext = true
	}
	h := s.context // a copy: the state after the context
	h.Write(s.body[start:end])
	sum := h.Sum64()
	s.spans = append(s.spans, itemSpan{start: start, end: end, sum: sum})
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], sum)
	s.head.Write(b[:])
}

// isDateName says whether an element outside items is one of the feed's
// own dates, which a poll does not read.
func isDateName(name []byte) bool {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	for _, d := range []string{"lastBuildDate", "pubDate", "updated", "date", "modified"} {
		if bytes.EqualFold(name, []byte(d)) {
			return true
		}
	}
	return false
}

// tagEnd returns the index of the '>' that ends the tag starting at from,
// reading quoted attribute values whole; -1 if the tag never ends.
func tagEnd(body []byte, from int) int {
	var quote byte
	for i := from + 1; i < len(body); i++ {
		c := body[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		case c == '<':
			return -1
		}
	}
	return -1
}

// tagName returns the element name at the start of a tag's inside.
func tagName(tag []byte) []byte {
	end := bytes.IndexAny(tag, " \t\r\n/>")
	if end < 0 {
		end = len(tag)
	}
	return tag[:end]
}

// isItemName says whether an element is a feed item, by its local name in
// any case, as the parser reads names.
func isItemName(name []byte) bool {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return bytes.EqualFold(name, []byte("item")) || bytes.EqualFold(name, []byte("entry"))
}

// head returns body without its items: the document's head, whose
// feed-level fields (language, link, ttl) a parse reads in a fraction of
// the time the whole document takes.
func (l layout) head(body []byte) []byte { return l.only(body, nil) }

// only returns body with only the items whose indexes keep holds left of
// its items, in their order. Items cut out together (the elements of a
// JSON array) are joined again by commas.
func (l layout) only(body []byte, keep map[int]bool) []byte {
	removed := 0
	for _, c := range l.cuts {
		removed += c[1] - c[0]
	}
	out := make([]byte, 0, len(body)-removed)
	last, k := 0, 0
	for _, c := range l.cuts {
		out = append(out, body[last:c[0]]...)
		joined := false
		for ; k < len(l.spans) && l.spans[k].start < c[1]; k++ {
			if !keep[k] {
				continue
			}
			if joined {
				out = append(out, ',')
			}
			out = append(out, body[l.spans[k].start:l.spans[k].end]...)
			joined = true
		}
		last = c[1]
	}
	return append(out, body[last:]...)
}
