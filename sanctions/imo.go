package sanctions

import "regexp"

// ValidIMO reports whether s is a seven-digit IMO ship number with a correct
// check digit: the first six digits weighted 7..2, summed, modulo 10. The
// check keeps random seven-digit numbers in remarks and news from passing
// for ship identifiers.
func ValidIMO(s string) bool {
	if len(s) != 7 {
		return false
	}
	sum := 0
	for i := 0; i < 7; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		if i < 6 {
			sum += int(c-'0') * (7 - i)
		}
	}
	return sum%10 == int(s[6]-'0')
}

var imoPattern = regexp.MustCompile(`\bIMO\s*(?:No\.?|number|:)?\s*(\d{7})\b`)

// findIMOs returns the valid IMO numbers written as "IMO 1234567" in text.
func findIMOs(text string) []string {
	var out []string
	for _, m := range imoPattern.FindAllStringSubmatch(text, -1) {
		if ValidIMO(m[1]) {
			out = addUnique(out, m[1])
		}
	}
	return out
}
