package htmltext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// writer gathers text with whitespace collapsed as it goes: spaces become one
// space, line breaks become one newline, and nothing leads or trails a line.
type writer struct {
	b        strings.Builder
	space    bool // a space is pending before the next word
	newlines bool // a line break is pending before the next word
}

// text appends decoded text (the tokenizer has already decoded entities).
func (w *writer) text(s string) {
	for _, r := range s {
		switch {
		case r == utf8.RuneError || r == 0:
			w.space = true
		case r == '\u00a0' || unicode.IsSpace(r):
			w.space = true
		case unicode.IsControl(r):
			// dropped: controls are never visible text
		default:
			w.flush()
			w.b.WriteRune(r)
		}
	}
}

// newline ends the current line, if it has text.
func (w *writer) newline() { w.newlines = true }

func (w *writer) flush() {
	if w.b.Len() > 0 {
		if w.newlines {
			w.b.WriteByte('\n')
		} else if w.space {
			w.b.WriteByte(' ')
		}
	}
	w.space, w.newlines = false, false
}

func (w *writer) String() string { return w.b.String() }

// collapse normalises plain text's whitespace the way writer does, keeping
// line breaks as line breaks.
func collapse(s string) string {
	var w writer
	for _, line := range strings.Split(s, "\n") {
		w.text(line)
		w.newline()
	}
	return w.String()
}
