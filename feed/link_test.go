package feed

import (
	"net/url"
	"testing"
	"unicode/utf8"
)

func utf8Valid(s string) bool { return utf8.ValidString(s) }

func TestCanonicalLink(t *testing.T) {
	base, _ := url.Parse("https://example.com/news/feed.xml")
	tests := []struct{ in, want string }{
		{"https://EXAMPLE.com/a?utm_source=x&utm_medium=y", "https://example.com/a"},
		{"HTTP://Example.com/a?id=1&fbclid=z&gclid=q#frag", "http://example.com/a?id=1"},
		{"story.html?mc_cid=1&mc_eid=2&page=2&ocid=3&cmpid=4", "https://example.com/news/story.html?page=2"},
		{"/top?at_medium=a&at_campaign=b", "https://example.com/top"},
		{"//cdn.example.com/x", "https://cdn.example.com/x"},
		{"javascript:alert(1)", ""},
		{"mailto:a@b.c", ""},
		{"  ", ""},
		{"https://example.com/Path/Keeps/Case?Q=Keeps", "https://example.com/Path/Keeps/Case?Q=Keeps"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := canonicalLink(tt.in, base); got != tt.want {
				t.Errorf("canonicalLink(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
