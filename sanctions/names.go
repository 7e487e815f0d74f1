package sanctions

import (
	"strings"
	"unicode"
)

// cleanName trims a name as lists print it: surrounding quotes, runs of
// spaces, the "-0-" null marker of OFAC files.
func cleanName(s string) string {
	s = strings.TrimSpace(s)
	if s == "-0-" {
		return ""
	}
	s = strings.Trim(s, "\"'“”‘’ ")
	return strings.Join(strings.Fields(s), " ")
}

// addUnique appends v to list unless it is empty or already there
// (ignoring case).
func addUnique(list []string, v string) []string {
	v = strings.TrimSpace(v)
	if v == "" || v == "-0-" {
		return list
	}
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return list
		}
	}
	return append(list, v)
}

// sameName reports whether two names are the same words, ignoring case and
// punctuation.
func sameName(a, b string) bool {
	return foldKey(a) == foldKey(b)
}

// foldKey is a name reduced to lower-case letters and digits separated by
// single spaces: the key used to spot duplicate aliases and company forms.
// It is built in one pass: aliases are compared pairwise on import, so
// this runs hundreds of thousands of times for the OFAC list.
func foldKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
		default:
			gap = true
		}
	}
	return b.String()
}

// words splits a name into lower-case words of letters and digits. An
// apostrophe inside a word is dropped ("JAM'AT" -> "jamat") as news text
// spells such names both ways.
func words(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
		default:
			flush()
		}
	}
	flush()
	return out
}
