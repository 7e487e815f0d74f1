package query

import "fmt"

// Limits that keep the work of parsing, and the stack, bounded whatever
// the input.
const (
	maxQueryLen = 64 << 10
	maxDepth    = 100
)

// Parse parses a query into its syntax tree. The error, if any, is an
// *Error for the first problem found, positioned at the offending token.
func Parse(q string) (Node, error) {
	lx := newLexer(q)
	if len(q) > maxQueryLen {
		return nil, lx.errorf(lx.pos(), "query is %d bytes long; the limit is %d", len(q), maxQueryLen)
	}
	p := &parser{lx: lx}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind == tEOF {
		return nil, lx.errorf(p.tok.pos, "empty query")
	}
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tEOF {
		return nil, p.unexpected()
	}
	return n, nil
}

// parser is a recursive-descent parser over the lexer, one token ahead.
type parser struct {
	lx    *lexer
	tok   token
	depth int // nesting of groups and NOTs, bounded by maxDepth
}

func (p *parser) advance() error {
	tok, err := p.lx.next()
	if err != nil {
		return err
	}
	p.tok = tok
	return nil
}

func (p *parser) errorf(at Pos, format string, args ...any) *Error {
	return p.lx.errorf(at, format, args...)
}

// startsOperand reports whether the current token can begin an operand.
func (p *parser) startsOperand() bool {
	switch p.tok.kind {
	case tLParen, tNot, tMinus, tField, tLeaf:
		return true
	}
	return false
}

// operand advances past the operator op and checks that an operand
// follows it.
func (p *parser) operand(op token) error {
	if err := p.advance(); err != nil {
		return err
	}
	if !p.startsOperand() {
		return p.errorf(op.pos, "%s needs an operand on its right", op.text)
	}
	return nil
}

func (p *parser) parseOr() (Node, error) {
	x, err := p.parseAnd()
	if err != nil || p.tok.kind != tOr {
		return x, err
	}
	xs := appendOr(nil, x)
	for p.tok.kind == tOr {
		if err := p.operand(p.tok); err != nil {
			return nil, err
		}
		y, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		xs = appendOr(xs, y)
	}
	return &Or{At: x.Pos(), Xs: xs}, nil
}

// parseAnd parses operands joined by AND or simply side by side.
func (p *parser) parseAnd() (Node, error) {
	x, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	var xs []Node
	for p.tok.kind == tAnd || p.startsOperand() {
		if p.tok.kind == tAnd {
			if err := p.operand(p.tok); err != nil {
				return nil, err
			}
		}
		y, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		xs = appendAnd(xs, y)
	}
	if xs == nil {
		return x, nil
	}
	return &And{At: x.Pos(), Xs: append(appendAnd(nil, x), xs...)}, nil
}

// appendOr and appendAnd append x to xs, or x's children when x is a
// list of the same kind (a parenthesised OR inside an OR), so lists never
// nest directly.
func appendOr(xs []Node, x Node) []Node {
	if or, ok := x.(*Or); ok {
		return append(xs, or.Xs...)
	}
	return append(xs, x)
}

func appendAnd(xs []Node, x Node) []Node {
	if and, ok := x.(*And); ok {
		return append(xs, and.Xs...)
	}
	return append(xs, x)
}

func (p *parser) parseUnary() (Node, error) {
	if p.tok.kind != tNot && p.tok.kind != tMinus {
		return p.parseNear()
	}
	op := p.tok
	if err := p.enter(op); err != nil {
		return nil, err
	}
	defer p.leave()
	if err := p.operand(op); err != nil {
		return nil, err
	}
	x, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	return &Not{At: op.pos, X: x}, nil
}

// enter and leave bound the nesting depth, so a hostile query cannot
// exhaust the stack.
func (p *parser) enter(at token) error {
	p.depth++
	if p.depth > maxDepth {
		return p.errorf(at.pos, "query nested more than %d levels deep", maxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// unexpected explains the current token where an operand was expected or
// the query should have ended.
func (p *parser) unexpected() error {
	tok := p.tok
	switch tok.kind {
	case tRParen:
		return p.errorf(tok.pos, `unmatched ")"`)
	case tOr, tAnd, tNear:
		return p.errorf(tok.pos, "%s needs an operand on its left", tok.text)
	case tEOF:
		return p.errorf(tok.pos, "the query ends where an operand was expected")
	}
	return p.errorf(tok.pos, "unexpected %s", fmt.Sprintf("%q", tok.text))
}
