package query

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minStem is the shortest stem a wildcard may follow: "ar*" would match
// far too many words to be meant.
const minStem = 3

// scanWord moves past a bare word and returns it. Joiners count only
// between letters or digits, except that a final "." is kept after an
// abbreviation that already holds one (U.S.).
func (lx *lexer) scanWord() string {
	start, dotted := lx.off, false
	for {
		r, size := lx.peek()
		switch {
		case size > 0 && isWordPart(r):
			lx.advance()
		case isJoiner(r) && lx.joinerRunEndsInWord():
			dotted = dotted || r == '.'
			lx.advance()
		case r == '.' && dotted:
			lx.advance()
			return lx.src[start:lx.off]
		default:
			return lx.src[start:lx.off]
		}
	}
}

// joinerRunEndsInWord reports whether the joiners at the offset are
// followed by a letter or digit, so they belong inside the word.
func (lx *lexer) joinerRunEndsInWord() bool {
	for _, r := range lx.src[lx.off:] {
		if !isJoiner(r) {
			return isWordStart(r)
		}
	}
	return false
}

// lexWord lexes what starts with a letter or digit: an operator, a field
// scope, resolution: and regime: references, or a plain word.
func (lx *lexer) lexWord(p Pos) (token, error) {
	word := lx.scanWord()
	if r, _ := lx.peek(); r == ':' {
		return lx.lexPrefixed(p, word)
	}
	if tok, ok, err := lx.operator(p, word); ok || err != nil {
		return tok, err
	}
	wild, err := lx.wildcard(p, word)
	if err != nil {
		return token{}, err
	}
	return leaf(&Term{At: p, Words: []string{word}, Wildcard: wild}, word), nil
}

func leaf(n Node, text string) token { return token{kind: tLeaf, node: n, text: text} }

// wildcard consumes a trailing "*" after word and checks that it ends the
// word and follows a long enough stem.
func (lx *lexer) wildcard(p Pos, word string) (bool, error) {
	if r, _ := lx.peek(); r != '*' {
		return false, nil
	}
	star := lx.pos()
	lx.advance()
	if r, size := lx.peek(); size > 0 && (isWordPart(r) || isJoiner(r) || r == '*') {
		return false, lx.errorf(star, "a wildcard goes only at the end of a word, as in sanction*")
	}
	if utf8.RuneCountInString(word) < minStem {
		return false, lx.errorf(p, "wildcard stem %q is too short: it needs at least %d characters, or it would match too much", word, minStem)
	}
	return true, nil
}

// operator recognises AND, OR, NOT and the NEAR family. Operators are
// upper case only; other casings of and/or/not/near are refused rather
// than read as words, because the author almost surely meant an operator.
func (lx *lexer) operator(p Pos, word string) (token, bool, error) {
	switch word {
	case "AND":
		return token{kind: tAnd, text: word}, true, nil
	case "OR":
		return token{kind: tOr, text: word}, true, nil
	case "NOT":
		return token{kind: tNot, text: word}, true, nil
	case "NEAR", "ONEAR":
		return token{}, false, lx.errorf(p, "%s needs a distance in words, as in %s/5", word, word)
	}
	if op, _, ok := strings.Cut(word, "/"); ok {
		return lx.nearOperator(p, word, op)
	}
	switch strings.ToLower(word) {
	case "and", "or", "not", "near", "onear":
		return token{}, false, lx.errorf(p, "%s%q is a word here: write %s for the operator, or quote %q to search for the word",
			casing(word), word, strings.ToUpper(word), word)
	}
	return token{}, false, nil
}

func casing(word string) string {
	if word == strings.ToLower(word) {
		return "lowercase "
	}
	return ""
}

// nearOperator recognises NEAR/n, ONEAR/n, W/n and PRE/n. W/ and PRE/
// followed by something other than digits stay words (W/O is a word);
// NEAR/ and ONEAR/ are always operators, so a bad distance is an error.
func (lx *lexer) nearOperator(p Pos, word, op string) (token, bool, error) {
	ordered := false
	switch op {
	case "NEAR", "W":
	case "ONEAR", "PRE":
		ordered = true
	case "near", "onear":
		return token{}, false, lx.errorf(p, "lowercase %q is not an operator: write %s", word, strings.ToUpper(word))
	default:
		return token{}, false, nil
	}
	digits := word[len(op)+1:]
	if !allDigits(digits) {
		if op == "W" || op == "PRE" {
			return token{}, false, nil
		}
		return token{}, false, lx.errorf(p, "%s/ needs a whole number of words, as in %s/5", op, op)
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 || n > maxNear {
		return token{}, false, lx.errorf(p, "%s: the distance must be from 1 to %d words", word, maxNear)
	}
	return token{kind: tNear, text: word, n: n, ordered: ordered}, true, nil
}

// maxNear bounds NEAR distances: beyond a hundred words "near" means
// "in the same story", which AND says better.
const maxNear = 100

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isLowerName reports whether r may appear in a list, entity or regime
// name.
func isLowerName(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-'
}

// lexName reads a name after a sigil or prefix (what says what is being
// named, for messages). Names are lower case ASCII so that rule files have
// one spelling of each; a capital gets a suggestion, not a guess.
func (lx *lexer) lexName(p Pos, what string) (string, error) {
	start := lx.off
	for {
		r, size := lx.peek()
		if size == 0 || !(isLowerName(r) || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			break
		}
		lx.advance()
	}
	name := lx.src[start:lx.off]
	if name == "" {
		return "", lx.errorf(p, "%s needs a name, as in %sexample", what, what)
	}
	for _, r := range name {
		if !isLowerName(r) {
			return "", lx.nameError(p, what, name)
		}
	}
	return name, nil
}

func (lx *lexer) nameError(p Pos, what, name string) *Error {
	lower := strings.ToLower(name)
	for _, r := range lower {
		if !isLowerName(r) {
			return lx.errorf(p, "%s%s: names use only a-z, 0-9, _ and -", what, name)
		}
	}
	return lx.errorf(p, "%s%s: names are lowercase: write %s%s", what, name, what, lower)
}
