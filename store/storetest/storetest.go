// Package storetest gives tests of every package a real state file: the
// same SQLite store the daemon uses, in a folder removed when the test
// ends, so no test needs a fake of the store.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/store"
)

// Open opens a fresh store in tb's temporary folder and closes it when the
// test ends; a failure to open fails the test.
func Open(tb testing.TB) *store.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "state.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}
