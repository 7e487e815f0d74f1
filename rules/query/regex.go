package query

import (
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on regexes. RE2 runs in linear time whatever the pattern, but a
// long pattern or a large repeat count still builds a large automaton that
// every story pays for.
const (
	maxRegexLen    = 200
	maxRegexRepeat = 100
)

// lexRegex lexes /pattern/ or /pattern/i and compiles it. A backslash
// escapes the next character, so \/ is a slash inside the pattern.
func (lx *lexer) lexRegex(p Pos) (token, error) {
	lx.advance()
	start := lx.off
	for {
		r, size := lx.peek()
		switch {
		case size == 0 || r == '\n':
			return token{}, lx.errorf(p, "unterminated regex: no closing \"/\" on this line")
		case r == '/':
			return lx.endRegex(p, lx.src[start:lx.off])
		case r == '\\':
			lx.advance()
			if next, size := lx.peek(); size == 0 || next == '\n' {
				continue
			}
		}
		lx.advance()
	}
}

// endRegex checks and compiles a pattern; the offset is at the closing
// slash.
func (lx *lexer) endRegex(p Pos, pattern string) (token, error) {
	lx.advance()
	fold := false
	if r, _ := lx.peek(); r == 'i' {
		fold = true
		lx.advance()
	}
	n := &Regex{At: p, Pattern: pattern, Fold: fold}
	if err := lx.checkRegex(p, pattern); err != nil {
		return token{}, err
	}
	expr := pattern
	if fold {
		expr = "(?i)" + pattern
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return token{}, lx.errorf(p, "regex: %v", err)
	}
	n.Re = re
	return lx.endOfRef(p, n, lx.src[p.Offset:lx.off])
}

func (lx *lexer) checkRegex(p Pos, pattern string) error {
	switch {
	case pattern == "":
		return lx.errorf(p, "empty regex")
	case len(pattern) > maxRegexLen:
		return lx.errorf(p, "regex is %d bytes long; the limit is %d", len(pattern), maxRegexLen)
	case !utf8.ValidString(pattern):
		return lx.errorf(p, "invalid UTF-8")
	}
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return lx.syntaxError(p, pattern, err)
	}
	if max := largestRepeat(re); max > maxRegexRepeat {
		at := lx.inRegex(p, pattern, repeatOffset(pattern))
		return lx.errorf(at, "regex repeat count %d is above the limit of %d", max, maxRegexRepeat)
	}
	return nil
}

// syntaxError points at the part of the pattern the regexp parser
// complains about, when it can be found.
func (lx *lexer) syntaxError(p Pos, pattern string, err error) error {
	msg := err.Error()
	at := p
	if serr, ok := err.(*syntax.Error); ok {
		msg = serr.Code.String()
		if serr.Expr != "" {
			msg += ": " + serr.Expr
		}
		if i := strings.Index(pattern, serr.Expr); i >= 0 && serr.Expr != "" {
			at = lx.inRegex(p, pattern, i)
		}
	}
	return lx.errorf(at, "regex: %s", msg)
}

// inRegex returns the position of byte i of a pattern that starts after
// the slash at p; patterns hold no newline.
func (lx *lexer) inRegex(p Pos, pattern string, i int) Pos {
	if i < 0 {
		return p
	}
	return Pos{Offset: p.Offset + 1 + i, Line: p.Line, Col: p.Col + 1 + utf8.RuneCountInString(pattern[:i])}
}

func largestRepeat(re *syntax.Regexp) int {
	n := 0
	if re.Op == syntax.OpRepeat {
		n = max(re.Min, re.Max)
	}
	for _, sub := range re.Sub {
		n = max(n, largestRepeat(sub))
	}
	return n
}

// repeatOffset finds the first {n}, {n,} or {n,m} in pattern with a count
// above the limit, skipping escaped braces, or returns -1.
func repeatOffset(pattern string) int {
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '\\':
			i++
		case '{':
			if repeatTooLarge(pattern[i+1:]) {
				return i
			}
		}
	}
	return -1
}

func repeatTooLarge(s string) bool {
	body, _, ok := strings.Cut(s, "}")
	if !ok {
		return false
	}
	lo, hi, _ := strings.Cut(body, ",")
	for _, num := range []string{lo, hi} {
		if n, err := strconv.Atoi(num); err == nil && n > maxRegexRepeat {
			return true
		}
	}
	return false
}
