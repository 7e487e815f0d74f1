package events

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
)

// number is one number of a text.
type number struct {
	// value is canonical whatever the writing: "1,200", "1 200", "1.200"
	// (German) and "１２００" are all "1200"; "1.5" and "1,5" are "1.5"; a
	// scale word or character multiplies ("12 million", "1,2 млрд",
	// "1천200만", "3千" are 12000000, 1200000000, 12000000 and 3000), so
	// that outlets writing the same amount their own way meet.
	value string
	// model is set for a number that counts nothing: one that names a
	// model, joined by a hyphen to the word before it ("Su-35",
	// "Hwasong-20", "KN-23"), a version ("Trump 2.0"), a measure ("12
	// months", "1,100 km", "5%"; see measured), or part of a name ("Office
	// 313"; see namedBy). It is evidence like any number, but no count that
	// could conflict with another report's.
	model bool
}

// readNumbers returns the counts and amounts a text gives, in the order
// written. Years (1900 to 2099 written as four plain digits) and 0 and 1
// are left out: they tell nothing about which event a story is about,
// while "16 companies" or "$1.2 billion" do.
func readNumbers(text string) []number {
	var out []number
	rs := []rune(text)
	sentenceCase := !capitalised(rs)
	for i := 0; i < len(rs); {
		if norm.DigitValue(rs[i]) < 0 || i > 0 && glued(rs[i-1]) {
			i++
			continue
		}
		n, next, ok := readNumber(rs, i)
		n.model = n.model || sentenceCase && namedBy(rs, i)
		i = next
		if ok {
			out = append(out, n)
		}
	}
	return out
}

// namedBy says whether the number at rs[i] follows, after one space, a
// capitalised Latin word of four letters or more that does not start the
// text: the number is part of a name ("Office 313", "Unit 180", "Estlink
// 2"), and counts nothing. readNumbers asks it only of text in sentence
// case: a headline in title case capitalises its verbs too ("Commerce
// Adds 40 Entities").
func namedBy(rs []rune, i int) bool {
	if i < 2 || rs[i-1] != ' ' {
		return false
	}
	j := i - 1
	for j > 0 && unicode.IsLetter(rs[j-1]) {
		j--
	}
	return i-1-j >= 4 && !sentenceStart(rs, j) && unicode.IsUpper(rs[j]) && unicode.Is(unicode.Latin, rs[j])
}

// sentenceStart says whether the word at rs[j] starts the text, a
// sentence or a quote, where any word is capitalised ("The Treasury
// acted. Another 12 vessels ...").
func sentenceStart(rs []rune, j int) bool {
	for j > 0 && unicode.IsSpace(rs[j-1]) {
		j--
	}
	return j == 0 || strings.ContainsRune(".:;!?\"'“”‘’«»(—–-", rs[j-1])
}

// capitalised says whether a text capitalises four in five of its words
// of four letters or more, as headlines in title case do; one in sentence
// case capitalises its names only ("Seoul designates North Korean IT
// workers, Office 313 in new sanctions").
func capitalised(rs []rune) bool {
	upper, long := 0, 0
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && unicode.IsLetter(rs[j]) {
			j++
		}
		if j-i >= 4 && !lowerFunctionWord(rs[i:j]) {
			long++
			if unicode.IsUpper(rs[i]) {
				upper++
			}
		}
		i = j
	}
	return 5*upper >= 4*long
}

// lowerFunctionWord says whether w is a preposition or conjunction of four
// letters or more written in lower case, as title case leaves them: "US
// Sanctions 16 Firms from China over Iran Drones" is in title case.
func lowerFunctionWord(w []rune) bool {
	switch string(w) {
	case "from", "over", "with", "into", "onto", "upon", "after", "amid", "than", "that", "about", "under",
		"before", "against", "without", "between", "following", "during", "despite", "through":
		return true
	}
	return false
}

// readNumber reads the number whose digits start at rs[i] and returns it
// with the index after it (and after its scale word); ok is false for what
// is no count (a date, a year, 0 or 1).
func readNumber(rs []rune, i int) (n number, next int, ok bool) {
	n.model = namesModel(rs, i)
	if v, after, east := eastAsian(rs, i); east {
		n.value, ok = scaled(v)
		n.model = n.model || measured(rs, after)
		return n, after, ok
	}
	groups, next := digitGroups(rs, i)
	// "Trump 2.0", "Web 3.0": a version, not a count.
	n.model = n.model || len(groups) == 3 && groups[1] == "." && groups[2] == "0"
	n.value, ok = canonical(groups)
	if !ok {
		return n, next, false
	}
	if mult, after := scaleWord(rs, next); mult > 0 {
		v, _ := strconv.ParseFloat(n.value, 64)
		n.value, ok = scaled(v * mult)
		next = after
	}
	n.model = n.model || measured(rs, next)
	return n, next, ok
}

// namesModel says whether the digits at rs[i] are joined by a hyphen to
// the word before them ("Su-35", "KN-23"), as a model's number is.
func namesModel(rs []rune, i int) bool {
	return i > 1 && rs[i-1] == '-' && unicode.IsLetter(rs[i-2])
}

// glued says whether a digit after r is part of a word ("F16", "IR-6" is
// not) rather than a number. Chinese, Japanese and Korean write numbers
// against the words around them ("1月6日", "6일"), so their letters do not
// glue.
func glued(r rune) bool {
	return norm.DigitValue(r) >= 0 || unicode.IsLetter(r) && !norm.Unspaced(r) && !unicode.Is(unicode.Hangul, r)
}

// digitGroups reads digits separated by single ',', '.', '\” or
// (thin) spaces, starting at rs[i]: "1,200.5" gives ["1" "," "200" "." "5"].
func digitGroups(rs []rune, i int) ([]string, int) {
	var groups []string
	var cur strings.Builder
	for i < len(rs) {
		if d := norm.DigitValue(rs[i]); d >= 0 {
			cur.WriteByte(byte('0' + d))
			i++
			continue
		}
		if isNumberSeparator(rs[i]) && cur.Len() > 0 && i+1 < len(rs) && norm.DigitValue(rs[i+1]) >= 0 {
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
