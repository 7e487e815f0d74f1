// Package corpus finds the shared test material (real feeds, sanctions-list
// excerpts, the seed story) that lives beside a development checkout. A
// user's clone does not have it, so tests that need it skip.
package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared folder (the sibling "shared" of the module root),
// or skips the test when it is absent.
func Dir(tb testing.TB) string {
	tb.Helper()
	root, err := moduleRoot()
	if err != nil {
		tb.Skipf("shared corpus: %v", err)
	}
	dir := filepath.Join(root, "..", "shared")
	if _, err := os.Stat(filepath.Join(dir, "corpus")); err != nil {
		tb.Skip("shared corpus not present; skipping")
	}
	return dir
}

// Path returns a file or folder inside the shared folder, skipping the test
// when it is absent.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(Dir(tb), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared corpus: %s not present", rel)
	}
	return p
}

// moduleRoot walks up from the working directory (a package folder while
// testing) to the folder holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
