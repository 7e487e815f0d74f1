package events

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
)

// scaleWords are the words that multiply the number before them, by their
// first letters as folded, in the languages of the packs. A word is taken
// when it starts with one of these and the whole word is not longer than
// the form plus a plural or case ending; short forms ("bn", "mln") count
// written against the number too ("$1.2bn").
var scaleWords = []struct {
	prefix string
	mult   float64
	short  bool // an abbreviation: also written against the number
}{
	{"thousand", 1e3, false}, {"tausend", 1e3, false}, {"тыс", 1e3, true}, {"тис", 1e3, true}, {"mil", 1e3, false},
	{"million", 1e6, false}, {"milion", 1e6, false}, {"miliard", 1e9, false}, {"millón", 1e6, false}, {"millon", 1e6, false}, {"mln", 1e6, true}, {"mn", 1e6, true},
	{"mio", 1e6, true}, {"миллион", 1e6, false}, {"мільйон", 1e6, false}, {"млн", 1e6, true}, {"مليون", 1e6, false}, {"میلیون", 1e6, false},
	{"billion", 1e9, false}, {"bn", 1e9, true}, {"bln", 1e9, true}, {"milliard", 1e9, false}, {"mrd", 1e9, true}, {"миллиард", 1e9, false}, {"мільярд", 1e9, false},
	{"млрд", 1e9, true}, {"مليار", 1e9, false}, {"میلیارد", 1e9, false},
	{"trillion", 1e12, false}, {"трлн", 1e12, true}, {"crore", 1e7, false}, {"lakh", 1e5, false},
}

// maxEnding is how many letters a scale word may have beyond its form
// ("millions", "Millionen", "миллиона", "milliards").
const maxEnding = 3

// scaleWord reads a scale word at rs[i] (after at most one space) and
// returns its multiplier and the index after it, or 0.
func scaleWord(rs []rune, i int) (float64, int) {
	start, spaced := i, false
	if i < len(rs) && (rs[i] == ' ' || rs[i] == '\u00a0') {
		start, spaced = i+1, true
	}
	end := start
	for end < len(rs) && unicode.IsLetter(rs[end]) {
		end++
	}
	if end == start {
		return 0, i
	}
	w := strings.ToLower(string(rs[start:end]))
	n := end - start
	for _, sw := range scaleWords {
		form := []rune(sw.prefix)
		if !strings.HasPrefix(w, sw.prefix) || n > len(form)+maxEnding || !spaced && !sw.short {
			continue
		}
		if sw.prefix == "mil" && n != 3 || sw.short && n != len(form) && !spaced {
			continue // "mil" alone is Spanish for thousand; "military" is no scale
		}
		if sw.prefix == "mil" && end < len(rs)-1 && strings.HasPrefix(strings.ToLower(string(rs[end+1:])), "mill") {
			return 1e9, end // "mil millones"
		}
		return sw.mult, end
	}
	return 0, i
}

// East Asian number characters: small units multiply the digits before
// them within a group of four places, large units a whole group ("1천200만"
// is (1000 + 200) × 10000).
var (
	smallUnits = map[rune]float64{'十': 10, '百': 100, '千': 1e3, '십': 10, '백': 100, '천': 1e3}
	largeUnits = map[rune]float64{'万': 1e4, '萬': 1e4, '億': 1e8, '亿': 1e8, '兆': 1e12, '만': 1e4, '억': 1e8, '조': 1e12}
)

// eastAsian reads a number written with East Asian unit characters
// starting at the digits rs[i]; ok is false when the digits are not
// followed by a unit character.
func eastAsian(rs []rune, i int) (v float64, next int, ok bool) {
	var total, section, cur float64
	have := false
	for i < len(rs) {
		switch {
		case norm.DigitValue(rs[i]) >= 0:
			groups, after := digitGroups(rs, i)
			n, good := canonical(groups)
			if !good {
				n = strings.Join(groups, "")
			}
			cur, _ = strconv.ParseFloat(n, 64)
			have, i = true, after
		case smallUnits[rs[i]] > 0 && have:
			section += max(cur, 1) * smallUnits[rs[i]]
			cur, ok, i = 0, true, i+1
		case largeUnits[rs[i]] > 0 && have:
			total += (section + cur) * largeUnits[rs[i]]
			section, cur, ok, i = 0, 0, true, i+1
		default:
			return total + section + cur, i, ok
		}
	}
	return total + section + cur, i, ok
}

// scaled formats a scaled amount canonically: whole numbers without a
// decimal point, and 0 and 1 left out as in canonical.
func scaled(v float64) (string, bool) {
	if v >= 1000 {
		v = math.Round(v)
	}
	if v < 2 || math.IsInf(v, 0) || math.IsNaN(v) {
		return "", false
	}
	return strconv.FormatFloat(v, 'f', -1, 64), true
}
