package norm

import (
	"unicode"
	"unicode/utf8"
)

// asciiFold maps an ASCII letter or digit to its folded byte and every other
// ASCII byte to 0 (a word break).
var asciiFold = func() (t [128]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = byte(c)
		t[c-'a'+'A'] = byte(c)
	}
	return t
}()

// Tokenize appends the tokens of text to t. Offsets are relative to text.
// Invalid UTF-8 is treated as word breaks, never as a panic.
func (t *Tokens) Tokenize(text string) {
	// Grow once for the whole text rather than word by word: folded ASCII
	// is never longer than the text, and English averages about six
	// bytes a word.
	if free := cap(t.Buf) - len(t.Buf); free < len(text) {
		t.Buf = append(make([]byte, 0, len(t.Buf)+len(text)+64), t.Buf...)
	}
	if want := len(t.List) + len(text)/4 + 8; cap(t.List) < want {
		t.List = append(make([]Token, 0, want), t.List...)
	}
	for i := 0; i < len(text); {
		i = t.next(text, i, true)
	}
}

// next records the word starting at byte i of text, if one does, and
// returns where the next one may start. fast takes the paths for kana, Han
// and Hangul words; without them every word holding other than ASCII goes
// through unicodeWord, which is what the tests compare the paths with.
func (t *Tokens) next(text string, i int, fast bool) int {
	c := text[i]
	if c < utf8.RuneSelf {
		if asciiFold[c] == 0 {
			return i + 1
		}
		return t.asciiWord(text, i)
	}
	r, size := decodeRune(text, i)
	if fast {
		if t.unspacedRune(text, i, r, size) {
			return i + size
		}
		if isHangulSyllable(r) {
			if next, ok := t.hangulWord(text, i); ok {
				return next
			}
		}
	}
	if isWordRune(r) {
		return t.unicodeWord(text, i)
	}
	return i + size
}

// decodeRune is utf8.DecodeRuneInString(text[i:]) with three-byte
// sequences (Hangul, Han, kana) decoded in line: the standard function
// leaves them to a call that costs as much as the rest of a character's
// work in Korean, Chinese and Japanese text.
func decodeRune(text string, i int) (rune, int) {
	if c := text[i]; c >= 0xe0 && c < 0xf0 && i+2 < len(text) {
		b1, b2 := text[i+1], text[i+2]
		if b1&0xc0 == 0x80 && b2&0xc0 == 0x80 {
			r := rune(c&0x0f)<<12 | rune(b1&0x3f)<<6 | rune(b2&0x3f)
			if r >= 0x800 && (r < 0xd800 || r > 0xdfff) { // no overlong forms, no surrogates
				return r, 3
			}
		}
	}
	return utf8.DecodeRuneInString(text[i:])
}

// unspacedRune records the common characters of Chinese and Japanese as
// the half-word tokens unicodeWord would make of them, without its passes
// over the word: a Han ideograph folds to itself, a kana to its entry in
// kanaFolds, and neither has other readings. It reports false for any
// other rune, which takes the general path.
func (t *Tokens) unspacedRune(text string, i int, r rune, size int) bool {
	foldStart := len(t.Buf)
	switch {
	case isIdentityHan(r):
		t.Buf = append(t.Buf, text[i:i+size]...)
	case r >= kanaFirst && r < kanaFirst+rune(len(kanaFolds)) && kanaFolds[r-kanaFirst].word:
		t.Buf = append(t.Buf, kanaFolds[r-kanaFirst].fold...)
	default:
		return false
	}
	t.emit(i, i+size, foldStart, true)
	return true
}

// asciiWord reads the word starting at start, folding and hashing as it
// goes. On meeting a non-ASCII byte it hands the whole word to unicodeWord.
func (t *Tokens) asciiWord(text string, start int) int {
	buf := t.Buf
	foldStart := len(buf)
	// The hash is mixed eight bytes at a time as the word is folded, the
	// same way Hash does it, so the word is read once.
	h, acc, k := uint64(hashSeed), uint64(0), uint(0)
	i := start
	for i < len(text) {
		c := text[i]
		if c >= utf8.RuneSelf {
			return t.unicodeWord(text, start)
		}
		if f := asciiFold[c]; f != 0 {
			buf = append(buf, f)
			acc |= uint64(f) << (8 * k)
			if k++; k == 8 {
				h, acc, k = mix(h, acc), 0, 0
			}
			i++
			continue
		}
		if c != '\'' {
			break
		}
		end, next, inner := apostrophe(text, i, 1)
		if !inner {
			t.Buf = buf
			t.emitHashed(start, end, foldStart, h, acc, k)
			return next
		}
		i = next
	}
	t.Buf = buf
	t.emitHashed(start, i, foldStart, h, acc, k)
	return i
}

// emitHashed finishes a hash begun by asciiWord and records the token.
func (t *Tokens) emitHashed(start, end, foldStart int, h, acc uint64, k uint) {
	if k > 0 {
		h = mix(h, acc)
	}
	n := len(t.Buf) - foldStart
	if n == 0 {
		return
	}
	t.List = append(t.List, Token{
		Start: int32(start), End: int32(end), Hash: finish(h, n),
		FoldStart: int32(foldStart), FoldEnd: int32(len(t.Buf)), Pos: t.pos,
	})
	t.pos += 2
}

// apostrophe decides what an apostrophe of width w at i does to the word
// before it: a possessive "'s" ends the word and is skipped; an apostrophe
// between letters (O'Brien, don't) is dropped and the word goes on (inner);
// anything else ends the word.
func apostrophe(text string, i, w int) (end, next int, inner bool) {
	j := i + w
	if j < len(text) && (text[j] == 's' || text[j] == 'S') && !wordAt(text, j+1) {
		return i, j + 1, false
	}
	if wordAt(text, j) {
		return i, j, true
	}
	return i, j, false
}

// wordAt reports whether a word character starts at byte i of text.
func wordAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	if c := text[i]; c < utf8.RuneSelf {
		return asciiFold[c] != 0
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

// emit records a token whose folded form is Buf[foldStart:]; half says it
// is a character of a script written without spaces.
func (t *Tokens) emit(start, end, foldStart int, half bool) {
	if len(t.Buf) == foldStart {
		return
	}
	t.List = append(t.List, Token{
		Start: int32(start), End: int32(end), Hash: Hash(t.Buf[foldStart:]),
		FoldStart: int32(foldStart), FoldEnd: int32(len(t.Buf)), Pos: t.pos,
	})
	t.pos += 2
	if half {
		t.pos--
	}
}

// addReading records another reading of the last token.
func (t *Tokens) addReading(reading string) {
	tok := &t.List[len(t.List)-1]
	if tok.Alt == 0 {
		tok.Alt = int32(len(t.Alts)) + 1
	}
	start := len(t.Buf)
	t.Buf = append(t.Buf, reading...)
	t.Alts = append(t.Alts, Alt{Tok: int32(len(t.List) - 1), Hash: Hash(t.Buf[start:]),
		FoldStart: int32(start), FoldEnd: int32(len(t.Buf))})
}

// isWordRune reports whether r belongs in a word: letters, digits and the
// combining marks that decorate them.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiFold[r] != 0
	}
	if r < 0x10000 {
		return wordRuneBMP[r/64]&(1<<(r%64)) != 0
	}
	return isWordRuneTables(r)
}

// wordRuneBMP caches isWordRuneTables for the Basic Multilingual Plane:
// the category tables cost a binary search per character, and every
// character of Korean, Chinese or Japanese text asks at least once.
var wordRuneBMP = func() (t [0x10000 / 64]uint64) {
	for r := rune(utf8.RuneSelf); r < 0x10000; r++ {
		if isWordRuneTables(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

func isWordRuneTables(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) ||
		unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.No, r)
}

// isIgnorable reports characters that vanish inside a word: soft hyphens
// and zero-width joiners that web pages sprinkle into long words.
func isIgnorable(r rune) bool {
	switch r {
	case '\u00ad', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u02bc', '\u2018', '\uff07':
		return true
	}
	return false
}

// isSingleRuneWord reports scripts written without spaces between words:
// each of their characters is a token of its own, so a name written in them
// matches as a sequence of characters.
func isSingleRuneWord(r rune) bool {
	if r < 0x10000 {
		return singleRuneBMP[r/64]&(1<<(r%64)) != 0
	}
	return isSingleRuneScript(r)
}

// singleRuneBMP caches isSingleRuneScript for the Basic Multilingual Plane,
// where news text lives: the script tables cost a search per character,
// and Chinese and Japanese text asks once per character.
var singleRuneBMP = func() (t [0x10000 / 64]uint64) {
	for r := rune(0); r < 0x10000; r++ {
		if isSingleRuneScript(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

func isSingleRuneScript(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Thai, r)
}

// Unspaced reports whether r belongs to a script written without spaces
// (Chinese, Japanese, Thai), whose characters are tokens of their own.
func Unspaced(r rune) bool { return isSingleRuneWord(r) }
