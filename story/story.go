// Package story holds the types that flow through sanctionwatch: a Story
// read from a feed, the Matches the rules find in it, and the Alerts that
// routing makes of them. It does no I/O and imports nothing of ours, so every
// other package can share it.
package story

import "time"

// Field names a part of a story that queries can scope to (title:, summary:…).
type Field string

// The fields a story has. Queries without a scope search all of them.
const (
	FieldTitle    Field = "title"
	FieldSummary  Field = "summary"
	FieldContent  Field = "content"
	FieldAuthor   Field = "author"
	FieldCategory Field = "category"
	FieldLink     Field = "link"
	FieldFeed     Field = "feed"
)

// Fields lists every field in a fixed order, the order in which stories are
// scanned and hits reported.
var Fields = []Field{FieldTitle, FieldSummary, FieldContent, FieldAuthor, FieldCategory, FieldLink, FieldFeed}

// Story is one item of one feed, already converted to plain text.
type Story struct {
	FeedID     string    `json:"feed_id,omitempty"`
	FeedName   string    `json:"feed_name,omitempty"`
	Key        string    `json:"key,omitempty"`  // stable identity within the feed: GUID, canonical link or content hash
	GUID       string    `json:"guid,omitempty"` // as published, may be empty
	Link       string    `json:"link,omitempty"` // canonical: resolved, tracking parameters and fragment dropped
	Title      string    `json:"title"`
	Summary    string    `json:"summary,omitempty"`
	Content    string    `json:"content,omitempty"`
	Authors    []string  `json:"authors,omitempty"`
	Categories []string  `json:"categories,omitempty"`
	Published  time.Time `json:"published,omitempty"`
	Updated    time.Time `json:"updated,omitempty"`
	Language   string    `json:"language,omitempty"` // as the feed declares it ("en-us"), if it does
	// Lang is the language the story is written in, as an ISO 639-1 code
	// ("ko"), detected from its text; "" when too short to tell.
	Lang string `json:"lang,omitempty"`
}

// Text returns the text of one field. Multi-valued fields are joined with
// "; " so that a phrase never runs from one author or category into the next.
func (s *Story) Text(f Field) string {
	switch f {
	case FieldTitle:
		return s.Title
	case FieldSummary:
		return s.Summary
	case FieldContent:
		return s.Content
	case FieldAuthor:
		return joinValues(s.Authors)
	case FieldCategory:
		return joinValues(s.Categories)
	case FieldLink:
		return s.Link
	case FieldFeed:
		return s.FeedName
	}
	return ""
}

func joinValues(vs []string) string {
	switch len(vs) {
	case 0:
		return ""
	case 1:
		return vs[0]
	}
	n := 0
	for _, v := range vs {
		n += len(v) + 2
	}
	b := make([]byte, 0, n)
	for i, v := range vs {
		if i > 0 {
			b = append(b, "; "...)
		}
		b = append(b, v...)
	}
	return string(b)
}
