package query

import (
	"strconv"
	"strings"
)

// dump prints a tree as an S-expression without positions, so tests can
// state the expected shape in one line.
func dump(n Node) string {
	var b strings.Builder
	dumpTo(&b, n)
	return b.String()
}

func dumpTo(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *Or:
		dumpList(b, "or", n.Xs)
	case *And:
		dumpList(b, "and", n.Xs)
	case *Not:
		dumpList(b, "not", []Node{n.X})
	case *Near:
		op := "near/"
		if n.Ordered {
			op = "onear/"
		}
		dumpList(b, op+strconv.Itoa(n.N), []Node{n.L, n.R})
	case *Scope:
		dumpList(b, n.Field+":", []Node{n.X})
	case *Term:
		dumpTerm(b, n)
	case *EntityRef:
		b.WriteString("@" + n.By + ":" + n.Name)
	case *ResolutionRef:
		b.WriteString("res:" + strconv.Itoa(n.Number))
	case *Regex:
		b.WriteString("/" + n.Pattern + "/")
		if n.Fold {
			b.WriteString("i")
		}
	default:
		b.WriteString(n.String())
	}
}

func dumpList(b *strings.Builder, op string, xs []Node) {
	b.WriteString("(" + op)
	for _, x := range xs {
		b.WriteByte(' ')
		dumpTo(b, x)
	}
	b.WriteByte(')')
}

func dumpTerm(b *strings.Builder, t *Term) {
	s := strings.Join(t.Words, "|")
	if t.Wildcard {
		s += "*"
	}
	if t.Phrase {
		s = "<" + s + ">"
	}
	b.WriteString(s)
}
