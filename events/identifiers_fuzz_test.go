package events

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Identifiers and model numbers are read from any headline a feed sends:
// whatever the text, they are runs of ASCII digits without leading zeros,
// each once.
func FuzzHeadlineNumbers(f *testing.F) {
	// Seeds are in testdata/fuzz/FuzzHeadlineNumbers.
	f.Fuzz(func(t *testing.T, title string) {
		if !utf8.ValidString(title) {
			return
		}
		for _, got := range [][]string{identifiers(title), modelNumbers(title)} {
			seen := map[string]bool{}
			for _, n := range got {
				if n == "" || strings.HasPrefix(n, "0") || strings.Trim(n, "0123456789") != "" || seen[n] {
					t.Fatalf("%q gave %q", title, got)
				}
				seen[n] = true
			}
		}
		isReaction(title, foldText(title)) // must not panic on any text
	})
}
