package feed

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/internal/corpus"
)

// BenchmarkParse parses each real feed of the shared corpus into stories
// with their text, the work of a poll that finds every item new.
func BenchmarkParse(b *testing.B) {
	dir := corpus.Path(b, "corpus/feeds")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		b.Fatalf("corpus feeds: %v", err)
	}
	bodies := make([][]byte, len(files))
	var total int64
	for i, name := range files {
		if bodies[i], err = os.ReadFile(name); err != nil {
			b.Fatal(err)
		}
		total += int64(len(bodies[i]))
	}
	b.SetBytes(total / int64(len(bodies)))
	b.ReportAllocs()
	now := time.Now()
	i := 0
	for b.Loop() {
		body := bodies[i%len(bodies)]
		i++
		doc, err := Parse(Source{ID: "f", Name: fmt.Sprint(i), URL: "https://corpus.example/"}, body, now)
		if err != nil || len(doc.Stories()) == 0 {
			b.Fatalf("%d stories, %v", len(doc.Items), err)
		}
	}
}
