package norm

// Korean text is mostly words of Hangul syllables alone, which fold to
// themselves (NFKD splits a syllable into jamo and NFC joins them again).
// hangulWord takes such a word in one pass, as unicodeWord would take it
// in four (read, fold, check, read again for the particles);
// TestHangulFastPathAgrees holds the two equal.

// hangulWord reads the word of Hangul syllables starting at start and
// records it with the readings unicodeWord gives it. A word that goes on
// in another script or past an apostrophe or an invisible joiner, whose
// end unicodeWord decides, is left to it: ok is false and nothing is
// recorded.
func (t *Tokens) hangulWord(text string, start int) (next int, ok bool) {
	i := start
	for i < len(text) {
		r, size := decodeRune(text, i)
		if isHangulSyllable(r) {
			i += size
			continue
		}
		if !endsWord(r) {
			return start, false
		}
		break
	}
	foldStart := len(t.Buf)
	t.Buf = append(t.Buf, text[start:i]...)
	t.emit(start, i, foldStart, false)
	t.koreanReadings(string(t.Buf[foldStart:]))
	return i, true
}

// endsWord reports whether r, after a word, surely ends it: not a letter,
// digit or mark, nor an apostrophe or an invisible joiner (which
// unicodeWord looks past), or a character of an unspaced script (a word
// of its own).
func endsWord(r rune) bool {
	if r < 0x80 {
		return asciiFold[r] == 0 && r != '\''
	}
	return isSingleRuneWord(r) || !isWordRune(r) && !isApostrophe(r) && !isIgnorable(r)
}
