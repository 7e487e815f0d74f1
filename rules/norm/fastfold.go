package norm

import (
	"unicode/utf8"
)

// Most words of news text in Cyrillic, Arabic, Greek, accented Latin,
// Hangul and Chinese fold rune by rune, with no context: the Unicode chain
// removes combining marks before it composes, so a word's fold is the
// folds of its runes put together. fastFold does that from a table and
// leaves the rest (compatibility forms, kana with voicing marks, rare
// scripts) to the chain. TestFastFoldAgreesWithChain holds the two equal.

// foldRanges are the runes that fold from a table: Latin with accents,
// Greek, Cyrillic, Arabic; CJK punctuation, hiragana and katakana (whose
// voiced forms lose their marks, as in the chain); full-width and
// half-width forms.
var foldRanges = [][2]rune{{0x80, 0x800}, {0x3000, 0x3100}, {0xff00, 0xfff0}}

// tableRunes bounds the first range, looked up without a search.
const tableRunes = 0x800

var foldTable = func() map[rune]string {
	f := newFolder()
	t := map[rune]string{}
	for _, rg := range foldRanges {
		for r := rg[0]; r < rg[1]; r++ {
			t[r] = f.fold(string(r))
		}
	}
	return t
}()

// lowTable is foldTable below tableRunes as an array: the common case.
var lowTable = func() (t [tableRunes]string) {
	for r := rune(0x80); r < tableRunes; r++ {
		t[r] = foldTable[r]
	}
	return t
}()

// fastFold appends the fold of the word raw to buf, if every rune of it
// folds without context; otherwise it returns buf unchanged and false.
func fastFold(buf, raw []byte) ([]byte, bool) {
	start := len(buf)
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if f := asciiFold[c]; f != 0 {
				buf = append(buf, f)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		switch {
		case r < tableRunes:
			buf = append(buf, lowTable[r]...)
		case isIdentityFold(r):
			buf = append(buf, raw[i:i+size]...)
		default:
			f, ok := foldTable[r]
			if !ok {
				return buf[:start], false
			}
			buf = append(buf, f...)
		}
		i += size
	}
	return buf, true
}

// isIdentityFold reports runes that fold to themselves whatever surrounds
// them: Hangul syllables (NFKD splits them into jamo, NFC joins them
// again) and the unified Han ideographs.
func isIdentityFold(r rune) bool {
	return r >= 0xac00 && r <= 0xd7a3 || r >= 0x4e00 && r <= 0x9fff
}
