// Package storetest gives tests of every package a real store: the same
// SQLite file the daemon uses by default, in a folder removed when the test
// ends, or a fresh PostgreSQL database (see pgtest), so no test needs a
// fake of the store.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/store/pgtest"
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

// OpenPostgres opens a store in a fresh PostgreSQL database, dropped when
// the test ends. Without a server the test skips (or fails where one is
// required), as pgtest says.
func OpenPostgres(tb testing.TB) *store.Store {
	tb.Helper()
	return OpenPostgresAt(tb, pgtest.DSN(tb))
}

// OpenPostgresAt opens a store on the database dsn, as one more instance
// sharing it, and closes it when the test ends.
func OpenPostgresAt(tb testing.TB, dsn string) *store.Store {
	tb.Helper()
	st, err := store.OpenPostgres(context.Background(), dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// Each runs fn as two subtests, on a fresh SQLite store and on a fresh
// PostgreSQL one, for tests that must hold on both.
func Each(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, Open(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, OpenPostgres(t)) })
}
