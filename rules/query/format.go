package query

import (
	"strconv"
	"strings"
)

// Binding strength of each node kind, for deciding where the canonical
// form needs parentheses.
const (
	precOr = iota + 1
	precAnd
	precNot
	precNear
	precAtom
)

func prec(n Node) int {
	switch n.(type) {
	case *Or:
		return precOr
	case *And:
		return precAnd
	case *Not:
		return precNot
	case *Near:
		return precNear
	}
	return precAtom
}

// format prints n in canonical form: operators in upper case, "-x" as
// "NOT x", parentheses only where precedence needs them.
func format(n Node) string {
	var b strings.Builder
	write(&b, n)
	return b.String()
}

func write(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *Or:
		writeList(b, n.Xs, " OR ", precOr)
	case *And:
		writeList(b, n.Xs, " ", precAnd)
	case *Not:
		b.WriteString("NOT ")
		writeSub(b, n.X, prec(n.X) < precNot)
	case *Near:
		writeNear(b, n)
	case *Scope:
		b.WriteString(n.Field)
		b.WriteByte(':')
		writeSub(b, n.X, prec(n.X) < precAtom)
	default:
		writeLeaf(b, n)
	}
}

// writeList joins xs with sep; a child binding no tighter than the list
// itself is parenthesised, which keeps hand-built nested lists apart.
func writeList(b *strings.Builder, xs []Node, sep string, p int) {
	for i, x := range xs {
		if i > 0 {
			b.WriteString(sep)
		}
		writeSub(b, x, prec(x) <= p)
	}
}

func writeNear(b *strings.Builder, n *Near) {
	writeSub(b, n.L, prec(n.L) < precNear)
	op := " NEAR/"
	if n.Ordered {
		op = " ONEAR/"
	}
	b.WriteString(op)
	b.WriteString(strconv.Itoa(n.N))
	b.WriteByte(' ')
	// NEAR is left-associative: a NEAR on the right needs parentheses.
	writeSub(b, n.R, prec(n.R) <= precNear)
}

func writeSub(b *strings.Builder, n Node, paren bool) {
	if paren {
		b.WriteByte('(')
	}
	write(b, n)
	if paren {
		b.WriteByte(')')
	}
}

func writeLeaf(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *Term:
		writeTerm(b, n)
	case *ListRef:
		b.WriteString("$" + n.Name)
	case *EntityRef:
		b.WriteByte('@')
		if n.By != "id" {
			b.WriteString(n.By + ":")
		}
		b.WriteString(n.Name)
	case *ResolutionRef:
		b.WriteString("resolution:")
		if n.Number == 0 {
			b.WriteByte('*')
		} else {
			b.WriteString(strconv.Itoa(n.Number))
		}
	case *RegimeRef:
		b.WriteString("regime:" + n.Name)
	case *LangRef:
		b.WriteString("lang:" + n.Code)
	case *Regex:
		writeRegex(b, n)
	default:
		b.WriteString(n.String())
	}
}

func writeTerm(b *strings.Builder, n *Term) {
	if n.Phrase {
		b.WriteByte('"')
	}
	b.WriteString(strings.Join(n.Words, " "))
	if n.Wildcard {
		b.WriteByte('*')
	}
	if n.Phrase {
		b.WriteByte('"')
	}
}

func writeRegex(b *strings.Builder, n *Regex) {
	b.WriteByte('/')
	b.WriteString(n.Pattern)
	b.WriteByte('/')
	if n.Fold {
		b.WriteByte('i')
	}
}
