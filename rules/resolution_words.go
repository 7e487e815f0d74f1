package rules

import (
	"bytes"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
	"github.com/sanctionwatch/sanctionwatch/unsc"
)

// Resolutions in the other languages of the news. Each language names a
// resolution with a word that goes before the number, possibly with the
// council's name in between ("резолюции СБ ООН 1718", "قرار مجلس الأمن
// رقم 2397", "안보리 결의 제2397호"); Chinese and Japanese put the number
// between 第 and 号 next to 决议 or 決議. Words folded as norm folds them.

// resolutionStems start the word for "resolution" (any inflection).
var resolutionStems = []string{
	"резолюц",  // Russian: резолюция, резолюции, резолюцией
	"резолюці", // Ukrainian: резолюція, резолюції, резолюцію
	"قرار",     // Arabic: قرار, قرارات, قراري (readings drop و ب ل ال)
	"القرار",   // Arabic with the article, when no reading is offered
	"قطعنامه",  // Persian
	"결의",       // Korean: 결의, 결의안
}

// councilWords name the Security Council or the UN, as whole folded words
// or (ending in *) stems; councilCapitals do so only as written in
// capitals, since French "un" and Spanish "uno" are "a" and "one";
// councilPairs do so only as two words in a row, since "безопасности" or
// "الأمن" alone is any kind of security.
var (
	councilWords = []string{
		"unsc", "nations", "vn", "oon", "сб", "совбез", "рб",
		"sicherheitsrat*", "안보리*", "유엔*", "الامم", "ملل",
	}
	councilCapitals = []string{"UN", "ONU", "UNO"}
	councilPairs    = [][2]string{
		{"security", "council"}, {"совет*", "безопасност*"}, {"рад*", "безпеки"},
		{"مجلس", "الامن"}, {"شوراي", "امنيت"}, {"consejo", "seguridad"}, {"conseil", "securite"},
		{"安", "理"}, {"安", "保"}, {"联", "合"}, {"国", "連"},
	}
)

// resolutionConnectors join numbers in a list: "1718 и 2397".
var resolutionConnectors = map[string]bool{
	"no": true, "nos": true, "and": true, "or": true, "и": true, "і": true, "та": true, "й": true,
	"y": true, "e": true, "et": true, "und": true, "및": true, "و": true, "n": true, "nr": true,
}

// maxCouncilWords bounds the words allowed between the word for
// resolution and its number ("резолюции Совета Безопасности ООН 1718").
const maxCouncilWords = 5

// isResolutionWord reports whether token i, or one of its readings, is a
// word for resolution in a language not written in Latin letters (those
// are in findResolutions' hash switch).
func isResolutionWord(toks *norm.Tokens, i int) bool {
	return anyReading(toks, i, hasStem)
}

// anyReading reports whether token i as written, or one of its readings,
// passes is.
func anyReading(toks *norm.Tokens, i int, is func([]byte) bool) bool {
	if is(toks.Fold(i)) {
		return true
	}
	for _, r := range toks.Readings(i) {
		if is(toks.AltFold(&r)) {
			return true
		}
	}
	return false
}

func hasStem(w []byte) bool {
	if len(w) < 2 || w[0] < 0x80 {
		return false
	}
	for _, s := range resolutionStems {
		// The first two bytes turn away almost every word before the
		// comparison.
		if w[0] == s[0] && w[1] == s[1] && bytes.HasPrefix(w, []byte(s)) {
			return true
		}
	}
	return false
}

// foreignResolutions reads the numbers after the word for resolution at
// token trig. Council words may stand between; a number reached past them
// must belong to a regime, since "резолюция ... 2024 года" is a year.
// Regime numbers are years too (1970, 1988), so a number reached past
// other words, or after قرار (any "decision" in Arabic), counts only with
// the council named nearby, and a number next to a word for year never.
func foreignResolutions(toks *norm.Tokens, text string, trig int, out []resolutionHit) []resolutionHit {
	n, i := len(toks.List), trig+1
	for ; i < n && i-trig <= maxCouncilWords; i++ {
		if _, ok := foreignNumber(toks.Fold(i)); ok {
			break
		}
	}
	council := unContext(toks, text, trig)
	skipped := i > trig+1
	if (skipped || isDecisionWord(toks, trig)) && !council {
		return out
	}
	sure := !skipped && council
	before := len(out)
	for i < n {
		if resolutionConnectors[string(toks.Fold(i))] {
			i++
			continue
		}
		num, ok := foreignNumber(toks.Fold(i))
		if !ok || nextToYearWord(toks, i) {
			break
		}
		if _, known := unsc.ByResolution(num); known || sure {
			out = append(out, resolutionHit{number: num, first: trig, last: i})
		}
		i++
		if i < n && isYear(toks, text, i) {
			i++
		}
	}
	if len(out) == before && unContext(toks, text, trig) {
		out = append(out, resolutionHit{first: trig, last: trig}) // "резолюции СБ ООН", no number
	}
	return out
}

// decisionWord is the Arabic word a resolution shares with any decision of
// a ministry or a court, folded; readings drop the prefixes.
const decisionWord = "قرار"

// isDecisionWord reports whether token i is قرار, with or without its
// article, plural or prefixes.
func isDecisionWord(toks *norm.Tokens, i int) bool {
	return anyReading(toks, i, isDecision)
}

func isDecision(w []byte) bool {
	return bytes.HasPrefix(w, []byte(decisionWord)) || bytes.HasPrefix(w, []byte(alDecisionWord))
}

const alDecisionWord = "ال" + decisionWord

// Words for year, folded, that put a number before or after them out of
// the resolutions: "عام 1988", "1970 года", "1988 年". "de" only goes
// before ("la resolución de 1970"), since "la resolución 1970 de 2011"
// names its year after the number.
var (
	yearWordsBefore = map[string]bool{
		"عام": true, "سنه": true, "لسنه": true, "سال": true, "year": true, "de": true,
		"ano": true, "annee": true, "jahr": true, "jahres": true,
	}
	yearWordsAfter = map[string]bool{
		"год": true, "года": true, "году": true, "г": true, "рік": true, "року": true, "році": true,
		"р": true, "년": true, "年": true, "عام": true, "سنه": true, "year": true,
	}
)

// nextToYearWord reports whether the number at token i is read as a year
// by the word before or after it.
func nextToYearWord(toks *norm.Tokens, i int) bool {
	if i > 0 && yearWordsBefore[string(toks.Fold(i-1))] {
		return true
	}
	return i+1 < len(toks.List) && yearWordsAfter[string(toks.Fold(i+1))]
}

// foreignNumber reads a resolution number with the affixes other languages
// attach to it: 제2397호를 (Korean ordinal, counter and particle), و2397
// (Arabic "and").
func foreignNumber(w []byte) (int, bool) {
	s := strings.TrimPrefix(strings.TrimPrefix(string(w), "제"), "و")
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end < len(s) && !strings.HasPrefix(s[end:], "호") {
		return 0, false
	}
	return resolutionNumber([]byte(s[:end]))
}

// Chinese and Japanese: 第2397号决议, 2397号决议, 决议第2397号, 決議2397号.
var (
	hanResolution = [][]string{{"决", "议"}, {"決", "議"}}
	hanOrdinal    = "第"
	hanCounter    = "号"
)

// hanResolutionAt reports whether the number at token i is written as a
// Chinese or Japanese resolution number, and the tokens the reference
// spans.
func hanResolutionAt(toks *norm.Tokens, i int) (first, last int, ok bool) {
	first, last = i, i
	if i > 0 && string(toks.Fold(i-1)) == hanOrdinal {
		first = i - 1
	}
	if i+1 < len(toks.List) && string(toks.Fold(i+1)) == hanCounter {
		last = i + 1
	}
	if hanWordAt(toks, first-2) {
		return first - 2, last, true
	}
	if last > i && hanWordAt(toks, last+1) {
		return first, last + 2, true
	}
	return 0, 0, false
}

func hanWordAt(toks *norm.Tokens, i int) bool {
	if i < 0 || i+1 >= len(toks.List) {
		return false
	}
	for _, w := range hanResolution {
		if string(toks.Fold(i)) == w[0] && string(toks.Fold(i+1)) == w[1] {
			return true
		}
	}
	return false
}

// councilAt reports whether token j of text starts a name of the Security
// Council or the UN in any of the languages.
func councilAt(toks *norm.Tokens, text string, j int) bool {
	w := string(toks.Fold(j))
	for _, c := range councilWords {
		if wordIs(w, c) {
			return true
		}
	}
	if councilCapital(text[toks.List[j].Start:toks.List[j].End]) {
		return true
	}
	if j+1 >= len(toks.List) {
		return false
	}
	next := string(toks.Fold(j + 1))
	if next == "de" && j+2 < len(toks.List) { // "Conseil de sécurité", "Consejo de Seguridad"
		next = string(toks.Fold(j + 2))
	}
	for _, p := range councilPairs {
		if wordIs(w, p[0]) && wordIs(next, p[1]) {
			return true
		}
	}
	return false
}

// councilCapital reports whether a word as written is one of
// councilCapitals, alone or after an elided article: French writes the UN
// as one word with its article, "l'ONU", "d'ONU". It looks only at the
// word's end, since it runs on every word near a resolution.
func councilCapital(w string) bool {
	for _, c := range councilCapitals {
		rest, ok := strings.CutSuffix(w, c)
		if ok && (rest == "" || strings.HasSuffix(rest, "'") || strings.HasSuffix(rest, "\u2019")) {
			return true
		}
	}
	return false
}

// wordIs matches a folded word against a pattern: a word, or a stem
// ending in *.
func wordIs(w, pattern string) bool {
	if stem, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(w, stem)
	}
	return w == pattern
}
