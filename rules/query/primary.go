package query

// parseScoped parses an optional field scope and the primary it applies
// to. The primary must touch the colon, so "Note: ..." in pasted text is
// not quietly read as a scope.
func (p *parser) parseScoped() (Node, error) {
	if p.tok.kind != tField {
		return p.parsePrimary()
	}
	field := p.tok
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.spaced || (p.tok.kind != tLParen && p.tok.kind != tLeaf) {
		return nil, p.errorf(field.pos, "%s: must be followed directly by a term or a parenthesised group, as in %s:sanctions", field.text, field.text)
	}
	x, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	if inner := findScope(x); inner != nil {
		return nil, p.errorf(inner.At, "field scopes cannot be nested: %s: is already inside %s:", inner.Field, field.text)
	}
	return &Scope{At: field.pos, Field: field.text, X: x}, nil
}

func findScope(n Node) *Scope {
	var found *Scope
	Walk(n, func(n Node) bool {
		if s, ok := n.(*Scope); ok && found == nil {
			found = s
		}
		return found == nil
	})
	return found
}

// parsePrimary parses a parenthesised group or a leaf. Parentheses leave
// no node behind: the tree's shape records the grouping.
func (p *parser) parsePrimary() (Node, error) {
	switch p.tok.kind {
	case tLeaf:
		n := p.tok.node
		return n, p.advance()
	case tLParen:
		return p.parseGroup()
	}
	return nil, p.unexpected()
}

func (p *parser) parseGroup() (Node, error) {
	open := p.tok
	if err := p.enter(open); err != nil {
		return nil, err
	}
	defer p.leave()
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind == tRParen {
		return nil, p.errorf(open.pos, "empty parentheses")
	}
	x, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tRParen {
		return nil, p.errorf(open.pos, `unclosed "(": no matching ")"`)
	}
	return x, p.advance()
}
