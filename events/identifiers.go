package events

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
)

// idWords are the words after which a number names one notice,
// resolution or case rather than counting anything: "WARNING 029",
// "Resolution 2231", "case No. 12".
var idWords = []string{"warning", "advisory", "notice", "resolution", "résolution", "resolución", "resolução", "unscr",
	"case", "no", "nr", "№", "#", "резолюц", "قرار", "قطعنامه"}

// identifiers returns the numbers a headline gives as identifiers: those
// after an identifier word (see idWords) and those written with a slash
// ("029/2025", a notice of a year; the year is left out so that "WARNING
// 029" and "029/2025" agree). Only a year of 19xx or 20xx after the slash
// makes an identifier: "24/7", "12/03" and "12/03/2025" are no notices.
// Leading zeros are dropped.
func identifiers(title string) []string {
	rs := []rune(title)
	var out []string
	for i := 0; i < len(rs); {
		if norm.DigitValue(rs[i]) < 0 || i > 0 && glued(rs[i-1]) {
			i++
			continue
		}
		first, next := digitRun(rs, i)
		if ofYear(rs, next) || afterIDWord(rs, i) {
			if id := strings.TrimLeft(first, "0"); id != "" && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
		i = next
		if i < len(rs) && rs[i] == '/' {
			_, i = digitRun(rs, i+1) // the year or serial after the slash
		}
	}
	return out
}

// ofYear says whether rs[i:] is a slash and a year of 19xx or 20xx that
// ends the number, as in "029/2025", and not the month and year of a date
// ("12/03/2025").
func ofYear(rs []rune, i int) bool {
	if i >= len(rs) || rs[i] != '/' {
		return false
	}
	year, next := digitRun(rs, i+1)
	if len(year) != 4 || year[:2] != "19" && year[:2] != "20" {
		return false
	}
	return next == len(rs) || rs[next] != '/'
}

// digitRun reads the digits starting at rs[i].
func digitRun(rs []rune, i int) (string, int) {
	var b strings.Builder
	for ; i < len(rs) && norm.DigitValue(rs[i]) >= 0; i++ {
		b.WriteString(strconv.Itoa(norm.DigitValue(rs[i])))
	}
	return b.String(), i
}

// afterIDWord says whether the number at rs[i] follows an identifier word,
// give or take a dot and spaces ("No. 12", "№12").
func afterIDWord(rs []rune, i int) bool {
	j := i
	for j > 0 && (rs[j-1] == ' ' || rs[j-1] == '.' || rs[j-1] == '\u00a0') {
		j--
	}
	k := j
	for k > 0 && (unicode.IsLetter(rs[k-1]) || rs[k-1] == '№' || rs[k-1] == '#') {
		k--
	}
	word := strings.ToLower(string(rs[k:j]))
	if word == "" {
		return false
	}
	for _, w := range idWords {
		if word == w || len([]rune(w)) >= 6 && strings.HasPrefix(word, w) {
			return true
		}
	}
	return false
}

// modelNumbers returns the numbers of the models a headline names: those
// joined by a hyphen to the word before them ("Su-57", "J-35A", "歼-35A",
// "Hwasong-20"), save the names that are no models (see notModels).
// Leading zeros are dropped.
func modelNumbers(title string) []string {
	rs := []rune(title)
	var out []string
	for i := 2; i < len(rs); i++ {
		if norm.DigitValue(rs[i]) < 0 || !namesModel(rs, i) || notModel(rs, i-1) {
			continue
		}
		run, next := digitRun(rs, i)
		if d := strings.TrimLeft(run, "0"); d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
		i = next
	}
	return out
}

// notModels are the words that take a hyphen and a number without naming
// a model: a disease, a group of countries, a treaty's article. Two
// headlines on "G-7" and "G-20" are not about two aircraft.
var notModels = []string{"covid", "cov", "sars", "g", "p", "article", "art", "artikel", "статья", "chapter", "section", "level", "phase", "day", "week"}

// notModel says whether the word that ends before the hyphen at rs[hyphen]
// is one of notModels.
func notModel(rs []rune, hyphen int) bool {
	k := hyphen
	for k > 0 && unicode.IsLetter(rs[k-1]) {
		k--
	}
	return slices.Contains(notModels, strings.ToLower(string(rs[k:hyphen])))
}
