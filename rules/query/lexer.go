package query

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

type tokKind int

const (
	tEOF tokKind = iota
	tLParen
	tRParen
	tAnd
	tOr
	tNot
	tMinus
	tNear
	tField
	tLeaf // a primary that is not a group: Node holds it
)

// token is one lexeme. Leaf tokens carry their finished node, so the
// parser only deals with structure.
type token struct {
	kind    tokKind
	pos     Pos
	text    string // as written, for messages
	spaced  bool   // preceded by white space or the start of the query
	node    Node   // tLeaf
	n       int    // tNear
	ordered bool   // tNear
}

// lexer walks the query rune by rune, keeping the line and column of its
// offset so that every token knows its position without rescanning.
type lexer struct {
	src       string
	off       int
	line, col int
	multiline bool
}

func newLexer(src string) *lexer {
	lx := &lexer{src: src, line: 1, col: 1}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			lx.multiline = true
			break
		}
	}
	return lx
}

func (lx *lexer) pos() Pos { return Pos{Offset: lx.off, Line: lx.line, Col: lx.col} }

// peek returns the rune at the offset, or -1 at the end. Invalid UTF-8
// reads as utf8.RuneError with size 1.
func (lx *lexer) peek() (rune, int) {
	if lx.off >= len(lx.src) {
		return -1, 0
	}
	return utf8.DecodeRuneInString(lx.src[lx.off:])
}

// advance moves past one rune.
func (lx *lexer) advance() {
	r, size := lx.peek()
	if size == 0 {
		return
	}
	lx.off += size
	if r == '\n' {
		lx.line++
		lx.col = 1
		return
	}
	lx.col++
}

func (lx *lexer) errorf(p Pos, format string, args ...any) *Error {
	return &Error{Pos: p, Msg: fmt.Sprintf(format, args...), multiline: lx.multiline}
}

// skipSpace moves past white space and reports whether there was any (or
// whether the offset is at the start of the query).
func (lx *lexer) skipSpace() bool {
	spaced := lx.off == 0
	for {
		r, size := lx.peek()
		if size == 0 || !unicode.IsSpace(r) {
			return spaced
		}
		lx.advance()
		spaced = true
	}
}

// next returns the next token, or the error of the first malformed one.
func (lx *lexer) next() (token, error) {
	spaced := lx.skipSpace()
	p := lx.pos()
	tok, err := lx.lex(p)
	tok.pos, tok.spaced = p, spaced
	return tok, err
}

func (lx *lexer) lex(p Pos) (token, error) {
	r, size := lx.peek()
	switch {
	case size == 0:
		return token{kind: tEOF}, nil
	case r == utf8.RuneError && size == 1:
		return token{}, lx.errorf(p, "invalid UTF-8")
	case r == '(':
		lx.advance()
		return token{kind: tLParen, text: "("}, nil
	case r == ')':
		lx.advance()
		return token{kind: tRParen, text: ")"}, nil
	case isQuote(r):
		return lx.lexPhrase(p)
	case r == '$':
		return lx.lexList(p)
	case r == '@':
		return lx.lexEntity(p)
	case r == '/':
		return lx.lexRegex(p)
	case r == '-':
		return lx.lexMinus(p)
	case isWordStart(r):
		return lx.lexWord(p)
	}
	return token{}, lx.errorf(p, "%s", strayMessage(r))
}

// strayMessage explains a character that cannot start a token, pointing
// users of other search syntaxes at ours.
func strayMessage(r rune) string {
	switch r {
	case '*':
		return `a wildcard goes at the end of a word, as in sanction*`
	case '&':
		return `unexpected "&": write AND for the operator`
	case '|':
		return `unexpected "|": write OR for the operator`
	case '!':
		return `unexpected "!": write NOT for the operator`
	case '+':
		return `unexpected "+": terms side by side are all required already`
	case ':':
		return `unexpected ":": a field name goes right before it, as in title:sanctions`
	case '\'', '‘', '’':
		return `phrases take double quotes, as in "arms deal"`
	}
	if unicode.IsPrint(r) {
		return fmt.Sprintf("unexpected %q", r)
	}
	return fmt.Sprintf("unexpected character %U", r)
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

func isWordStart(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isWordPart reports runes that continue a word: combining marks (needed
// by many scripts) and invisible format characters such as soft hyphens
// and zero-width joiners.
func isWordPart(r rune) bool {
	return isWordStart(r) || unicode.IsMark(r) || unicode.Is(unicode.Cf, r)
}

// isJoiner reports punctuation that may sit inside a word: S/RES/2270,
// ship-to-ship, U.S., O'Brien.
func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '.', '/', '‐', '‑':
		return true
	}
	return false
}

func (lx *lexer) lexMinus(p Pos) (token, error) {
	lx.advance()
	r, size := lx.peek()
	if size == 0 || unicode.IsSpace(r) || r == ')' {
		return token{}, lx.errorf(p, `"-" must touch the term it excludes, as in -fishing (or write NOT)`)
	}
	return token{kind: tMinus, text: "-"}, nil
}
