package feed

import (
	"bytes"
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
	bodies, total := corpusFeeds(b)
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

// corpusFeeds reads the real feeds of the shared corpus.
func corpusFeeds(b *testing.B) (bodies [][]byte, total int64) {
	dir := corpus.Path(b, "corpus/feeds")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		b.Fatalf("corpus feeds: %v", err)
	}
	bodies = make([][]byte, len(files))
	for i, name := range files {
		if bodies[i], err = os.ReadFile(name); err != nil {
			b.Fatal(err)
		}
		total += int64(len(bodies[i]))
	}
	return bodies, total
}

// BenchmarkReaderRecall reads each real feed of the corpus with a Reader
// that read it last time, the body changed only after its items (a poll
// that finds every item known), beside Parse of the same bodies in the
// same rounds (x_parse: how many times faster the Reader is).
func BenchmarkReaderRecall(b *testing.B) {
	bodies, total := corpusFeeds(b)
	readers := make([]Reader, len(bodies))
	changed := make([][]byte, len(bodies))
	now := time.Now()
	for i, body := range bodies {
		changed[i] = append(append([]byte{}, body...), " \n"...)
		readers[i].Parse(Source{ID: "f", Name: "warm", URL: "https://corpus.example/"}, body, now)
	}
	b.SetBytes(total)
	var read, parsed time.Duration
	for b.Loop() {
		start := time.Now()
		for i := range bodies {
			readers[i].Parse(Source{ID: "f", Name: "recall", URL: "https://corpus.example/"}, changed[i], now)
		}
		read += time.Since(start)
		b.StopTimer()
		start = time.Now()
		for i := range bodies {
			Parse(Source{ID: "f", Name: "parse", URL: "https://corpus.example/"}, changed[i], now)
		}
		parsed += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(parsed.Seconds()/read.Seconds(), "x_parse")
}

// BenchmarkScan finds the items of each real feed of the corpus and
// digests it, beside a pass of bytes.Count over the same bodies in the
// same rounds (x_count: how many times slower the scan is than touching
// every byte once).
func BenchmarkScan(b *testing.B) {
	bodies, total := corpusFeeds(b)
	b.SetBytes(total)
	var scanned, counted time.Duration
	for b.Loop() {
		start := time.Now()
		for _, body := range bodies {
			if !Scan(body).scanned {
				b.Fatal("scan failed")
			}
		}
		scanned += time.Since(start)
		b.StopTimer()
		start = time.Now()
		for _, body := range bodies {
			bytes.Count(body, []byte("<"))
		}
		counted += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(scanned.Seconds()/counted.Seconds(), "x_count")
}
