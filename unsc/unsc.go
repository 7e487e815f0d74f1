// Package unsc owns the table of UN Security Council sanctions regimes:
// their query ids, names, committees, reference-number prefixes and
// resolutions. Rules and sanctions lists both read it, so `@regime:` and
// `regime:` mean the same regime whichever side produced the name.
package unsc

import (
	"slices"
	"strconv"
	"strings"
)

// Regime is one Security Council sanctions regime.
type Regime struct {
	ID    string // in queries: regime:dprk, @regime:dprk
	Short string // as lists and news name it: "DPRK", "ISIL/Al-Qaida"
	Title string // for people: "1718 (DPRK)"
	// Committee is the resolution that set up the sanctions committee.
	Committee int
	// Prefixes are the first two letters of the UN list's reference
	// numbers (KPi.033 is a 1718 listing).
	Prefixes []string
	// Resolutions set up, extended or tightened the regime.
	Resolutions []int
}

// regimes are the current and recent regimes. Resolution numbers not here
// are still resolutions, only without a regime.
var regimes = []Regime{
	{"dprk", "DPRK", "1718 (DPRK)", 1718, []string{"KP"}, []int{1695, 1718, 1874, 2087, 2094, 2270, 2276, 2321, 2345, 2356, 2371, 2375, 2397, 2407, 2464, 2515, 2569, 2627, 2680}},
	{"iran", "Iran", "2231 (Iran)", 2231, []string{"IR"}, []int{1696, 1737, 1747, 1803, 1835, 1929, 2231}},
	{"isil-alqaida", "ISIL/Al-Qaida", "1267/1989/2253 (ISIL (Da'esh) and Al-Qaida)", 1267, []string{"QD", "QI"}, []int{1267, 1333, 1390, 1455, 1526, 1617, 1735, 1822, 1904, 1989, 2083, 2161, 2170, 2178, 2199, 2253, 2368, 2610, 2734}},
	{"taliban", "Taliban", "1988 (Taliban)", 1988, []string{"TA"}, []int{1988, 2082, 2160, 2255, 2501, 2557, 2615, 2716}},
	{"libya", "Libya", "1970 (Libya)", 1970, []string{"LY"}, []int{1970, 1973, 2009, 2040, 2095, 2146, 2174, 2213, 2278, 2292, 2362, 2420, 2441, 2526, 2571, 2644, 2701, 2733, 2769}},
	{"yemen", "Yemen", "2140 (Yemen)", 2140, []string{"YE"}, []int{2140, 2216, 2402, 2456, 2511, 2564, 2624, 2675, 2722}},
	{"al-shabaab", "Al-Shabaab", "2713 (Al-Shabaab, formerly 751 Somalia)", 751, []string{"SO"}, []int{733, 751, 1844, 2023, 2093, 2111, 2142, 2182, 2317, 2385, 2444, 2498, 2551, 2607, 2662, 2713, 2714}},
	{"sudan", "Sudan", "1591 (Sudan)", 1591, []string{"SD"}, []int{1556, 1591, 1672, 1945, 2035, 2340, 2400, 2455, 2508, 2562, 2620, 2676, 2725}},
	{"south-sudan", "South Sudan", "2206 (South Sudan)", 2206, []string{"SS"}, []int{2206, 2428, 2471, 2521, 2577, 2633, 2683, 2731}},
	{"drc", "DRC", "1533 (Democratic Republic of the Congo)", 1533, []string{"CD"}, []int{1493, 1533, 1596, 1807, 1857, 2293, 2360, 2424, 2478, 2528, 2582, 2641, 2688, 2738}},
	{"car", "CAR", "2127 (Central African Republic)", 2127, []string{"CF"}, []int{2127, 2134, 2196, 2262, 2339, 2399, 2454, 2488, 2507, 2536, 2588, 2648, 2693, 2745}},
	{"mali", "Mali", "2374 (Mali)", 2374, []string{"ML"}, []int{2374, 2432, 2484, 2541, 2590, 2649}},
	{"haiti", "Haiti", "2653 (Haiti)", 2653, []string{"HT"}, []int{2653, 2700, 2752}},
	{"iraq", "Iraq", "1518 (Iraq)", 1518, []string{"IQ"}, []int{661, 687, 1483, 1518, 1546}},
	{"lebanon", "Lebanon", "1636 (Lebanon)", 1636, nil, []int{1559, 1636, 1701}},
	{"guinea-bissau", "Guinea-Bissau", "2048 (Guinea-Bissau)", 2048, []string{"GB"}, []int{2048}},
}

// ByResolution returns the regime a resolution belongs to.
func ByResolution(number int) (Regime, bool) {
	for _, r := range regimes {
		if slices.Contains(r.Resolutions, number) {
			return r, true
		}
	}
	return Regime{}, false
}

// ByID finds a regime by its query id.
func ByID(id string) (Regime, bool) {
	for _, r := range regimes {
		if r.ID == id {
			return r, true
		}
	}
	return Regime{}, false
}

// ByReference finds the regime of a UN list reference number (KPi.033).
func ByReference(ref string) (Regime, bool) {
	if len(ref) < 2 {
		return Regime{}, false
	}
	p := strings.ToUpper(ref[:2])
	for _, r := range regimes {
		if slices.Contains(r.Prefixes, p) {
			return r, true
		}
	}
	return Regime{}, false
}

// ByProgramme finds the regime a list's programme names: its id, its
// short name in any case ("ISIL/Al-Qaida", "DPRK") or its committee's
// resolution ("1718").
func ByProgramme(prog string) (Regime, bool) {
	prog = strings.TrimSpace(prog)
	for _, r := range regimes {
		if r.ID == prog || strings.EqualFold(r.Short, prog) || strconv.Itoa(r.Committee) == prog {
			return r, true
		}
	}
	return Regime{}, false
}

// IDs returns every regime id, in table order.
func IDs() []string {
	ids := make([]string, len(regimes))
	for i, r := range regimes {
		ids[i] = r.ID
	}
	return ids
}
