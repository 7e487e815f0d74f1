package query

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that Parse never panics, that every error is an *Error
// positioned inside the query, and that the canonical form of every tree
// parses back to the same canonical form. Seeds are in
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, q string) {
		n, err := Parse(q)
		if err != nil {
			checkError(t, q, err)
			return
		}
		s := n.String()
		again, err := Parse(s)
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", s, q, err)
		}
		if got := again.String(); got != s {
			t.Fatalf("canonical form of %q is unstable: %q then %q", q, s, got)
		}
		if dump(again) != dump(n) {
			t.Fatalf("canonical form %q of %q parses to %s, want %s", s, q, dump(again), dump(n))
		}
	})
}

func checkError(t *testing.T, q string, err error) {
	t.Helper()
	var perr *Error
	if !errors.As(err, &perr) {
		t.Fatalf("Parse(%q) error %T, want *Error", q, err)
	}
	p := perr.Pos
	if p.Offset < 0 || p.Offset > len(q) || p.Line < 1 || p.Col < 1 {
		t.Fatalf("Parse(%q) error at %+v, outside the query", q, p)
	}
	if len(q) <= maxQueryLen && p.Col != lineCol(q[:p.Offset]) {
		t.Fatalf("Parse(%q) error at %+v, but its offset is at col %d", q, p, lineCol(q[:p.Offset]))
	}
}

// lineCol counts the column of the end of prefix the slow way.
func lineCol(prefix string) int {
	col := 1
	for len(prefix) > 0 {
		r, size := utf8.DecodeRuneInString(prefix)
		prefix = prefix[size:]
		col++
		if r == '\n' {
			col = 1
		}
	}
	return col
}
