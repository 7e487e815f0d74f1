package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/internal/spelling"
)

// Error is one problem in a rule file, at a place in it.
type Error struct {
	File      string
	Line, Col int
	Rule      string // the rule, list or entity id concerned, if any
	Msg       string
}

func (e Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Rule != "" {
		fmt.Fprintf(&b, "%s: ", e.Rule)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found while loading rules, in file order. Loading
// never stops at the first one, so an author can fix them all in one go.
type Errors []Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func (es Errors) sorted() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return es
}

// suggest returns ` (did you mean x?)` for the known name nearest to
// name, or "" when none is close enough to be a typo.
func suggest(name string, known []string) string {
	best, ok := spelling.Nearest(name, known)
	if !ok {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}
