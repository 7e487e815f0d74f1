package query

import "fmt"

// Pos is a place in a query: Offset in bytes, Line and Col from 1, Col
// counted in characters (runes) so that it matches what an editor shows.
type Pos struct {
	Offset, Line, Col int
}

// Error is a parse error at a position of the query.
type Error struct {
	Pos Pos
	Msg string
	// multiline is set when the query spans lines, so that the message
	// names the line only when it helps.
	multiline bool
}

// Error formats the error as "line L, col C: msg", or "col C: msg" when
// the query is a single line.
func (e *Error) Error() string {
	if e.multiline {
		return fmt.Sprintf("line %d, col %d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
	}
	return fmt.Sprintf("col %d: %s", e.Pos.Col, e.Msg)
}
