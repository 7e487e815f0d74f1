package feed

import (
	"os"
	"strings"
	"testing"
)

func TestParseOPML(t *testing.T) {
	f, err := os.Open("testdata/feeds.opml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feeds, err := ParseOPML(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ name, url, tags string }{
		{"Reuters World", "https://example.com/reuters.xml", "News"},
		{"Reuters World-2", "https://example.com/reuters2.xml", "News"},
		{"UN press", "https://press.un.example/rss", ""},
		{"https://bare.example/feed", "https://bare.example/feed", ""},
	}
	if len(feeds) != len(want) {
		t.Fatalf("%d feeds: %+v", len(feeds), feeds)
	}
	for i, w := range want {
		got := feeds[i]
		if got.Name != w.name || got.URL != w.url || strings.Join(got.Tags, ",") != w.tags {
			t.Errorf("feed %d = %+v, want %+v", i, got, w)
		}
	}
	for _, bad := range []string{"", "<opml><body></body></opml>", "<html>"} {
		if _, err := ParseOPML(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseOPML(%q) succeeded", bad)
		}
	}
}
