package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
)

// maxShortCaps is the longest all-capitals alias taken to be an acronym:
// "KPA", "IRGC". Folded to lower case such acronyms are ordinary words or
// units ("kPa", "is", "us"), so they are matched only in their own case.
const maxShortCaps = 4

// shortCaps reports whether alias is one word of at most maxShortCaps
// letters (digits allowed), all of them capitals.
func shortCaps(alias string) bool {
	if strings.ContainsAny(alias, " \t-./") || utf8.RuneCountInString(alias) > maxShortCaps {
		return false
	}
	letters := 0
	for _, r := range alias {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsLetter(r) || !unicode.IsDigit(r):
			return false
		}
	}
	return letters > 0
}

// shoutWindow is how many words on each side say whether text is written
// in capitals throughout (a shouted headline), where case means nothing.
const shoutWindow = 3

// caseTells reports whether the case of the words i..j of text carries
// information: the words themselves have a lower-case letter, or a word
// near them does. In "THIS IS WHY" no word does, so "IS" is not the
// acronym; in "IS claims the attack" the lower-case neighbours show that
// "IS" was written in capitals on purpose. Letters of scripts without case
// (Hangul, Chinese, Arabic) count as lower case: "IAEA" among them is
// written in capitals on purpose, not shouted.
func caseTells(toks *norm.Tokens, text string, i, j int) bool {
	lo, hi := max(i-shoutWindow, 0), min(j+shoutWindow, len(toks.List)-1)
	for k := lo; k <= hi; k++ {
		t := toks.List[k]
		if hasLower(text[t.Start:t.End]) {
			return true
		}
	}
	return false
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) || unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsTitle(r) {
			return true
		}
	}
	return false
}
