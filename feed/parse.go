// Package feed owns the feed formats: it reads a feed document (RSS
// 0.9x/1.0/2.0, Atom or JSON Feed, in any encoding its XML declaration
// names) into stories with stable keys, canonical links and plain text, and
// an OPML export into subscriptions. It does no I/O: fetching and
// scheduling belong to the services that use it.
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/rss"

	"github.com/sanctionwatch/sanctionwatch/htmltext"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// futureSlack is how far ahead of now a publication date may be before it
// is treated as wrong (time zones mislabelled, scheduled posts) and clamped.
const futureSlack = 24 * time.Hour

// ErrNotFeed is returned (wrapped) for a document in no feed format: an
// HTML page, plain text, unknown XML. Callers that accept other input
// branch on it.
var ErrNotFeed = errors.New("not a feed (an HTML page or unknown format)")

// Source names a document: the feed it belongs to, for stories and errors,
// and the URL it was fetched from, against which relative links resolve
// when the feed's own link does not say better.
type Source struct {
	ID   string
	Name string
	URL  string
}

// Document is one feed document, parsed.
type Document struct {
	Items []Item
	TTL   time.Duration // RSS <ttl>, the publisher's caching hint; 0 when absent
	from  *recalled     // for a Reader's recalled items, what they were read from
}

// Item is one story of a document. Its identity is read when the document
// is parsed: Key, GUID, Link, Title, dates, feed and language are set in
// the embedded story. Its text (summary, content, authors, categories) is
// converted only by Full, so a caller that already knows the item skips
// the costliest part of reading it.
type Item struct {
	story.Story
	raw   *gofeed.Item
	brief bool
	span  int // a brief item's index among the items its document's scan found
}

// Brief says the item was recalled by a Reader from an earlier document
// with the same bytes, with its identity only: Full has no text to give
// for it, and a caller that needs its text asks the document's Texts.
func (it Item) Brief() bool { return it.brief }

// Parse reads body, fetched for src, into a document whose items have
// unique keys (a story listed twice is kept once). now clamps publication
// dates more than a day ahead. A document that is not a feed, or that
// breaks the parser, is an error naming src.Name.
func Parse(src Source, body []byte, now time.Time) (Document, error) {
	f, err := parseFeed(src, repairUTF8(body))
	if err != nil {
		return Document{}, err
	}
	return build(src, f, convertAll(f.Items), false, now), nil
}

// parseFeed runs gofeed over body, already repaired.
func parseFeed(src Source, body []byte) (f *gofeed.Feed, err error) {
	defer func() {
		// gofeed is third-party code fed hostile input: a panic in it must
		// cost one poll of one feed, not the daemon.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("parse feed %s: parser panic: %v", src.Name, r)
		}
	}()
	fp := gofeed.NewParser()
	fp.KeepOriginalFeed = true
	// Stories carry no image, and finding one runs an HTML parser over
	// every item's description and content: a tenth of a parse.
	fp.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	f, err = fp.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("parse feed %s: %w", src.Name, describeParseError(err))
	}
	return f, nil
}

// build makes the document of feed f with the given items, brief when
// they were recalled without their text: feed-level context (language,
// the base of relative links) comes from f, keys from the items together.
func build(src Source, f *gofeed.Feed, items []*converted, brief bool, now time.Time) Document {
	base := baseURL(f.Link, src.URL)
	baseText := ""
	if base != nil {
		baseText = base.String()
	}
	doc := Document{Items: make([]Item, 0, len(items)), TTL: rssTTL(f)}
	for i, c := range items {
		if c == nil || c.it == nil {
			continue
		}
		st := c.head(f, base, baseText, now)
		st.FeedID, st.FeedName = src.ID, src.Name
		doc.Items = append(doc.Items, Item{Story: st, raw: c.it, brief: brief, span: i})
	}
	assignKeys(doc.Items)
	doc.Items = dedupe(doc.Items)
	return doc
}

// converted is an item with its title turned into text and its link made
// canonical against base, kept so that an item a Reader recalls is not
// converted again while the base stays.
type converted struct {
	it         *gofeed.Item
	done       bool
	title      string
	base, link string
}

func convertAll(items []*gofeed.Item) []*converted {
	out := make([]*converted, len(items))
	for i, it := range items {
		out[i] = &converted{it: it}
	}
	return out
}

// Stories returns every item with its text, in document order.
func (d Document) Stories() []story.Story {
	out := make([]story.Story, len(d.Items))
	for i := range d.Items {
		out[i] = d.Items[i].Full()
	}
	return out
}

func describeParseError(err error) error {
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return ErrNotFeed
	}
	return err
}

func firstLink(it *gofeed.Item) string {
	if it.Link != "" {
		return it.Link
	}
	for _, l := range it.Links {
		if l != "" {
			return l
		}
	}
	return ""
}

// head converts the parts of an item that identify it: what keys, dedup
// and a known item's refresh use. Dates are read again each time, since
// now clamps them.
func (c *converted) head(f *gofeed.Feed, base *url.URL, baseText string, now time.Time) story.Story {
	if !c.done || c.base != baseText {
		c.title = htmltext.Text(c.it.Title)
		c.link, c.base, c.done = canonicalLink(firstLink(c.it), base), baseText, true
	}
	st := story.Story{
		GUID:      strings.TrimSpace(c.it.GUID),
		Title:     c.title,
		Link:      c.link,
		Published: sane(c.it.PublishedParsed, now),
		Updated:   sane(c.it.UpdatedParsed, now),
		Language:  f.Language,
	}
	if st.Published.IsZero() {
		st.Published = st.Updated
	}
	return st
}

// Full returns the item's story with its text as plain text (none for a
// brief item). The caller's changes to the embedded story (a date filled
// in) are kept.
func (it Item) Full() story.Story {
	st := it.Story
	if it.raw == nil || it.brief {
		return st
	}
	st.Summary = htmltext.Text(it.raw.Description)
	st.Content = htmltext.Text(it.raw.Content)
	if st.Content == st.Summary {
		st.Content = ""
	}
	st.Categories = cleanList(it.raw.Categories)
	st.Authors = nil
	for _, a := range it.raw.Authors {
		if a != nil && a.Name != "" {
			st.Authors = append(st.Authors, htmltext.Text(a.Name))
		}
	}
	return st
}

// sane returns t in UTC, zero when missing, and now when it lies more than
// a day ahead, so a wrong date can neither hide a story nor pin it on top.
func sane(t *time.Time, now time.Time) time.Time {
	switch {
	case t == nil || t.IsZero():
		return time.Time{}
	case t.After(now.Add(futureSlack)):
		return now.UTC()
	}
	return t.UTC()
}

func cleanList(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = htmltext.Text(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// rssTTL reads RSS <ttl> (minutes), the publisher's word on how often to poll.
func rssTTL(f *gofeed.Feed) time.Duration {
	orig, ok := f.OriginalFeed().(*rss.Feed)
	if !ok || orig.TTL == "" {
		return 0
	}
	mins, err := strconv.Atoi(strings.TrimSpace(orig.TTL))
	if err != nil || mins <= 0 || mins > 7*24*60 {
		return 0
	}
	return time.Duration(mins) * time.Minute
}
