package yamlblock

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// same reports the first difference between a tree Parse read, its flat
// lists' items read as nodes, and the library's, comments aside, or "".
func same(doc *Doc, path string, a, b *yaml.Node) string {
	kids := doc.Nodes(a)
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value ||
		a.Line != b.Line || a.Column != b.Column || len(kids) != len(b.Content) {
		return fmt.Sprintf("%s: got kind %d style %d tag %s %q at %d:%d with %d children, library kind %d style %d tag %s %q at %d:%d with %d children",
			path, a.Kind, a.Style, a.Tag, a.Value, a.Line, a.Column, len(kids),
			b.Kind, b.Style, b.Tag, b.Value, b.Line, b.Column, len(b.Content))
	}
	for i := range kids {
		if d := same(doc, fmt.Sprintf("%s/%d", path, i), kids[i], b.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// check parses src both ways; it reports whether Parse read it, and fails
// when Parse read it differently from the library.
func check(t *testing.T, name string, src []byte) bool {
	t.Helper()
	got, ok := Parse(src)
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal(src, &want); err != nil {
		t.Fatalf("%s: read %q, which the library refuses: %v", name, src, err)
	}
	if d := same(got, "", got.Root, &want); d != "" {
		t.Fatalf("%s: %s\nsource:\n%s", name, d, src)
	}
	checkFlat(t, name, got, got.Root)
	return true
}

// checkFlat fails when a list Parse kept as nodes should have been flat
// (every item a one-line scalar, none null) or the other way round.
func checkFlat(t *testing.T, name string, doc *Doc, n *yaml.Node) {
	t.Helper()
	items, flat := doc.Scalars(n)
	want := n.Kind == yaml.SequenceNode && len(doc.Nodes(n)) > 0
	for _, c := range doc.Nodes(n) {
		oneLine := c.Kind == yaml.ScalarNode && c.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0
		want = want && oneLine && c.Tag != "!!null"
		checkFlat(t, name, doc, c)
	}
	if flat != want || flat && len(n.Content) > 0 {
		t.Fatalf("%s: list at %d:%d flat %v (%d items, %d nodes), want flat %v", name, n.Line, n.Column, flat, len(items), len(n.Content), want)
	}
}

// The default pack and the rule test files must take the fast path, and
// give exactly the library's tree, their term lists as flat lists.
func TestRuleFilesReadAsTheLibraryReadsThem(t *testing.T) {
	var files []string
	for _, g := range []string{"../../rules/pack/*.yaml", "../../rules/pack/lang/*.yaml", "../../rules/testdata/*.good.yaml"} {
		found, _ := filepath.Glob(g)
		files = append(files, found...)
	}
	if len(files) < 10 {
		t.Fatalf("found only %d rule files", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !check(t, f, src) {
			t.Errorf("%s: not read by the fast path", f)
		}
		if doc, _ := Parse(src); strings.Contains(f, "/pack/") && len(doc.flat) == 0 {
			t.Errorf("%s: no flat lists", f)
		}
	}
}

// shapes are sources Parse reads or must leave to the library.
var shapes = []struct {
	src  string
	read bool
}{
	{"a: b\n", true},
	{"a: b # note\nc: 'it''s' # x\nd: \"q \\\" \\\\ e\"\n", true},
	{"rules:\n  - id: x\n    query: |\n      a AND\n        b\n\n      c\n    severity: low\n", true},
	{"rules:\n- id: x\n  tags: [a, 'b c', \"d\"]  # c\n- id: y\n", true},
	{"d: >-\n  one\n  two\ne: |-\n  x\n\n\nf: 1\n", true},
	{"a: null\nb: ~\nc: true\nd: 12\ne: 1.5\nf: 2024-01-02\ng: 0x1F\nh: -3\ni: .inf\nj: 9M723\n", true},
	{"lists:\n  x: [Şahed-136, l'Iran, d'armes, 北朝鮮, 제재를]\n  y:\n    - é: ü\n", true},
	{"- - a\n  - b\n- c\n", true},
	{"a:\n  - x\n  - 'y'\n  - b: c\n  - \"z\"\n  - [p, q]\n  - ~\n", true}, // scalars, then nodes
	{"a: [x, ~, 'y', 12]\nb: [~]\nc:\n  - ~\n  - d\n", true},               // null items keep the list as nodes
	{"a: []\nb:\n  - - x\n    - 'y'\n  - z\n  - |\n    text\n", true},
	{"a: [b, c,]\n", false},        // trailing comma
	{"a: b\n  c\n", false},         // a plain scalar over two lines
	{"a: &x b\nc: *x\n", false},    // anchors and aliases
	{"a:\nb: c\n", false},          // an empty value
	{"a: \"\\n\"\n", false},        // escapes
	{"a: |2\n   x\n", false},       // an indentation indicator
	{"a: >\n  x\n\n  y\n", false},  // folded with a blank line
	{"a: b\n\tc: d\n", false},      // a tab
	{"---\na: b\n", false},         // document markers
	{"a: b", false},                // no last line break
	{"a: [b,\n  c, d]\n", true},    // a flow list over two lines
	{"a: [b\n  , c]\n", false},     // a line broken before a comma
	{"a: [b,\nc]\n", false},        // a flow list's next line not indented
	{"a: b: c\n", false},           // a mapping value inside a value
	{"a: [why?]\n", false},         // a question mark in a flow list, which the library refuses
	{"a: why?\n", true},            // but not in a block
	{"<<: {a: b}\n", false},        // a merge key
	{"a: b\n c: d\n", false},       // a bad indentation
	{"a:\n  - b\n   - c\n", false}, // a bad indentation in a list
}

func TestShapes(t *testing.T) {
	for _, tc := range shapes {
		t.Run(strings.ReplaceAll(tc.src, "\n", "⏎"), func(t *testing.T) {
			if read := check(t, "case", []byte(tc.src)); read != tc.read {
				t.Errorf("read %v, want %v", read, tc.read)
			}
		})
	}
}

// FuzzSameAsLibrary: whatever Parse reads, the library reads the same way.
// Seeds in testdata/fuzz/FuzzSameAsLibrary.
func FuzzSameAsLibrary(f *testing.F) {
	f.Add([]byte("rules:\n  - id: x\n    query: |\n      a\n    tags: [a, b]\n"))
	for _, tc := range shapes {
		f.Add([]byte(tc.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) { check(t, "fuzz", src) })
}
