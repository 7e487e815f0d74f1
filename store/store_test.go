package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// MustOpen opens a store in a fresh temporary folder and closes it when the
// test ends.
func MustOpen(tb testing.TB) *Store {
	tb.Helper()
	s, err := Open(context.Background(), filepath.Join(tb.TempDir(), "state.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestOpenTwiceKeepsVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	for i := 0; i < 2; i++ {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		files, _ := migrationFiles()
		if n != len(files) {
			t.Fatalf("open %d: %d migrations recorded, want %d", i, n, len(files))
		}
		var mode string
		if err := s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" {
			t.Fatalf("journal_mode = %q, want wal", mode)
		}
		s.Close()
	}
}

// TestReadOnlyStateNoticedAtOnce: a state file the daemon may not write is
// an error before anything runs, and OpenReadOnly neither creates a
// missing file nor writes an existing one.
func TestReadOnlyStateNoticedAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	if _, err := OpenReadOnly(context.Background(), path); !errors.Is(err, ErrNoState) {
		t.Fatalf("missing file: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("OpenReadOnly created the state file")
	}
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ro, err := OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ro.DB().Exec(`CREATE TABLE x (y)`); err == nil {
		t.Error("a read-only store took a write")
	}
	ro.Close()
	if os.Geteuid() == 0 {
		return // root may write a read-only file
	}
	os.Chmod(path, 0o444)
	if err := CheckWritable(path); err == nil {
		t.Error("a read-only state file passed CheckWritable")
	}
}
