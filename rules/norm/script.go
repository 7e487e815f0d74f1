package norm

// Script-specific folding that the Unicode tables do not do. NFKD already
// removes what is written as combining marks: Arabic short vowels and
// shadda, the hamza and madda of أ إ آ ؤ ئ, the diaeresis of ё and ї, the
// voicing marks of half-width katakana. What is left is letters that are
// distinct code points yet written interchangeably in news text.

const tatweel = '\u0640'

// scriptFold maps a rune after case folding.
func scriptFold(r rune) rune {
	if d, ok := indicDigit(r); ok {
		return '0' + d
	}
	switch r {
	case '\u0649', '\u06cc', '\u06d2': // alef maqsura, Persian ya, yeh barree -> ya
		return '\u064a'
	case '\u06a9', '\u06aa': // Persian keheh, swash kaf -> Arabic kaf
		return '\u0643'
	case '\u0629': // ta marbuta, often written as ha at the end of a word
		return '\u0647'
	case '\u0671': // alef wasla
		return '\u0627'
	}
	return r
}

// indicDigit reads the Arabic-Indic and Persian (extended Arabic-Indic)
// digits, which NFKD leaves as they are: resolution numbers are written in
// them.
func indicDigit(r rune) (rune, bool) {
	switch {
	case r >= '\u0660' && r <= '\u0669':
		return r - '\u0660', true
	case r >= '\u06f0' && r <= '\u06f9':
		return r - '\u06f0', true
	}
	return 0, false
}

// DigitValue reads a decimal digit in the scripts news is written in:
// ASCII, Arabic-Indic, Persian and full-width; -1 for anything else. It
// is for text read as written, not folded (events read numbers so).
func DigitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '\uff10' && r <= '\uff19':
		return int(r - '\uff10')
	}
	if d, ok := indicDigit(r); ok {
		return int(d)
	}
	return -1
}
