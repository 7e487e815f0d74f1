package query

// Walk calls fn for n and then, when fn returns true, walks each child of
// n in order (depth first, left to right). Returning false skips the
// children of that node only; the walk goes on with its siblings.
func Walk(n Node, fn func(Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	for _, c := range children(n) {
		Walk(c, fn)
	}
}

func children(n Node) []Node {
	switch n := n.(type) {
	case *Or:
		return n.Xs
	case *And:
		return n.Xs
	case *Not:
		return []Node{n.X}
	case *Near:
		return []Node{n.L, n.R}
	case *Scope:
		return []Node{n.X}
	}
	return nil
}
