package rules

import (
	"strconv"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
	"github.com/sanctionwatch/sanctionwatch/unsc"
)

// resolutionHit is one resolution number found in a field's tokens.
type resolutionHit struct {
	number      int
	first, last int // token range, trigger word included
}

// maxResolution is above every resolution passed so far and leaves room for
// the next decades; larger numbers are not resolutions.
const maxResolution = 3500

// findResolutions recognises references to Security Council resolutions:
// "Resolution 2397", "UNSCR 1718", "S/RES/2270 (2016)", "resolutions 1718 and
// 2397", "Security Council resolution 2231", and committees named after
// their resolution ("the 1718 Committee"). A bare "resolution 12" of a city
// council is not one: small numbers and numbers outside the regime table
// need the Security Council or the UN nearby.
func findResolutions(toks *norm.Tokens, text string, out []resolutionHit) []resolutionHit {
	n := len(toks.List)
	for i := 0; i < n; i++ {
		// Comparing the hashes the tokeniser already computed keeps this
		// pass nearly free on stories that name no resolution.
		switch toks.List[i].Hash {
		case hashResolution, hashResolutions, hashUNSCR, hashUNSCRs:
			before := len(out)
			w := toks.Fold(i)
			out = resolutionList(toks, text, i, i+1, w[0] == 'u', out)
			if len(out) > before {
				continue
			}
			if councilBefore(toks, i) {
				out = append(out, resolutionHit{first: councilStart(toks, i), last: i})
			} else if end := councilAfter(toks, text, i); end > i {
				out = append(out, resolutionHit{first: i, last: end})
			}
		case hashS:
			if i+2 < n && toks.List[i+1].Hash == hashRes {
				out = resolutionList(toks, text, i, i+2, true, out)
			}
		case hashResolucion, hashResoluciones, hashResolutionen:
			out = foreignResolutions(toks, text, i, out)
		case hashCommittee:
			if i == 0 {
				continue
			}
			if num, ok := resolutionNumber(toks.Fold(i - 1)); ok {
				if _, known := unsc.ByResolution(num); known {
					out = append(out, resolutionHit{number: num, first: i - 1, last: i})
				}
			}
		default:
			out = otherResolution(toks, text, i, out)
		}
	}
	return out
}

// otherResolution looks at a token the English triggers do not know: a
// word for resolution in another language, or a number written the
// Chinese or Japanese way. The first byte turns most tokens away.
func otherResolution(toks *norm.Tokens, text string, i int, out []resolutionHit) []resolutionHit {
	w := toks.Fold(i)
	switch {
	case w[0] >= 0x80 || toks.List[i].Alt != 0:
		if isResolutionWord(toks, i) {
			return foreignResolutions(toks, text, i, out)
		}
	case w[0] >= '0' && w[0] <= '9':
		num, ok := resolutionNumber(w)
		if !ok {
			return out
		}
		if first, last, han := hanResolutionAt(toks, i); han {
			if _, known := unsc.ByResolution(num); known || unContext(toks, text, i) {
				out = append(out, resolutionHit{number: num, first: first, last: last})
			}
		}
	}
	return out
}

var (
	hashResolution  = norm.HashString("resolution")
	hashResolutions = norm.HashString("resolutions")
	hashUNSCR       = norm.HashString("unscr")
	hashUNSCRs      = norm.HashString("unscrs")
	hashS           = norm.HashString("s")
	hashRes         = norm.HashString("res")
	hashCommittee   = norm.HashString("committee")
	// Spanish and German plurals; French and the singulars fold to
	// "resolution" and "resolutions".
	hashResolucion   = norm.HashString("resolucion")
	hashResoluciones = norm.HashString("resoluciones")
	hashResolutionen = norm.HashString("resolutionen")
)

// resolutionList reads the numbers after a trigger word at token trig,
// starting at token i: "2270", "1718 and 2397", "1718, 1874 and 2087",
// skipping a year in parentheses.
func resolutionList(toks *norm.Tokens, text string, trig, i int, sure bool, out []resolutionHit) []resolutionHit {
	if !sure {
		sure = unContext(toks, text, trig)
	}
	n := len(toks.List)
	for i < n {
		w := string(toks.Fold(i))
		if w == "no" || w == "nos" || w == "and" || w == "or" {
			i++
			continue
		}
		num, ok := resolutionNumber(toks.Fold(i))
		if !ok {
			break
		}
		_, known := unsc.ByResolution(num)
		if sure || known {
			out = append(out, resolutionHit{number: num, first: trig, last: i})
		}
		i++
		if i < n && isYear(toks, text, i) {
			i++
		}
	}
	return out
}

// isYear reports whether token i is a year in parentheses after a number,
// as in "2270 (2016)".
func isYear(toks *norm.Tokens, text string, i int) bool {
	gap := text[toks.List[i-1].End:toks.List[i].Start]
	if !strings.Contains(gap, "(") {
		return false
	}
	y, err := strconv.Atoi(string(toks.Fold(i)))
	return err == nil && y >= 1946 && y <= 2100
}

func resolutionNumber(w []byte) (int, bool) {
	if len(w) == 0 || len(w) > 4 {
		return 0, false
	}
	n := 0
	for _, c := range w {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n > 0 && n < maxResolution
}

// unContext reports whether the Security Council or the UN is named within
// a few words of token i of text.
func unContext(toks *norm.Tokens, text string, i int) bool {
	const window = 20
	lo, hi := max(0, i-window), min(len(toks.List), i+window)
	for j := lo; j < hi; j++ {
		if councilAt(toks, text, j) {
			return true
		}
	}
	return false
}

// councilBefore reports "Security Council resolution(s)", "UNSC
// resolutions", "UN resolutions": a reference without a number.
func councilBefore(toks *norm.Tokens, i int) bool {
	return councilStart(toks, i) < i
}

// councilAfter returns the token naming the Security Council or the UN
// just after "resolution(s)" at token i, as French and English put it
// ("résolutions de l'ONU", "du Conseil de sécurité", "resolutions of the
// UN"), or i when there is none.
func councilAfter(toks *norm.Tokens, text string, i int) int {
	for j := i + 1; j < len(toks.List) && j <= i+3; j++ {
		switch string(toks.Fold(j)) {
		case "de", "du", "des", "la", "of", "the":
			continue
		}
		if councilAt(toks, text, j) {
			return j
		}
		break
	}
	return i
}

// councilStart returns the first token of the council's name before token
// i, or i when there is none.
func councilStart(toks *norm.Tokens, i int) int {
	if i >= 1 {
		switch string(toks.Fold(i - 1)) {
		case "unsc", "un":
			return i - 1
		case "council":
			if i >= 2 && string(toks.Fold(i-2)) == "security" {
				if i >= 3 && (string(toks.Fold(i-3)) == "un" || string(toks.Fold(i-3)) == "nations") {
					return i - 3
				}
				return i - 2
			}
		}
	}
	if i >= 2 && string(toks.Fold(i-1)) == "n" && string(toks.Fold(i-2)) == "u" { // "U.N."
		return i - 2
	}
	return i
}
