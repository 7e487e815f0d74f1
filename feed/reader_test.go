package feed

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/internal/corpus"
	"github.com/sanctionwatch/sanctionwatch/story"
)

var readerSrc = Source{ID: "f", Name: "Reader", URL: "https://base.example/feed.xml"}

// heads returns the identity of each item: what a Reader must give
// exactly as Parse does.
func heads(doc Document) []story.Story {
	out := make([]story.Story, len(doc.Items))
	for i, it := range doc.Items {
		out[i] = it.Story
	}
	return out
}

// readTwice reads first then second with one Reader and checks the second
// read against Parse; it returns how many of its items were brief.
func readTwice(t *testing.T, first, second string) int {
	t.Helper()
	var r Reader
	if _, err := r.Parse(readerSrc, []byte(first), parseNow); err != nil {
		t.Fatalf("first read: %v", err)
	}
	got, err := r.Parse(readerSrc, []byte(second), parseNow)
	want, werr := Parse(readerSrc, []byte(second), parseNow)
	if (err == nil) != (werr == nil) {
		t.Fatalf("second read: err %v, Parse err %v", err, werr)
	}
	if !reflect.DeepEqual(heads(got), heads(want)) || got.TTL != want.TTL {
		t.Fatalf("second read:\n got %+v ttl %v\nwant %+v ttl %v", heads(got), got.TTL, heads(want), want.TTL)
	}
	checkTexts(t, got, want)
	brief := 0
	for _, it := range got.Items {
		if it.Brief() {
			brief++
			if it.Full().Summary != "" {
				t.Errorf("brief item %q has text", it.Key)
			}
		}
	}
	return brief
}

// checkTexts asks got, read by a Reader, for the text of every item: it
// must be what Parse gives (want), brief items included.
func checkTexts(t *testing.T, got, want Document) {
	t.Helper()
	all := make([]int, len(got.Items))
	for i := range all {
		all[i] = i
	}
	texts, err := got.Texts(all)
	if err != nil {
		t.Fatalf("Texts: %v", err)
	}
	if !reflect.DeepEqual(texts, want.Stories()) {
		t.Fatalf("Texts gave\n %+v\nParse\n %+v", texts, want.Stories())
	}
}

func rssDoc(head string, items ...string) string {
	return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>` +
		head + strings.Join(items, "\n") + `</channel></rss>`
}

func item(guid, title string) string {
	return `<item><title>` + title + `</title><guid>` + guid + `</guid><link>/s/` + guid +
		`</link><description>About ` + title + `</description><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate></item>`
}

// Every change a publisher makes to a document leaves the Reader giving
// what Parse gives: recalled items only when every item is unchanged,
// with keys computed again over the whole document.
func TestReaderMatchesParse(t *testing.T) {
	a, b, c := item("a", "Alpha"), item("b", "Beta"), item("c", "Gamma")
	shared1 := `<item><title>One</title><guid>same</guid><link>/one</link></item>`
	shared2 := `<item><title>Two</title><guid>same</guid><link>/two</link></item>`
	tests := []struct {
		name          string
		first, second string
		brief         int
	}{
		{"head changed", rssDoc(`<lastBuildDate>Mon, 02 Mar 2026 09:00:00 GMT</lastBuildDate>`, a, b),
			rssDoc(`<lastBuildDate>Mon, 02 Mar 2026 10:00:00 GMT</lastBuildDate>`, a, b), 2},
		{"reordered", rssDoc("", a, b, c), rssDoc("", c, a, b), 3},
		{"item dropped", rssDoc("", a, b, c), rssDoc("", a, b), 2},
		{"item added", rssDoc("", a, b), rssDoc("", c, a, b), 0},
		{"title changed in place", rssDoc("", a, b), rssDoc("", item("a", "Alpha, corrected"), b), 0},
		{"text changed in place", rssDoc("", a, b), rssDoc("", strings.Replace(a, "About", "On", 1), b), 0},
		{"shared guid, one left", rssDoc("", shared1, shared2, a), rssDoc("", shared1, a), 2},
		{"shared guid, one came", rssDoc("", shared1, a), rssDoc("", shared1, shared2, a), 0},
		{"language changed", rssDoc(`<language>en</language>`, a), rssDoc(`<language>fr</language>`, a), 1},
		{"link base changed", rssDoc(`<link>https://one.example/</link>`, a), rssDoc(`<link>https://two.example/</link>`, a), 1},
		{"ttl changed", rssDoc(`<ttl>30</ttl>`, a), rssDoc(`<ttl>90</ttl>`, a), 1},
		{"namespace changed", `<rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item><guid>x</guid><dc:date>2026-03-02T09:00:00Z</dc:date></item></channel></rss>`,
			`<rss xmlns:dc="http://example.org/other/"><channel><item><guid>x</guid><dc:date>2026-03-02T09:00:00Z</dc:date></item></channel></rss>`, 0},
		{"end tag in CDATA", rssDoc("", `<item><guid>q</guid><description><![CDATA[a </item><item><guid>z</guid>]]></description></item>`),
			rssDoc("<ttl>5</ttl>", `<item><guid>q</guid><description><![CDATA[a </item><item><guid>z</guid>]]></description></item>`), 1},
		{"end tag in a comment", rssDoc("", `<!-- </item> -->`+a), rssDoc("", `<!-- </item> -->`+a, b), 0},
		{"stray latin-1 bytes", rssDoc("<description>caf\xe9</description>", item("a", "Caf\xe9")),
			rssDoc("<description>caf\xe9</description><ttl>5</ttl>", item("a", "Caf\xe9")), 1},
		{"two channels", rssDoc("", a), `<rss><channel><title>T</title>` + a + `</channel><channel>` + b + `</channel></rss>`, 0},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><updated>2026-03-02T09:00:00Z</updated><entry><id>e1</id><title>E</title><link href="/e1"/></entry></feed>`,
			`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><updated>2026-03-02T10:00:00Z</updated><entry><id>e1</id><title>E</title><link href="/e1"/></entry></feed>`, 1},
		{"atom base changed", `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://one.example/"><entry><id>e1</id><link href="e1"/></entry></feed>`,
			`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://two.example/"><entry><id>e1</id><link href="e1"/></entry></feed>`, 0},
		{"json", `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","title":"x"}]}`,
			`{"version":"https://jsonfeed.org/version/1.1","title":"J2","items":[{"id":"1","title":"x"}]}`, 1},
		{"json reordered", `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"x"},{"id":"2","title":"y ]}\""}]}`,
			`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"2","title":"y ]}\""}, {"id":"1","title":"x"}]}`, 2},
		{"json changed in place", `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"x"}]}`,
			`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"x, corrected"}]}`, 0},
		{"json home page changed", `{"version":"https://jsonfeed.org/version/1.1","home_page_url":"https://one.example/","items":[{"id":"1","url":"a"}]}`,
			`{"version":"https://jsonfeed.org/version/1.1","home_page_url":"https://two.example/","items":[{"id":"1","url":"a"}]}`, 1},
		{"json items twice", `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1"}]}`,
			`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1"}],"Items":[{"id":"2"}]}`, 0},
		{"broken second", rssDoc("", a), rssDoc("", a)[:40], 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readTwice(t, tt.first, tt.second); got != tt.brief {
				t.Errorf("%d brief items, want %d", got, tt.brief)
			}
		})
	}
}

// The real feeds of the shared corpus are all recalled when only their
// head changes, and read as Parse reads them.
func TestReaderRecallsSharedCorpus(t *testing.T) {
	dir := corpus.Path(t, "corpus/feeds")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			body, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(readerSrc, body, parseNow)
			if err != nil {
				t.Skipf("not a feed Parse reads: %v", err)
			}
			changed := string(bytes.TrimSpace(body)) + "\n<!-- polled again -->\n"
			if strings.HasSuffix(name, ".json") {
				changed = string(bytes.TrimSpace(body)) + "\n\n"
			}
			if got := readTwice(t, string(body), changed); got != len(doc.Items) {
				t.Errorf("%d of %d items recalled", got, len(doc.Items))
			}
			readsOnlyWhatIsNeeded(t, body, []byte(changed), doc)
		})
	}
}

// readsOnlyWhatIsNeeded checks that the text of every other item recalled
// from changed is read by parsing the head with those items alone, not
// the whole document, and is the text Parse gives.
func readsOnlyWhatIsNeeded(t *testing.T, body, changed []byte, want Document) {
	t.Helper()
	var r Reader
	r.Parse(readerSrc, body, parseNow)
	got, err := r.Parse(readerSrc, changed, parseNow)
	if err != nil || len(got.Items) != len(want.Items) {
		t.Fatalf("read again: %d items, %v", len(got.Items), err)
	}
	var need []int
	for i := 0; i < len(got.Items); i += 2 {
		need = append(need, i)
	}
	texts, ok := got.readOnly(need)
	if !ok {
		t.Fatal("the head with every other item did not give those items back")
	}
	for _, i := range need {
		if g, w := texts[i].Full(), want.Items[i].Full(); !reflect.DeepEqual(g, w) {
			t.Errorf("item %d read alone:\n %+v\nwant\n %+v", i, g, w)
		}
	}
}

// Forgotten items are not recalled: after a document with other items, an
// old one must be read again.
func TestReaderForgetsItemsThatLeft(t *testing.T) {
	a, b := item("a", "Alpha"), item("b", "Beta")
	var r Reader
	for _, body := range []string{rssDoc("", a), rssDoc("", b)} {
		if _, err := r.Parse(readerSrc, []byte(body), parseNow); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := r.Parse(readerSrc, []byte(rssDoc("<ttl>5</ttl>", a)), parseNow)
	if err != nil || len(doc.Items) != 1 || doc.Items[0].Brief() || doc.Items[0].Full().Summary != "About Alpha" {
		t.Fatalf("read %+v, %v; want Alpha read whole", doc.Items, err)
	}
}

// The digest stays for changes no poll reads and moves for every change
// of the items, their order or the feed-level context.
func TestDigest(t *testing.T) {
	a, b := item("a", "Alpha"), item("b", "Beta")
	base := rssDoc(`<link>https://t.example/</link><lastBuildDate>Mon, 02 Mar 2026 09:00:00 GMT</lastBuildDate>`, a, b)
	atom := `<feed xmlns="http://www.w3.org/2005/Atom"><updated>2026-03-02T09:00:00Z</updated><entry><id>e1</id></entry></feed>`
	json := `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","title":"x"}]}`
	tests := []struct {
		name       string
		one, other string
		same       bool
	}{
		{"new build date", base, strings.Replace(base, "09:00:00", "10:00:00", 1), true},
		{"white space and a comment", base, strings.Replace(base, "<channel>", "<channel>\n  <!-- cached -->\n ", 1) + "\n", true},
		{"atom updated", atom, strings.Replace(atom, "09:00", "10:00", 1), true},
		{"json white space", json, strings.Replace(json, `"title":"J",`, "\"title\": \"J\",\n  ", 1) + "\n", true},
		{"item title", base, strings.Replace(base, "Alpha", "Alpha!", 1), false},
		{"item white space", base, strings.Replace(base, "<title>Alpha", "<title> Alpha", 1), false},
		{"item date", base, strings.Replace(base, "<pubDate>Mon", "<pubDate>Tue", 1), false},
		{"reordered", base, rssDoc(`<link>https://t.example/</link><lastBuildDate>Mon, 02 Mar 2026 09:00:00 GMT</lastBuildDate>`, b, a), false},
		{"link", base, strings.Replace(base, "t.example/<", "u.example/<", 1), false},
		{"language", base, strings.Replace(base, "<channel>", "<channel><language>fr</language>", 1), false},
		{"namespace", base, strings.Replace(base, "elements/1.1/", "elements/1.0/", 1), false},
		{"json item", json, strings.Replace(json, `"x"`, `"y"`, 1), false},
		{"json title with space", json, strings.Replace(json, `"J"`, `"J "`, 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			one, other := Scan([]byte(tt.one)), Scan([]byte(tt.other))
			if !one.scanned || !other.scanned {
				t.Fatalf("scan failed: %v, %v", one.scanned, other.scanned)
			}
			if (one.Digest() == other.Digest()) != tt.same {
				t.Errorf("same digest = %v, want %v", one.Digest() == other.Digest(), tt.same)
			}
		})
	}
}
