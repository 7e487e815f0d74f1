// Package htmltext turns the HTML that feeds and web pages carry into plain,
// readable text: entities decoded, markup dropped, blocks on their own lines.
// Rules match against this text, so it must be the same whatever the markup.
package htmltext

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxInput bounds the bytes Text reads; anything after is ignored, so the
// work done on hostile input stays linear and bounded.
const MaxInput = 4 << 20

// Text converts an HTML fragment, or plain text that may hold entities, to
// plain text. Script, style, noscript and template contents are dropped;
// block elements end a line; runs of spaces collapse to one and lines are
// trimmed. It never fails: malformed markup yields its best reading.
func Text(s string) string {
	if len(s) > MaxInput {
		s = s[:MaxInput]
	}
	if !strings.ContainsAny(s, "<&") {
		return collapse(s)
	}
	var w writer
	z := html.NewTokenizer(strings.NewReader(s))
	walk(z, &w, nil)
	return w.String()
}

// skipped elements hold no reader-visible text.
func skipped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Head:
		return true
	}
	return false
}

// block elements start and end a line.
func block(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Br, atom.Div, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Tr, atom.Blockquote, atom.Ul, atom.Ol, atom.Table, atom.Section, atom.Article,
		atom.Pre, atom.Hr, atom.Figure, atom.Figcaption, atom.Dd, atom.Dt, atom.Header, atom.Footer:
		return true
	}
	return false
}

// walk copies text tokens from z to w until EOF. keep, when not nil, is
// asked about each start tag and may swallow the element it opens.
func walk(z *html.Tokenizer, w *writer, keep func(*html.Tokenizer, atom.Atom) bool) {
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.TextToken:
			w.text(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipped(a) || (keep != nil && !keep(z, a)) {
				skipElement(z, a, name)
				continue
			}
			if block(a) {
				w.newline()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if block(atom.Lookup(name)) {
				w.newline()
			}
		}
	}
}

// skipElement consumes tokens up to the end tag matching the start tag
// just read, counting nested elements of the same name.
func skipElement(z *html.Tokenizer, a atom.Atom, name []byte) {
	if a == atom.Br || a == atom.Hr || a == atom.Img || a == atom.Meta || a == atom.Link {
		return
	}
	tag := string(name)
	depth := 1
	for depth > 0 {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken:
			if n, _ := z.TagName(); string(n) == tag {
				depth++
			}
		case html.EndTagToken:
			if n, _ := z.TagName(); string(n) == tag {
				depth--
			}
		}
	}
}
