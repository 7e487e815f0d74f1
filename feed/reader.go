package feed

import (
	"bytes"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/mmcdole/gofeed"
)

// Reader reads the successive documents of one feed. Most polls of a feed
// that changed find the same items as last time around a changed head (a
// new lastBuildDate, whitespace, an item dropped off the end), and parsing
// them all again costs many times the fetch. A Reader remembers the
// identity of the last document's items (not their text), by a hash of
// each item's bytes and of the prolog and tags around it; when every item
// of a document is one it remembers, it parses only the head, without
// the items, and recalls them as brief items.
//
// Reading with a Reader gives the items Parse would give, with the same
// keys (computed again over the whole document, so items that shared a
// GUID with one that left get the key Parse gives them), links and dates;
// only the text of brief items is missing, which Document.Texts reads
// from the document's head and those items alone. A Reader is not safe for
// concurrent use; the zero value is ready.
type Reader struct {
	known map[uint64]*converted
}

// Scanned is a document whose items have been found, not parsed.
type Scanned struct {
	body    []byte
	l       layout
	scanned bool
	raw     uint64
}

// Scan finds the items of a document, a small fraction of the cost of
// parsing it. It reads the bytes as they came: stray Latin-1 bytes are
// repaired only in what is parsed, and since the scan cuts documents only
// at ASCII bytes, repairing the head alone gives the head of the repaired
// whole.
func Scan(body []byte) Scanned {
	l, ok := scan(body)
	s := Scanned{body: body, l: l, scanned: ok}
	if !ok {
		s.raw = xxhash.Sum64(body)
	}
	return s
}

// Digest identifies what a poll reads in the document: two documents with
// the same digest give the same items, in the same order, with the same
// feed-level context (link, language, ttl). It leaves out what no poll
// reads: comments, white space between tags or tokens, and the feed's own
// dates, which many publishers renew on every request. A document the
// scan could not follow is identified by all of its bytes.
func (s Scanned) Digest() uint64 {
	if !s.scanned {
		return s.raw
	}
	return s.l.digest
}

// Parse reads body as the package's Parse does, recalling the items of the
// last document read when all of them are unchanged.
func (r *Reader) Parse(src Source, body []byte, now time.Time) (Document, error) {
	return r.ParseScanned(src, Scan(body), now)
}

// ParseScanned is Parse of a document already scanned.
func (r *Reader) ParseScanned(src Source, sc Scanned, now time.Time) (Document, error) {
	body, l, scanned := sc.body, sc.l, sc.scanned
	if doc, ok := r.recall(src, body, l, now); ok {
		return doc, nil
	}
	r.known = nil
	f, err := parseFeed(src, repairUTF8(body))
	if err != nil {
		return Document{}, err
	}
	items := convertAll(f.Items)
	doc := build(src, f, items, false, now)
	if scanned {
		r.known = remember(body, l.spans, items)
	}
	return doc, nil
}

// recall reads a document whose items are all remembered from its head
// alone. The head's parse must find no item: if it does, the scan missed
// one, and the document is parsed whole.
func (r *Reader) recall(src Source, body []byte, l layout, now time.Time) (Document, bool) {
	spans := l.spans
	if len(spans) == 0 || r.known == nil {
		return Document{}, false
	}
	items := make([]*converted, len(spans))
	kept := make(map[uint64]*converted, len(spans))
	for i, sp := range spans {
		it := r.known[sp.sum]
		if it == nil {
			return Document{}, false
		}
		items[i], kept[sp.sum] = it, it
	}
	f, err := parseFeed(src, repairUTF8(l.head(body)))
	if err != nil || len(f.Items) > 0 {
		return Document{}, false
	}
	r.known = kept // items that left are forgotten, so memory follows the feed
	doc := build(src, f, items, true, now)
	doc.from = &recalled{src: src, body: body, l: l, now: now}
	return doc, true
}

// remember pairs the spans the scan found with the items the parser read,
// in document order, keeping each item's identity. It keeps nothing unless
// the pairing is sure: as many spans as items, and each item's GUID
// written in its span.
func remember(body []byte, spans []itemSpan, items []*converted) map[uint64]*converted {
	if len(spans) == 0 || len(spans) != len(items) {
		return nil
	}
	known := make(map[uint64]*converted, len(items))
	for i, c := range items {
		if c.it == nil || !writtenIn(body[spans[i].start:spans[i].end], c.it.GUID) {
			return nil
		}
		known[spans[i].sum] = &converted{it: identity(c.it), done: c.done, title: c.title, base: c.base, link: c.link}
	}
	return known
}

// xmlEscaper writes text as XML character data usually is.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// writtenIn says whether text (empty, or a GUID) appears in span as
// written, escaped or not.
func writtenIn(span []byte, text string) bool {
	return text == "" || bytes.Contains(span, []byte(text)) || bytes.Contains(span, []byte(xmlEscaper.Replace(text)))
}

// identity keeps what a brief item is built from: what itemHead and
// firstLink read.
func identity(it *gofeed.Item) *gofeed.Item {
	return &gofeed.Item{GUID: it.GUID, Title: it.Title, Link: it.Link, Links: it.Links,
		PublishedParsed: it.PublishedParsed, UpdatedParsed: it.UpdatedParsed}
}
