package watchers

import (
	"bytes"
	"errors"
	"fmt"
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

// parsed is one feed document turned into stories, with the publisher's
// caching hint.
type parsed struct {
	stories []story.Story
	ttl     time.Duration // RSS <ttl>, 0 when absent
}

// ParseFeed reads one feed document (RSS 0.9x/1.0/2.0, Atom or JSON Feed,
// in any encoding its XML declaration names) into stories with keys,
// canonical links and plain text. baseURL is where the document was
// fetched from; relative links resolve against the feed's own link, then
// it. A document that is not a feed is an error naming the feed.
func ParseFeed(feedID, feedName string, body []byte, baseURL string) ([]story.Story, error) {
	p, err := parseFeed(feedID, feedName, body, baseURL, time.Now())
	return p.stories, err
}

func parseFeed(feedID, feedName string, body []byte, fetched string, now time.Time) (p parsed, err error) {
	defer func() {
		// gofeed is third-party code fed hostile input: a panic in it must
		// cost one poll of one feed, not the daemon.
		if r := recover(); r != nil {
			p, err = parsed{}, fmt.Errorf("parse feed %s: parser panic: %v", feedName, r)
		}
	}()
	fp := gofeed.NewParser()
	fp.KeepOriginalFeed = true
	f, err := fp.Parse(bytes.NewReader(repairUTF8(body)))
	if err != nil {
		return parsed{}, fmt.Errorf("parse feed %s: %w", feedName, describeParseError(err))
	}
	base := baseURL(f.Link, fetched)
	p.stories = make([]story.Story, 0, len(f.Items))
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		st := itemStory(it, f, now)
		st.FeedID, st.FeedName = feedID, feedName
		st.Link = canonicalLink(firstLink(it), base)
		p.stories = append(p.stories, st)
	}
	assignKeys(p.stories)
	p.stories = dedupe(p.stories)
	p.ttl = rssTTL(f)
	return p, nil
}

func describeParseError(err error) error {
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return errors.New("not a feed (an HTML page or unknown format)")
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

// itemStory converts the parts of an item that need no feed context.
func itemStory(it *gofeed.Item, f *gofeed.Feed, now time.Time) story.Story {
	st := story.Story{
		GUID:       strings.TrimSpace(it.GUID),
		Title:      htmltext.Text(it.Title),
		Summary:    htmltext.Text(it.Description),
		Content:    htmltext.Text(it.Content),
		Categories: cleanList(it.Categories),
		Published:  sane(it.PublishedParsed, now),
		Updated:    sane(it.UpdatedParsed, now),
		Language:   f.Language,
	}
	if st.Published.IsZero() {
		st.Published = st.Updated
	}
	if st.Content == st.Summary {
		st.Content = ""
	}
	for _, a := range it.Authors {
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
