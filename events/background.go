package events

import (
	"unicode"
	"unicode/utf8"
)

// backgroundWords open the part of a headline that gives the background
// of its happening rather than the happening: "Finland seizes ship after
// Baltic cable outage", "Iranian lawmakers push NPT exit bill after
// snapback trigger". The background is often another event of the window,
// and its words in the title would make the report look like that
// event's; they weigh as the summary's. Each starts with a space (see
// splitBackground).
var backgroundWords = []string{" after ", " amid ", " following ", " despite ", " ahead of ", " in response to ",
	" après ", " malgré ", " nach dem ", " nach der ", " trotz ", " tras ", " después de ", " после ", " на фоне ", " після ", " на тлі "}

// splitBackground returns a headline's happening and its background, cut
// at the first background word, whatever its case. The cut is found on
// the title's own bytes: lower case can be longer or shorter ("İ", the
// Kelvin sign), and an index found in a lowered copy would cut the title
// inside a word or a rune.
func splitBackground(title string) (head, background string) {
	// Every background word starts with a space, and a headline is never
	// all background.
	for i := 1; i < len(title); i++ {
		if title[i] != ' ' {
			continue
		}
		for _, w := range backgroundWords {
			if hasPrefixFold(title[i:], w) {
				return title[:i], title[i:]
			}
		}
	}
	return title, ""
}

// hasPrefixFold says whether s starts with prefix under simple case
// folding, rune by rune.
func hasPrefixFold(s, prefix string) bool {
	for _, p := range prefix {
		r, size := utf8.DecodeRuneInString(s)
		if size == 0 || !equalFold(r, p) {
			return false
		}
		s = s[size:]
	}
	return true
}

// equalFold says whether two runes are one under simple case folding.
func equalFold(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return 'A' <= a && a <= 'Z' && a+'a'-'A' == b || 'A' <= b && b <= 'Z' && b+'a'-'A' == a
	}
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}
