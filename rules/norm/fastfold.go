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

// lowSplits marks the runes below tableRunes whose fold holds a character
// of an unspaced script, which would make a word of its own (none in
// today's tables; kept so that a new Unicode version cannot slip one by).
var lowSplits = func() (t [tableRunes]bool) {
	for r := rune(0x80); r < tableRunes; r++ {
		for _, f := range lowTable[r] {
			t[r] = t[r] || isSingleRuneWord(f)
		}
	}
	return t
}()

// fastFold appends the fold of the word raw to buf, if every rune of it
// folds without context; otherwise it returns buf unchanged and false.
// one reports that the fold holds no character of an unspaced script, so
// that a spaced word is known to read back as one word without a second
// pass over it (see splitsAgain); runes folded through foldTable, rare in
// news, leave that to the check.
func fastFold(buf, raw []byte) (out []byte, ok, one bool) {
	start := len(buf)
	one = true
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
			one = one && !lowSplits[r]
		case isHangulSyllable(r):
			buf = append(buf, raw[i:i+size]...)
		case isIdentityHan(r):
			buf = append(buf, raw[i:i+size]...)
			one = false
		default:
			f, found := foldTable[r]
			if !found {
				return buf[:start], false, false
			}
			buf = append(buf, f...)
			one = false
		}
		i += size
	}
	return buf, true, one
}

// isIdentityHan reports the unified Han ideographs, which fold to
// themselves whatever surrounds them and are each a word of their own
// (TestIdentityHan holds the range to the tables).
func isIdentityHan(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }

// Hangul syllables also fold to themselves: NFKD splits them into jamo
// and NFC joins them again.

// kanaFolds holds, for the CJK symbols, hiragana and katakana from
// kanaFirst on, the fold unicodeWord gives each as a word of its own
// (voiced kana lose their marks, as in the chain), so that Tokenize can
// take Japanese kana without the passes over the word. A rune it leaves
// unmarked takes the general path.
const kanaFirst = 0x3000

type kanaFold struct {
	fold string
	word bool
}

var kanaFolds = func() (t [0x100]kanaFold) {
	var toks Tokens
	for r := rune(kanaFirst); r < kanaFirst+0x100; r++ {
		if !isWordRune(r) || !isSingleRuneWord(r) {
			continue
		}
		toks.Reset()
		toks.unicodeWord(string(r), 0)
		if len(toks.List) == 1 && len(toks.Alts) == 0 {
			t[r-kanaFirst] = kanaFold{fold: string(toks.Fold(0)), word: true}
		}
	}
	return t
}()
