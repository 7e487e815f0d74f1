package events

import (
	"strconv"
	"strings"
	"unicode"
)

// numbers returns the counts and amounts a text gives, in one canonical
// form whatever the writing: "1,200", "1 200", "1.200" (German) and "１２００"
// are all "1200"; "1.5" and "1,5" are "1.5"; a scale word or character
// multiplies ("12 million", "1,2 млрд", "1천200만", "3千" are 12000000,
// 1200000000, 12000000 and 3000), so that outlets writing the same amount
// their own way meet. Years (1900 to 2099 written as four plain digits)
// and 0 and 1 are left out: they tell nothing about which event a story is
// about, while "16 companies" or "$1.2 billion" do.
func numbers(text string) []string {
	var out []string
	eachNumber(text, func(n string, _ bool) { out = append(out, n) })
	return out
}

// designations returns the numbers of text that name a model rather than
// count anything: joined by a hyphen to the word before them ("Su-35",
// "Hwasong-20", "MiG-29", "KN-23"), or versions ("Trump 2.0"). They are evidence like any number,
// but no count that could conflict with another report's.
func designations(text string) []string {
	var out []string
	eachNumber(text, func(n string, model bool) {
		if model {
			out = append(out, n)
		}
	})
	return out
}

// eachNumber calls f with each number of text in canonical form (see
// numbers) and whether it is a model's designation.
func eachNumber(text string, f func(n string, model bool)) {
	rs := []rune(text)
	for i := 0; i < len(rs); {
		if digitValue(rs[i]) < 0 || i > 0 && glued(rs[i-1]) {
			i++
			continue
		}
		model := i > 1 && rs[i-1] == '-' && unicode.IsLetter(rs[i-2])
		if v, next, ok := eastAsian(rs, i); ok {
			i = next
			if n, ok := scaled(v); ok {
				f(n, model)
			}
			continue
		}
		groups, next := digitGroups(rs, i)
		i = next
		// "Trump 2.0", "Web 3.0": a version, not a count.
		model = model || len(groups) == 3 && groups[1] == "." && groups[2] == "0"
		n, ok := canonical(groups)
		if !ok {
			continue
		}
		if mult, after := scaleWord(rs, i); mult > 0 {
			i = after
			v, _ := strconv.ParseFloat(n, 64)
			n, ok = scaled(v * mult)
		}
		if ok {
			f(n, model)
		}
	}
}

// glued says whether a digit after r is part of a word ("F16", "IR-6" is
// not) rather than a number. Chinese, Japanese and Korean write numbers
// against the words around them ("1月6日", "6일"), so their letters do not
// glue.
func glued(r rune) bool {
	return digitValue(r) >= 0 || unicode.IsLetter(r) && !isIdeograph(r) && !unicode.Is(unicode.Hangul, r)
}

// digitGroups reads digits separated by single ',', '.', '\” or
// (thin) spaces, starting at rs[i]: "1,200.5" gives ["1" "," "200" "." "5"].
func digitGroups(rs []rune, i int) ([]string, int) {
	var groups []string
	var cur strings.Builder
	for i < len(rs) {
		if d := digitValue(rs[i]); d >= 0 {
			cur.WriteByte(byte('0' + d))
			i++
			continue
		}
		if isNumberSeparator(rs[i]) && cur.Len() > 0 && i+1 < len(rs) && digitValue(rs[i+1]) >= 0 {
			groups = append(groups, cur.String(), string(rs[i]))
			cur.Reset()
			i++
			continue
		}
		break
	}
	return append(groups, cur.String()), i
}

func isNumberSeparator(r rune) bool {
	return r == ',' || r == '.' || r == '\'' || r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// canonical joins digit groups: separators followed by exactly three
// digits are thousands separators; a last separator followed by one or two
// digits is a decimal point. Anything else (a date "6.1.2025", a phone
// number) is not a count.
func canonical(g []string) (string, bool) {
	var b strings.Builder
	b.WriteString(g[0])
	for k := 1; k < len(g); k += 2 {
		part, last := g[k+1], k+2 == len(g)
		switch {
		case len(part) == 3 && len(g[0]) <= 3:
			b.WriteString(part)
		case last && len(part) <= 2 && (g[k] == "." || g[k] == ","):
			b.WriteString("." + part)
		default:
			return "", false
		}
	}
	s := strings.TrimLeft(b.String(), "0")
	if s == "" || s == "1" || strings.HasPrefix(s, ".") {
		return "", false
	}
	if len(g) == 1 && len(s) == 4 {
		if y, _ := strconv.Atoi(s); y >= 1900 && y < 2100 {
			return "", false
		}
	}
	return s, true
}

// digitValue reads a decimal digit in the scripts news is written in:
// ASCII, Arabic-Indic, Persian and full-width; -1 for anything else.
func digitValue(r rune) int {
	for _, zero := range []rune{'0', '\u0660', '\u06f0', '\uff10'} {
		if r >= zero && r <= zero+9 {
			return int(r - zero)
		}
	}
	return -1
}
