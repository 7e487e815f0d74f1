package query

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexPhrase lexes a quoted phrase. Straight and typographic quotes close
// each other, since editors and word processors mix them. A wildcard may
// end the last word, inside or right after the closing quote.
func (lx *lexer) lexPhrase(p Pos) (token, error) {
	lx.advance()
	start := lx.off
	wild := false
	for {
		r, size := lx.peek()
		switch {
		case size == 0:
			return token{}, lx.errorf(p, "unterminated quote: the phrase opened here is never closed")
		case r == utf8.RuneError && size == 1:
			return token{}, lx.errorf(lx.pos(), "invalid UTF-8")
		case isQuote(r):
			return lx.endPhrase(p, lx.src[start:lx.off], wild)
		case r == '*':
			if err := lx.phraseStar(); err != nil {
				return token{}, err
			}
			wild = true
			continue
		}
		lx.advance()
	}
}

// phraseStar checks a "*" inside a phrase: it must end a word and be
// followed only by white space and the closing quote.
func (lx *lexer) phraseStar() error {
	star := lx.pos()
	if lx.off == 0 || isSpaceBefore(lx.src, lx.off) {
		return lx.errorf(star, "a wildcard goes at the end of a word, as in \"arms deal*\"")
	}
	lx.advance()
	rest := strings.TrimLeftFunc(lx.src[lx.off:], unicode.IsSpace)
	if r, _ := utf8.DecodeRuneInString(rest); rest == "" || !isQuote(r) {
		return lx.errorf(star, "a wildcard goes only at the end of the last word of a phrase")
	}
	return nil
}

func isSpaceBefore(s string, off int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:off])
	return unicode.IsSpace(r) || isQuote(r)
}

// endPhrase closes a phrase whose text (between the quotes, with any
// inner wildcard) is body; the offset is at the closing quote.
func (lx *lexer) endPhrase(p Pos, body string, wild bool) (token, error) {
	lx.advance()
	if r, _ := lx.peek(); r == '*' {
		if wild {
			return token{}, lx.errorf(lx.pos(), "the phrase already ends in a wildcard")
		}
		wild = true
		lx.advance()
	}
	words := strings.Fields(strings.TrimSuffix(strings.TrimRightFunc(body, unicode.IsSpace), "*"))
	if len(words) == 0 {
		return token{}, lx.errorf(p, "empty phrase")
	}
	if last := words[len(words)-1]; wild && utf8.RuneCountInString(last) < minStem {
		return token{}, lx.errorf(p, "wildcard stem %q is too short: it needs at least %d characters, or it would match too much", last, minStem)
	}
	t := &Term{At: p, Words: words, Wildcard: wild, Phrase: true}
	return lx.endOfRef(p, t, lx.src[p.Offset:lx.off])
}
