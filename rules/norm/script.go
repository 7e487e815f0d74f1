package norm

// Script-specific folding that the Unicode tables do not do. NFKD already
// removes what is written as combining marks: Arabic short vowels and
// shadda, the hamza and madda of أ إ آ ؤ ئ, the diaeresis of ё and ї, the
// voicing marks of half-width katakana. What is left is letters that are
// distinct code points yet written interchangeably in news text.

const tatweel = '\u0640'

// scriptFold maps a rune after case folding.
func scriptFold(r rune) rune {
	switch {
	case r >= '\u0660' && r <= '\u0669': // Arabic-Indic digits
		return '0' + r - '\u0660'
	case r >= '\u06f0' && r <= '\u06f9': // Persian (extended Arabic-Indic) digits
		return '0' + r - '\u06f0'
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
