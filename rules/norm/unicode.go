package norm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// folder holds the Unicode transformer chain. x/text transformers keep
// state, so each Tokens has its own (they are not shared between goroutines).
type folder struct {
	chain transform.Transformer
	cache map[string]string
}

// maxCache bounds the per-Tokens cache of folded non-ASCII words; news in
// one language repeats its words, so a small cache saves most of the work.
const maxCache = 4096

func newFolder() *folder {
	// NFKD splits letters from accents and compatibility forms; case folding
	// may produce new combining marks (İ -> i + dot), hence the second NFKD
	// before the marks are dropped; NFC puts Hangul syllables back together.
	// Decomposition can expose punctuation (ŀ -> l·), which is dropped so
	// that a folded word is always one word. The last lower-casing makes
	// folding idempotent where case folding alone is not: it folds Cherokee
	// small letters to capitals and back; scriptFold unifies letters of
	// the Arabic script and reads Arabic-Indic digits as ASCII.
	return &folder{
		chain: transform.Chain(norm.NFKD, cases.Fold(), norm.NFKD,
			runes.Remove(runes.In(unicode.Mn)), norm.NFC,
			runes.Remove(runes.Predicate(dropped)), runes.Map(lowerScript)),
		cache: make(map[string]string),
	}
}

func (f *folder) fold(word string) string {
	if out, ok := f.cache[word]; ok {
		return out
	}
	out, _, err := transform.String(f.chain, word)
	if err != nil {
		out = word
	}
	if len(f.cache) >= maxCache {
		clear(f.cache)
	}
	f.cache[word] = out
	return out
}

// unicodeWord reads a word holding non-ASCII characters rune by rune,
// collects its raw text without apostrophes and ignorable characters, and
// folds it through the Unicode tables.
func (t *Tokens) unicodeWord(text string, start int) int {
	if t.fold == nil {
		t.fold = newFolder()
	}
	raw := t.raw[:0]
	i, end, half := start, start, false
	for i < len(text) {
		r, size := decodeRune(text, i)
		if isSingleRuneWord(r) {
			if i == start {
				raw = append(raw, text[i:i+size]...)
				i += size
				end, half = i, true
			}
			break
		}
		// Apostrophes come before letters: the Ukrainian ʼ (U+02BC) is a
		// modifier letter, yet "мʼясо" and "м'ясо" are one word.
		if isApostrophe(r) {
			_, next, inner := apostrophe(text, i, size)
			i = next
			if inner {
				continue
			}
			break
		}
		if isWordRune(r) {
			raw = append(raw, text[i:i+size]...)
			i += size
			end = i
			continue
		}
		if isIgnorable(r) && wordAt(text, i+size) {
			i += size
			continue
		}
		break
	}
	t.raw = raw
	foldStart := len(t.Buf)
	buf, ok, one := fastFold(t.Buf, raw)
	if ok {
		t.Buf = buf
	} else {
		t.Buf = append(t.Buf, t.fold.fold(string(raw))...)
	}
	if (half || !one) && splitsAgain(t.Buf[foldStart:], half) {
		// Folding must be idempotent, so a word whose folded form would
		// tokenise as several words stays as written: ヿ is コト, ㌔ is
		// キロ, and ㈧ in "0㈧" is (八), which stands apart from the 0.
		t.Buf = append(t.Buf[:foldStart], strings.ToLower(string(raw))...)
	}
	t.emit(start, end, foldStart, half)
	if len(t.Buf) > foldStart {
		t.readings(t.Buf[foldStart:])
	}
	if i <= start { // a lone non-word rune slipped in; never loop forever
		_, size := utf8.DecodeRuneInString(text[start:])
		return start + size
	}
	return i
}

// splitsAgain reports whether a folded word would not read back as one
// word: a character of an unspaced script that folded to several, or a
// spaced word that folded into one of those scripts' characters.
func splitsAgain(folded []byte, half bool) bool {
	if half {
		return utf8.RuneCount(folded) > 1
	}
	for _, r := range string(folded) {
		if isSingleRuneWord(r) {
			return true
		}
	}
	return false
}

// dropped reports runes removed from a folded word: non-word runes; the
// tatweel, a stretched joining line that is only typography; and the
// modifier-letter apostrophe, which the tokeniser drops inside words and
// decomposition can produce (ŉ is ʼn), so folding stays idempotent.
func dropped(r rune) bool { return !isWordRune(r) || r == tatweel || isApostrophe(r) }

func lowerScript(r rune) rune { return scriptFold(unicode.ToLower(r)) }
