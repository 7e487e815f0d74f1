package rules

import (
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/internal/yamlblock"
	"github.com/sanctionwatch/sanctionwatch/rules/norm"
)

// foldTerm checks a term with no wildcard from the text between its
// tokens only; it must decide as the general path, which walks every word
// of the text, does.
func checkFoldTermPaths(t *testing.T, toks *norm.Tokens, text string) {
	t.Helper()
	for _, wild := range []bool{false, true} {
		mask, ok := foldTerm(toks, text, wild)
		toks.Reset()
		toks.Tokenize(text)
		wantMask, wantOK := uint16(0), false
		if n := len(toks.List); n > 0 && n <= maxTermWords {
			wantMask, wantOK = wordMask(toks, text, wild)
		}
		if ok != wantOK || mask != wantMask {
			t.Errorf("foldTerm(%q, %v) = %b, %v; the general path gives %b, %v", text, wild, mask, ok, wantMask, wantOK)
		}
	}
}

func TestFoldTermAgreesWithGeneralPath(t *testing.T) {
	var toks norm.Tokens
	for _, text := range []string{
		"a & b", "& a", "a &", "a-b", "a - b", " a  b ", "-", "a -b", "a- b", "x.y", "U.S.", "a\u00a0&\u00a0b",
		"мʼясо", "м ʼ ясо", "北朝鮮 制裁", "北朝鮮、制裁", "러시아에 북한", "«санкции» — ЕС", "و ال عقوبات",
		"ﾐｻｲﾙ", "ミサイル・発射", "a \xff b", "\xffa", "a\u200cb", "a \u200c b", "reimpose* sanctions",
	} {
		checkFoldTermPaths(t, &toks, text)
	}
	n := 0
	for _, src := range DefaultPack() {
		root, err := decodeYAML(src.Data)
		if err != nil {
			t.Fatalf("%s: %v", src.Name, err)
		}
		eachScalar(root, func(v string) {
			n++
			checkFoldTermPaths(t, &toks, v)
		})
	}
	if n < 10_000 {
		t.Errorf("only %d scalars in the default pack", n)
	}
}

// eachScalar calls f with every scalar of a document, flat lists' items
// included.
func eachScalar(doc *yamlblock.Doc, f func(string)) { eachScalarOf(doc, doc.Root, f) }

func eachScalarOf(doc *yamlblock.Doc, n *yaml.Node, f func(string)) {
	if n.Kind == yaml.ScalarNode {
		f(n.Value)
	}
	if items, ok := doc.Scalars(n); ok {
		for _, it := range items {
			f(it.Value)
		}
	}
	for _, c := range n.Content {
		eachScalarOf(doc, c, f)
	}
}

func FuzzFoldTerm(f *testing.F) {
	for _, s := range []string{"a & b", "sanction*", "мʼясо", "北朝鮮 制裁", "a-b", "a\u00a0&\u00a0b"} {
		f.Add(s)
	}
	var toks norm.Tokens
	f.Fuzz(func(t *testing.T, text string) {
		checkFoldTermPaths(t, &toks, text)
	})
}

// BenchmarkFoldTerm folds every scalar of the default pack as a term with
// no wildcard: path=words walks every word of each text (the general
// path), path=gaps only the text between its tokens, as foldTerm does.
// path=tokenise is the floor both share: the tokeniser alone.
func BenchmarkFoldTerm(b *testing.B) {
	var texts []string
	size := 0
	for _, src := range DefaultPack() {
		root, err := decodeYAML(src.Data)
		if err != nil {
			b.Fatal(err)
		}
		eachScalar(root, func(v string) {
			texts = append(texts, v)
			size += len(v)
		})
	}
	paths := []struct {
		name string
		held func(toks *norm.Tokens, text string) bool
	}{
		{"tokenise", func(*norm.Tokens, string) bool { return true }},
		{"words", func(toks *norm.Tokens, text string) bool { _, ok := wordMask(toks, text, false); return ok }},
		{"gaps", func(toks *norm.Tokens, text string) bool { return wordsHeld(toks.List, text) }},
	}
	for _, p := range paths {
		b.Run("path="+p.name, func(b *testing.B) {
			var toks norm.Tokens
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, text := range texts {
					toks.Reset()
					toks.Tokenize(text)
					p.held(&toks, text)
				}
			}
		})
	}
}
