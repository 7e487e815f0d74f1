// Package yamlpos places YAML syntax errors. The YAML library reports the
// line where the enclosing block or mapping began, often several lines
// above the mistake and with no column; a user then looks at the wrong
// line. Locate finds the line where the document actually stops parsing.
package yamlpos

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is a syntax error at a place: Line and Col are 1-based, Col 0 when
// unknown, Line 0 when the library gave no line either.
type Error struct {
	Line, Col int
	Msg       string // without the "yaml: line N:" prefix
}

var linePrefix = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// Locate turns err, returned by the YAML library for data, into an Error
// at the line where a prefix of data first fails with the same complaint,
// and at the first character written on that line. The failing line is
// never above the line the library names, so the search starts there.
func Locate(data []byte, err error) Error {
	e := split(err)
	lines := bytes.SplitAfter(data, []byte("\n"))
	for n := max(e.Line, 1); n <= len(lines); n++ {
		prefix := bytes.Join(lines[:n], nil)
		var doc yaml.Node
		perr := yaml.Unmarshal(prefix, &doc)
		if perr != nil && split(perr).Msg == e.Msg {
			e.Line, e.Col = n, firstColumn(lines[n-1])
			return e
		}
	}
	return e
}

// split takes the line the library named out of its message.
func split(err error) Error {
	msg := err.Error()
	m := linePrefix.FindStringSubmatch(msg)
	if m == nil {
		return Error{Msg: msg}
	}
	line, _ := strconv.Atoi(m[1])
	return Error{Line: line, Msg: msg[len(m[0]):]}
}

// firstColumn is the 1-based column of the first character of a line that
// is not a space (a tab is never indentation in YAML, so it is the error).
func firstColumn(line []byte) int {
	s := strings.TrimRight(string(line), "\r\n")
	return len(s) - len(strings.TrimLeft(s, " ")) + 1
}
