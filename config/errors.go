package config

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem in a config file, at the position of the value (or
// key) that causes it. Line and Col are 1-based; 0 means unknown.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

// Error prints the problem as file:line:col: message, leaving out the parts
// of the position that are unknown.
func (e Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Errors is every problem found in one load, in file order. Load and Parse
// return it (never empty) so a caller can print each problem on its line.
type Errors []Error

// Error prints one problem per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// sorted returns es ordered by position; problems at the same place keep
// the order in which they were found.
func (es Errors) sorted() Errors {
	slices.SortStableFunc(es, func(a, b Error) int {
		if c := cmp.Compare(a.Line, b.Line); c != 0 {
			return c
		}
		return cmp.Compare(a.Col, b.Col)
	})
	return es
}
