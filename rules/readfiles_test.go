package rules

import (
	"path/filepath"
	"runtime"
	"testing"
)

// Files are read in parallel; what Compile reports must not depend on
// which finished first: the bad files together, read by one goroutine or
// by several, give the same errors every time.
func TestReadFilesInParallelSameErrors(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.bad.yaml")
	var srcs []Source
	for _, f := range files {
		srcs = append(srcs, testdataSource(t, filepath.Base(f)))
	}
	// A list defined twice is reported at the later file, naming the
	// earlier: that depends on the files' order being kept.
	dup := Source{Name: "dup.yaml", Data: []byte("lists:\n  drones: [drone]\n")}
	srcs = append(append([]Source{dup}, srcs...), DefaultPack()...)
	compileErrs := func() string {
		_, err := Compile(srcs, testEnv)
		if err == nil {
			t.Fatal("the bad files compiled")
		}
		return err.Error()
	}
	// GOMAXPROCS is the process's: this test must not run in parallel
	// with others (no t.Parallel here).
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	want := compileErrs()
	runtime.GOMAXPROCS(4)
	for range 10 {
		if got := compileErrs(); got != want {
			t.Fatalf("read in parallel:\n%s\nread by one goroutine:\n%s", got, want)
		}
	}
}
