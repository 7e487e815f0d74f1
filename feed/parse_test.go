package feed

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/internal/corpus"
	"github.com/sanctionwatch/sanctionwatch/story"
)

var parseNow = time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)

func parseFixture(t *testing.T, name, base string) []story.Story {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(Source{ID: "f", Name: "Fixture", URL: base}, body, parseNow)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return doc.Stories()
}

// parseStories parses body as a feed named name fetched from base.
func parseStories(name string, body []byte, base string) ([]story.Story, error) {
	doc, err := Parse(Source{ID: "f", Name: name, URL: base}, body, parseNow)
	return doc.Stories(), err
}

func TestParseRelativeLinksAndText(t *testing.T) {
	sts := parseFixture(t, "relative.xml", "https://cdn.example.org/feed.xml")
	if len(sts) != 2 {
		t.Fatalf("%d stories, want 2", len(sts))
	}
	s := sts[0]
	checks := []struct{ name, got, want string }{
		{"link", s.Link, "https://example.org/press/2026/03/licence.html?id=7"},
		{"key", s.Key, "guid:press-7"},
		{"title", s.Title, "Export licence suspended"},
		{"summary", s.Summary, "The ministry & the agency said."},
		{"feed", s.FeedName, "Fixture"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if len(s.Categories) != 1 || s.Categories[0] != "Exports" {
		t.Errorf("categories = %q", s.Categories)
	}
	if !strings.HasPrefix(sts[1].Key, "hash:") || sts[1].Link != "" {
		t.Errorf("undated-less item key %q link %q", sts[1].Key, sts[1].Link)
	}
}

func TestParseDuplicateGUIDs(t *testing.T) {
	sts := parseFixture(t, "dupguid.xml", "https://news.example.com/rss")
	got := make([]string, len(sts))
	for i, s := range sts {
		got[i] = s.Key
	}
	want := []string{"link:https://news.example.com/a", "hash:", "guid:unique", "hash:"}
	if len(got) != len(want) {
		t.Fatalf("keys %q, want %d (the exact repeat dropped)", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("key %d = %q, want prefix %q", i, got[i], want[i])
		}
	}
	if got[1] == got[3] {
		t.Error("different items share a hash key")
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		file, title, link, author string
	}{
		{"atom-base.xml", "Drones & sanctions", "https://think.example.net/analysis/drones.html", "A. Analyst"},
		{"feed.json", "Arms embargo", "https://json.example.com/1", ""},
		{"latin1.xml", "Café de l'armée", "https://latin.example.com/x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			sts := parseFixture(t, tt.file, "https://fallback.example/")
			if len(sts) != 1 {
				t.Fatalf("%d stories", len(sts))
			}
			s := sts[0]
			if s.Title != tt.title || s.Link != tt.link {
				t.Errorf("got %q %q, want %q %q", s.Title, s.Link, tt.title, tt.link)
			}
			if tt.author != "" && (len(s.Authors) != 1 || s.Authors[0] != tt.author) {
				t.Errorf("authors = %q", s.Authors)
			}
			if strings.Contains(s.Content, "x()") {
				t.Errorf("script left in content %q", s.Content)
			}
		})
	}
}

func TestParseRejectsNonFeeds(t *testing.T) {
	page, _ := os.ReadFile("testdata/page.html")
	for name, body := range map[string][]byte{
		"html page": page,
		"malformed": []byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</ti`),
		"garbage":   []byte("\x00\x01 not xml at all"),
		"empty":     nil,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := parseStories("Broken Feed", body, "https://x.example/")
			if err == nil || !strings.Contains(err.Error(), "Broken Feed") {
				t.Errorf("err = %v, want an error naming the feed", err)
			}
		})
	}
}

func TestParseInvalidUTF8(t *testing.T) {
	body := []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>" +
		"<item><title>bad \xff\xfe bytes</title><guid>1</guid></item></channel></rss>")
	sts, err := parseStories("F", body, "https://x.example/")
	if err != nil {
		return // refusing the document is acceptable; panicking or garbage is not
	}
	if len(sts) != 1 || !strings.HasPrefix(sts[0].Title, "bad") || !utf8Valid(sts[0].Title) {
		t.Errorf("stories = %+v", sts)
	}
}

func TestParseClampsFutureDates(t *testing.T) {
	body := []byte(`<rss version="2.0"><channel><title>t</title>
		<item><title>a</title><guid>1</guid><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>
		<item><title>b</title><guid>2</guid></item></channel></rss>`)
	sts, err := parseStories("F", body, "")
	if err != nil {
		t.Fatal(err)
	}
	if !sts[0].Published.Equal(parseNow) || !sts[1].Published.IsZero() {
		t.Errorf("published = %v, %v", sts[0].Published, sts[1].Published)
	}
}

func TestParseSharedCorpus(t *testing.T) {
	dir := corpus.Path(t, "corpus/feeds")
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, fi := range files {
		t.Run(fi.Name(), func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(dir, fi.Name()))
			if err != nil {
				t.Fatal(err)
			}
			sts, err := parseStories(fi.Name(), body, "https://corpus.example/")
			if err != nil {
				t.Fatal(err)
			}
			if len(sts) == 0 {
				t.Fatal("no stories")
			}
			keys := map[string]bool{}
			for _, s := range sts {
				if s.Key == "" || keys[s.Key] || s.Title == "" && s.Summary == "" || !utf8Valid(s.Title) {
					t.Errorf("bad story %+v", s)
				}
				keys[s.Key] = true
			}
		})
	}
}

func TestParseNotFeedIsTyped(t *testing.T) {
	page, err := os.ReadFile("testdata/page.html")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse(Source{Name: "Page"}, page, parseNow)
	if !errors.Is(err, ErrNotFeed) {
		t.Errorf("err = %v, want ErrNotFeed", err)
	}
	_, err = Parse(Source{Name: "Cut"}, []byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</ti`), parseNow)
	if err == nil || errors.Is(err, ErrNotFeed) {
		t.Errorf("a broken feed: err = %v, want a parse error that is not ErrNotFeed", err)
	}
}

// TestItemTextOnlyWhenAsked checks the split callers rely on to skip known
// items cheaply: identity at parse, text only from Full, both the same as
// a whole read.
func TestItemTextOnlyWhenAsked(t *testing.T) {
	body, err := os.ReadFile("testdata/relative.xml")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(Source{ID: "f", Name: "Fixture", URL: "https://cdn.example.org/feed.xml"}, body, parseNow)
	if err != nil {
		t.Fatal(err)
	}
	if doc.TTL != time.Hour {
		t.Errorf("ttl = %v, want the document's 60 minutes", doc.TTL)
	}
	it := doc.Items[0]
	if it.Key != "guid:press-7" || it.Title != "Export licence suspended" || it.Summary != "" || it.Categories != nil {
		t.Errorf("head = %+v, want key and title without text", it.Story)
	}
	it.Published = parseNow
	full := it.Full()
	if full.Summary != "The ministry & the agency said." || len(full.Categories) != 1 || !full.Published.Equal(parseNow) {
		t.Errorf("full = %+v, want the text and the caller's date", full)
	}
}
