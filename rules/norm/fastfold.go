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

// tableRunes are the runes below this fold from foldTable.
const tableRunes = 0x800

var foldTable = func() (t [tableRunes]string) {
	f := newFolder()
	for r := rune(0x80); r < tableRunes; r++ {
		t[r] = f.fold(string(r))
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
			buf = append(buf, foldTable[r]...)
		case isIdentityFold(r):
			buf = append(buf, raw[i:i+size]...)
		default:
			return buf[:start], false
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
