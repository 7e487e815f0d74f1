package app

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/internal/corpus"
	"github.com/sanctionwatch/sanctionwatch/sanctions"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// syncBuffer is a log sink the daemon's goroutines may share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// listsApp builds an app on a temp dir whose config declares the given
// lists (name: format, path) and no feeds, logging into log.
func listsApp(tb testing.TB, log *syncBuffer, lists [][3]string) *App {
	tb.Helper()
	dir := tb.TempDir()
	var b strings.Builder
	b.WriteString("state_file: state.db\nhttp:\n  listen: \"\"\nfeeds: []\nlists:\n")
	for _, l := range lists {
		fmt.Fprintf(&b, "  - name: %s\n    format: %s\n    url: %s\n", l[0], l[1], l[2])
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	a, err := New(context.Background(), Options{ConfigPath: path,
		Logger: slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelInfo}))})
	if err != nil {
		tb.Fatal(err)
	}
	return a // not closed in a Cleanup: that would keep every benchmark round's rules alive
}

func fixture(tb testing.TB, rel string) string {
	tb.Helper()
	p, err := filepath.Abs(filepath.Join("..", "sanctions", "testdata", rel))
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestListImportsCompileOncePerBatch: three first imports in one batch
// reload (and so compile) the rules once, and the rules then know the
// parties of all three lists.
func TestListImportsCompileOncePerBatch(t *testing.T) {
	t.Parallel()
	var log syncBuffer
	a := listsApp(t, &log, [][3]string{
		{"un", "un-xml", fixture(t, "un/v1.xml")},
		{"os-ftm", "opensanctions-ftm", fixture(t, "entities.ftm.jsonl")},
		{"os-csv", "opensanctions-csv", fixture(t, "targets.simple.csv")},
	})
	defer a.Close()
	a.importLists(context.Background(), a.cfg.Load().Lists)
	if n := strings.Count(log.String(), "msg=reloaded"); n != 1 {
		t.Fatalf("%d reloads for one batch of three first imports, want 1\n%s", n, log.String())
	}
	res := a.rules.Load().Match(&story.Story{Title: "Ri Chang-ho met Ivan Sampleov and the Russian Ivan Sample"})
	var got []string
	for _, m := range res {
		got = append(got, m.RuleID)
	}
	if strings.Join(got, ",") != "listed-un,listed-os-ftm,listed-os-csv" {
		t.Fatalf("rules fired: %v", got)
	}
	// The entities handed over from the import are those the store gives
	// back, so the first compile and every later reload see the same.
	for _, l := range a.cfg.Load().Lists {
		fetched, _, err := a.store.ListFetchedAt(context.Background(), l.Name)
		if err != nil {
			t.Fatal(err)
		}
		cached, hit := a.entities.get(l.Name, fetched)
		stored, err := decodeEntities(context.Background(), a.store, l.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !hit || !reflect.DeepEqual(cached, stored) {
			t.Fatalf("%s: cached entities (hit %v) differ from the stored import", l.Name, hit)
		}
	}
	// A batch in which nothing changed compiles nothing.
	a.importLists(context.Background(), a.cfg.Load().Lists)
	if n := strings.Count(log.String(), "msg=reloaded"); n != 1 {
		t.Fatalf("%d reloads after an unchanged batch, want still 1", n)
	}
}

// BenchmarkFirstImport measures the first import of real lists into a
// fresh state file, with the one compile of the rules that follows: the
// time a new install waits before listed names are watched. heap-MiB is
// the heap in use after the import (the compiled rules and the store),
// peak-MiB the most the Go heap held during it, sampled.
func BenchmarkFirstImport(b *testing.B) {
	dir := corpus.Path(b, "corpus/sanctions")
	un := [3]string{"un", "un-xml", filepath.Join(dir, "un-sc-consolidated-2026-02-27.xml")}
	sdn := [3]string{"ofac-sdn", "ofac-csv", filepath.Join(dir, "ofac-sdn-2021-07.csv")}
	cons := [3]string{"ofac-cons", "ofac-csv", filepath.Join(dir, "ofac-cons-prim-2025-12.csv")}
	open := [3]string{"os", "opensanctions-ftm", filepath.Join(dir, "opensanctions-eu_fsf-sample.ftm.jsonl")}
	for _, tc := range []struct {
		name  string
		lists [][3]string
	}{
		{"un+sdn", [][3]string{un, sdn}},
		{"un+sdn+cons+os", [][3]string{un, sdn, cons, open}},
	} {
		b.Run(tc.name+"/parse-only", func(b *testing.B) {
			for b.Loop() {
				parseLists(b, tc.lists)
			}
		})
		b.Run(tc.name+"/import", func(b *testing.B) {
			var peak uint64
			var parse, imp time.Duration
			for b.Loop() {
				b.StopTimer()
				// The floor, timed in the same round so that both see the
				// same load on a shared machine: reading the lists.
				t0 := time.Now()
				parseLists(b, tc.lists)
				parse += time.Since(t0)
				var log syncBuffer
				a := listsApp(b, &log, tc.lists)
				runtime.GC()
				stop := sampleHeap(&peak)
				b.StartTimer()
				t1 := time.Now()
				a.importLists(context.Background(), a.cfg.Load().Lists)
				imp += time.Since(t1)
				b.StopTimer()
				stop()
				if !strings.Contains(log.String(), "msg=reloaded") {
					b.Fatalf("no reload after the first import:\n%s", log.String())
				}
				a.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			b.ReportMetric(imp.Seconds()/parse.Seconds(), "x-parse")
		})
	}
}

// parseLists reads lists as an import must: the floor of its work.
func parseLists(b *testing.B, lists [][3]string) {
	for _, l := range lists {
		src := config.List{Name: l[0], Format: l[1], URL: l[2]}
		if _, err := sanctions.Load(context.Background(), src, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// sampleHeap records the largest HeapAlloc seen every 10 ms until stop
// is called. ReadMemStats stops the world, so it must not run often.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			*peak = max(*peak, ms.HeapAlloc)
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}
