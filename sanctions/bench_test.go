package sanctions

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/internal/corpus"
)

func corpusBytes(b *testing.B, name string) []byte {
	b.Helper()
	data, err := os.ReadFile(corpus.Path(b, filepath.Join("corpus", "sanctions", name)))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// reportLoad adds the parties loaded and the heap in use with them kept
// alive, the memory a daemon holding the list pays.
func reportLoad(b *testing.B, load func() []Party) {
	b.StopTimer()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	ps := load()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(len(ps)), "parties")
	b.ReportMetric(float64(AliasCount(ps)), "aliases")
	b.ReportMetric(float64(int64(after.HeapInuse)-int64(before.HeapInuse))/(1<<20), "MiB-heap")
	runtime.KeepAlive(ps)
}

func BenchmarkLoadUN(b *testing.B) {
	data := corpusBytes(b, "un-sc-consolidated-2026-02-27.xml")
	load := func() []Party {
		ps, err := ParseUN(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		return ps
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		load()
	}
	reportLoad(b, load)
}

func BenchmarkLoadOFACSDN(b *testing.B) {
	var set [4][]byte
	for i, name := range []string{"ofac-sdn-2021-07.csv", "ofac-sdn-alt-2021-07.csv", "ofac-sdn-add-2021-07.csv", "ofac-sdn-comments-2021-07.csv"} {
		set[i] = corpusBytes(b, name)
	}
	load := func() []Party {
		ps, err := ParseOFAC(OFACFiles{Primary: bytes.NewReader(set[0]), Alt: bytes.NewReader(set[1]),
			Add: bytes.NewReader(set[2]), Comments: bytes.NewReader(set[3])})
		if err != nil {
			b.Fatal(err)
		}
		return ps
	}
	b.SetBytes(int64(len(set[0]) + len(set[1]) + len(set[2]) + len(set[3])))
	b.ReportAllocs()
	for b.Loop() {
		load()
	}
	reportLoad(b, load)
}

func BenchmarkVariantsUNOFAC(b *testing.B) {
	un, err := ParseUN(bytes.NewReader(corpusBytes(b, "un-sc-consolidated-2026-02-27.xml")))
	if err != nil {
		b.Fatal(err)
	}
	ps := append(un, loadCorpusSDN(b)...)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for i := range ps {
			n += len(Variants(ps[i]))
		}
		b.ReportMetric(float64(n), "variants")
	}
}

func loadCorpusSDN(b *testing.B) []Party {
	ps, err := ParseOFAC(OFACFiles{
		Primary: bytes.NewReader(corpusBytes(b, "ofac-sdn-2021-07.csv")), Alt: bytes.NewReader(corpusBytes(b, "ofac-sdn-alt-2021-07.csv")),
		Add: bytes.NewReader(corpusBytes(b, "ofac-sdn-add-2021-07.csv")), Comments: bytes.NewReader(corpusBytes(b, "ofac-sdn-comments-2021-07.csv")),
	})
	if err != nil {
		b.Fatal(err)
	}
	return ps
}
