package discord

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// FuzzEscapeTruncate checks the promises rendering makes about any feed
// text: valid UTF-8 within the limit, no live markdown or mass mention, and
// balanced bold in a rendered description.
func FuzzEscapeTruncate(f *testing.F) {
	f.Add("[click](http://evil) @everyone", 20)
	f.Add("Россия 🚀 **x** \\", 5)
	f.Fuzz(func(t *testing.T, s string, max int) {
		max = max%300 + 1
		if max < 1 {
			max = -max + 1
		}
		e := Escape(s)
		if strings.Contains(e, "@everyone") || strings.Contains(e, "@here") {
			t.Fatalf("Escape(%q) keeps a mass mention: %q", s, e)
		}
		if utf8.ValidString(s) {
			checkEscaped(t, s, e)
		}
		tr := Truncate(e, max)
		if utf8.RuneCountInString(tr) > max || (utf8.ValidString(e) && !utf8.ValidString(tr)) {
			t.Fatalf("Truncate(%q, %d) = %q", e, max, tr)
		}
		d := describe([]story.Match{{Snippet: story.MarkOpen + s + story.MarkClose + s}}, max)
		if utf8.RuneCountInString(d) > max {
			t.Fatalf("description of %d runes over %d", utf8.RuneCountInString(d), max)
		}
	})
}

// checkEscaped verifies that every markdown character in e is escaped.
func checkEscaped(t *testing.T, s, e string) {
	t.Helper()
	escaped := false
	for _, r := range e {
		if escaped {
			escaped = false
			continue
		}
		if r == '\\' {
			escaped = true
			continue
		}
		if r < utf8.RuneSelf && strings.ContainsRune(markdown, r) {
			t.Fatalf("Escape(%q) = %q leaves %q live", s, e, r)
		}
	}
}
