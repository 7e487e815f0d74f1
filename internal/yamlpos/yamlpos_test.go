package yamlpos

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestLocate: each document has its mistake on the line marked "<-"; the
// library alone names an earlier line for most of them.
func TestLocate(t *testing.T) {
	for _, tc := range []struct {
		name, doc     string
		line, col     int
		libraryBefore bool // the library's own line is above the mistake
	}{
		{"bad indent in a list", "feeds:\n  - name: a\n   url: b\n", 3, 4, true},
		{"tab indent", "a: 1\nb:\n\t- x\n", 3, 1, false},
		{"unclosed quote", "a: 1\nb: \"x\nc: 2\n", 2, 1, false},
		{"key after a list item", "rules:\n  - id: x\n    query: a\n  severity: low\n", 4, 3, true},
		{"unclosed flow", "a: [1, 2\nb: 3\n", 1, 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n yaml.Node
			err := yaml.Unmarshal([]byte(tc.doc), &n)
			if err == nil {
				t.Fatal("document parsed")
			}
			lib := split(err)
			got := Locate([]byte(tc.doc), err)
			if got.Line != tc.line || got.Col != tc.col {
				t.Fatalf("Locate = %d:%d (%s), want %d:%d; library said line %d", got.Line, got.Col, got.Msg, tc.line, tc.col, lib.Line)
			}
			if tc.libraryBefore && lib.Line >= tc.line {
				t.Errorf("library said line %d, expected it above %d: the case tests nothing", lib.Line, tc.line)
			}
		})
	}
}

// FuzzLocate: whatever the document, Locate never panics and never points
// past the end of it.
func FuzzLocate(f *testing.F) {
	f.Add("feeds:\n  - name: a\n   url: b\n")
	f.Add("a: [1,\n")
	f.Fuzz(func(t *testing.T, doc string) {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(doc), &n)
		if err == nil {
			return
		}
		e := Locate([]byte(doc), err)
		if e.Line < 0 || e.Line > len(doc)+1 {
			t.Fatalf("line %d for a %d-byte document", e.Line, len(doc))
		}
	})
}
