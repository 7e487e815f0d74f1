package feed

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
)

// Subscription is one feed of an OPML export: what a config entry needs.
type Subscription struct {
	Name string
	URL  string
	Tags []string // the titles of the folders it sits in, outermost first
}

type opmlOutline struct {
	Text     string        `xml:"text,attr"`
	Title    string        `xml:"title,attr"`
	XMLURL   string        `xml:"xmlUrl,attr"`
	Category string        `xml:"category,attr"`
	Outlines []opmlOutline `xml:"outline"`
}

type opmlDoc struct {
	XMLName  xml.Name      `xml:"opml"`
	Outlines []opmlOutline `xml:"body>outline"`
}

// ParseOPML reads the feeds of an OPML file, as feed readers export them.
// Nested outlines (folders) are walked and their titles become tags; an
// outline's title, else its text, else its URL names the feed, and names
// are made unique with a numeric suffix. Outlines without xmlUrl are folders.
func ParseOPML(r io.Reader) ([]Subscription, error) {
	dec := xml.NewDecoder(r)
	dec.CharsetReader = charset.NewReaderLabel
	var doc opmlDoc
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse opml: %w", err)
	}
	var feeds []Subscription
	names := map[string]int{}
	for _, o := range doc.Outlines {
		feeds = collectOutline(o, nil, names, feeds)
	}
	if len(feeds) == 0 {
		return nil, errors.New("parse opml: no outline has an xmlUrl")
	}
	return feeds, nil
}

func collectOutline(o opmlOutline, tags []string, names map[string]int, out []Subscription) []Subscription {
	label := strings.TrimSpace(o.Title)
	if label == "" {
		label = strings.TrimSpace(o.Text)
	}
	if u := strings.TrimSpace(o.XMLURL); u != "" {
		if label == "" {
			label = u
		}
		out = append(out, Subscription{Name: uniqueName(label, names), URL: u, Tags: tags})
	} else if label != "" {
		tags = append(tags[:len(tags):len(tags)], label)
	}
	for _, child := range o.Outlines {
		out = collectOutline(child, tags, names, out)
	}
	return out
}

// uniqueName returns name, or name-2, name-3 ... when already taken.
func uniqueName(name string, taken map[string]int) string {
	taken[name]++
	if taken[name] == 1 {
		return name
	}
	for n := taken[name]; ; n++ {
		cand := name + "-" + strconv.Itoa(n)
		if taken[cand] == 0 {
			taken[cand] = 1
			return cand
		}
	}
}
