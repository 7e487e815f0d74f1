package rules

import (
	"strconv"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
)

// Regime is a UN Security Council sanctions regime.
type Regime struct {
	ID   string // used in queries: regime:dprk
	Name string // for people: "1718 (DPRK)"
}

// regimes lists the Security Council sanctions regimes (current and recent)
// and the resolutions that set up, extended or tightened each one. Numbers
// not listed are still recognised as resolutions, only without a regime.
var regimes = []struct {
	Regime
	resolutions []int
}{
	{Regime{"dprk", "1718 (DPRK)"}, []int{1695, 1718, 1874, 2087, 2094, 2270, 2276, 2321, 2345, 2356, 2371, 2375, 2397, 2407, 2464, 2515, 2569, 2627, 2680}},
	{Regime{"iran", "2231 (Iran)"}, []int{1696, 1737, 1747, 1803, 1835, 1929, 2231}},
	{Regime{"isil-alqaida", "1267/1989/2253 (ISIL (Da'esh) and Al-Qaida)"}, []int{1267, 1333, 1390, 1455, 1526, 1617, 1735, 1822, 1904, 1989, 2083, 2161, 2170, 2178, 2199, 2253, 2368, 2610, 2734}},
	{Regime{"taliban", "1988 (Taliban)"}, []int{1988, 2082, 2160, 2255, 2501, 2557, 2615, 2716}},
	{Regime{"libya", "1970 (Libya)"}, []int{1970, 1973, 2009, 2040, 2095, 2146, 2174, 2213, 2278, 2292, 2362, 2420, 2441, 2526, 2571, 2644, 2701, 2733, 2769}},
	{Regime{"yemen", "2140 (Yemen)"}, []int{2140, 2216, 2402, 2456, 2511, 2564, 2624, 2675, 2722}},
	{Regime{"al-shabaab", "2713 (Al-Shabaab, formerly 751 Somalia)"}, []int{733, 751, 1844, 2023, 2093, 2111, 2142, 2182, 2317, 2385, 2444, 2498, 2551, 2607, 2662, 2713, 2714}},
	{Regime{"sudan", "1591 (Sudan)"}, []int{1556, 1591, 1672, 1945, 2035, 2340, 2400, 2455, 2508, 2562, 2620, 2676, 2725}},
	{Regime{"south-sudan", "2206 (South Sudan)"}, []int{2206, 2428, 2471, 2521, 2577, 2633, 2683, 2731}},
	{Regime{"drc", "1533 (Democratic Republic of the Congo)"}, []int{1493, 1533, 1596, 1807, 1857, 2293, 2360, 2424, 2478, 2528, 2582, 2641, 2688, 2738}},
	{Regime{"car", "2127 (Central African Republic)"}, []int{2127, 2134, 2196, 2262, 2339, 2399, 2454, 2488, 2507, 2536, 2588, 2648, 2693, 2745}},
	{Regime{"mali", "2374 (Mali)"}, []int{2374, 2432, 2484, 2541, 2590, 2649}},
	{Regime{"haiti", "2653 (Haiti)"}, []int{2653, 2700, 2752}},
	{Regime{"iraq", "1518 (Iraq)"}, []int{661, 687, 1483, 1518, 1546}},
	{Regime{"lebanon", "1636 (Lebanon)"}, []int{1559, 1636, 1701}},
	{Regime{"guinea-bissau", "2048 (Guinea-Bissau)"}, []int{2048}},
}

// regimeOf returns the regime a resolution belongs to.
func regimeOf(number int) (Regime, bool) {
	for _, r := range regimes {
		for _, n := range r.resolutions {
			if n == number {
				return r.Regime, true
			}
		}
	}
	return Regime{}, false
}

// regimeByID finds a regime by its query id.
func regimeByID(id string) (Regime, bool) {
	for _, r := range regimes {
		if r.ID == id {
			return r.Regime, true
		}
	}
	return Regime{}, false
}

func regimeIDs() []string {
	ids := make([]string, len(regimes))
	for i, r := range regimes {
		ids[i] = r.ID
	}
	return ids
}

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
			if len(out) == before && councilBefore(toks, i) {
				out = append(out, resolutionHit{first: councilStart(toks, i), last: i})
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
				if _, known := regimeOf(num); known {
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
			if _, known := regimeOf(num); known || unContext(toks, i) {
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
		sure = unContext(toks, trig)
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
		_, known := regimeOf(num)
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
// a few words of token i.
func unContext(toks *norm.Tokens, i int) bool {
	const window = 20
	lo, hi := max(0, i-window), min(len(toks.List), i+window)
	for j := lo; j < hi; j++ {
		if councilAt(toks, j) {
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
