package query

// parseNear parses a left-associative chain of NEAR-family operators,
// which bind tighter than NOT, AND and OR.
func (p *parser) parseNear() (Node, error) {
	l, err := p.parseScoped()
	if err != nil {
		return nil, err
	}
	for p.tok.kind == tNear {
		op := p.tok
		if err := p.nearRight(op); err != nil {
			return nil, err
		}
		r, err := p.parseScoped()
		if err != nil {
			return nil, err
		}
		for _, x := range []Node{l, r} {
			if err := p.checkNearOperand(op, x); err != nil {
				return nil, err
			}
		}
		l = &Near{At: op.pos, L: l, R: r, N: op.n, Ordered: op.ordered}
	}
	return l, nil
}

// nearRight advances past a NEAR operator and checks what follows.
func (p *parser) nearRight(op token) error {
	if err := p.advance(); err != nil {
		return err
	}
	if p.tok.kind == tNot || p.tok.kind == tMinus {
		return p.errorf(p.tok.pos, "NOT cannot be used inside %s: a word that is absent has no position to measure from", op.text)
	}
	if p.tok.kind != tLParen && p.tok.kind != tLeaf && p.tok.kind != tField {
		return p.errorf(op.pos, "%s needs an operand on its right", op.text)
	}
	return nil
}

// checkNearOperand accepts words, phrases, references, NEARs, and ORs of
// those, possibly under a field scope: things that occur at word
// positions in a story, which is what a distance is measured between.
func (p *parser) checkNearOperand(op token, n Node) error {
	switch n := n.(type) {
	case *Term, *ListRef, *EntityRef, *ResolutionRef, *RegimeRef, *Near:
		return nil
	case *Scope:
		return p.checkNearOperand(op, n.X)
	case *Or:
		for _, x := range n.Xs {
			if err := p.checkNearOperand(op, x); err != nil {
				return err
			}
		}
		return nil
	case *Not:
		return p.errorf(n.At, "NOT cannot be used inside %s: a word that is absent has no position to measure from", op.text)
	case *And:
		return p.errorf(n.Xs[1].Pos(), "AND cannot be used inside %s: its operands must be words, phrases, references or a parenthesised OR of those", op.text)
	case *Regex:
		return p.errorf(n.At, "a regex cannot be an operand of %s", op.text)
	case *LangRef:
		return p.errorf(n.At, "%s cannot be an operand of %s: a language is the whole story's, not a word's; AND it instead", n, op.text)
	}
	return p.errorf(n.Pos(), "unsupported operand of %s", op.text)
}
