package htmltext

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page reads a saved web page and returns its title (og:title when the page
// has one, else <title>) and its article text. When the page marks its
// story with <article> or <main>, only that is read; navigation, headers,
// footers, asides and forms are dropped either way. At most MaxInput bytes
// are read. The error is only ever a read error.
func Page(r io.Reader) (title, text string, err error) {
	body, err := io.ReadAll(io.LimitReader(r, MaxInput))
	if err != nil {
		return "", "", fmt.Errorf("read page: %w", err)
	}
	title, region := pageHead(body)
	var w writer
	z := html.NewTokenizer(bytes.NewReader(region))
	walk(z, &w, dropFurniture)
	return title, w.String(), nil
}

// pageHead finds the page title and the region holding the story: the
// first <article> or <main> element, or the whole body when there is none.
func pageHead(body []byte) (title string, region []byte) {
	var plain, og string
	var inTitle bool
	r := scope{body: body}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		var a atom.Atom
		hasAttr := false
		if tt == html.StartTagToken || tt == html.EndTagToken || tt == html.SelfClosingTagToken {
			var name []byte
			name, hasAttr = z.TagName()
			a = atom.Lookup(name)
		}
		r.step(tt, a, len(z.Raw()))
		switch {
		case tt == html.ErrorToken:
			if og != "" {
				plain = og
			}
			return plain, r.region()
		case tt == html.TextToken && inTitle && plain == "":
			plain = Text(string(z.Text()))
		case tt == html.StartTagToken && a == atom.Title:
			inTitle = true
		case tt == html.EndTagToken && a == atom.Title:
			inTitle = false
		case a == atom.Meta && hasAttr && og == "":
			og = ogTitle(z)
		}
	}
}

// ogTitle returns the content of <meta property="og:title">, or "".
func ogTitle(z *html.Tokenizer) string {
	var prop, content string
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "property", "name":
			prop = strings.ToLower(string(v))
		case "content":
			content = string(v)
		}
		if !more {
			break
		}
	}
	if prop != "og:title" {
		return ""
	}
	return Text(content)
}

// dropFurniture keeps navigation, page headers and footers, asides and
// forms out of the text, and the title, which Page returns apart.
func dropFurniture(_ *html.Tokenizer, a atom.Atom) bool {
	switch a {
	case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form, atom.Title:
		return false
	}
	return true
}

// scope tracks byte offsets through the token stream to find where the
// first <article> or <main> element starts and ends.
type scope struct {
	body       []byte
	offset     int       // bytes consumed so far
	start, end int       // the element's extent once found
	tag        atom.Atom // Article or Main once seen
	depth      int
}

func (s *scope) step(tt html.TokenType, a atom.Atom, n int) {
	at := s.offset
	s.offset += n
	if s.end > 0 || a == 0 {
		return
	}
	switch {
	case tt == html.StartTagToken && s.tag == 0 && (a == atom.Article || a == atom.Main):
		s.tag, s.start, s.depth = a, at, 1
	case tt == html.StartTagToken && a == s.tag:
		s.depth++
	case tt == html.EndTagToken && a == s.tag:
		if s.depth--; s.depth == 0 {
			s.end = s.offset
		}
	}
}

// region returns the element found, up to the end of the page when it was
// never closed, or the whole page when there was none.
func (s *scope) region() []byte {
	switch {
	case s.tag == 0:
		return s.body
	case s.end == 0:
		return s.body[s.start:]
	}
	return s.body[s.start:s.end]
}
