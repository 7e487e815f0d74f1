package norm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkTokenize tokenises the news of each script that the rules
// package matches in BenchmarkMatch/text=, so the share of matching spent
// here can be followed per script. Beside each, in the same run, the floor:
// strings.ToLower, one pass that reads and case-folds every byte.
func BenchmarkTokenize(b *testing.B) {
	for _, text := range []struct{ name, file string }{
		{"english", "stories.txt"}, {"cyrillic", "stories-ru.txt"}, {"hangul", "stories-ko.txt"},
		{"cjk", "stories-zh.txt"}, {"arabic", "stories-ar.txt"},
	} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "bench", text.file))
		if err != nil {
			b.Fatal(err)
		}
		s := string(data)
		b.Run("text="+text.name+"/tokenize", func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			b.ReportAllocs()
			var toks Tokens
			for b.Loop() {
				toks.Reset()
				toks.Tokenize(s)
			}
		})
		b.Run("text="+text.name+"/lower", func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				_ = strings.ToLower(s)
			}
		})
	}
}
