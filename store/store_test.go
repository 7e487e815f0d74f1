package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/store/pgtest"
)

// eachStore runs fn as two subtests, on a fresh SQLite store and on a
// fresh PostgreSQL one (skipped, saying why, when no server is set; see
// pgtest), so that both stores pass one suite.
func eachStore(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, MustOpen(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, MustOpenPostgres(t)) })
}

// MustOpenPostgres opens a store in a fresh PostgreSQL database, dropped
// when the test ends.
func MustOpenPostgres(tb testing.TB) *Store {
	tb.Helper()
	s, err := OpenPostgres(context.Background(), pgtest.DSN(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// failOutbox makes every insert into the outbox fail, as a full disk
// would, until the returned func is called.
func failOutbox(tb testing.TB, s *Store) (undo func()) {
	tb.Helper()
	stmts := []string{`CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox
		BEGIN SELECT RAISE(ABORT, 'disk full'); END`}
	drop := `DROP TRIGGER fail_outbox`
	if s.d.postgres {
		stmts = []string{`CREATE FUNCTION fail_outbox() RETURNS trigger LANGUAGE plpgsql AS
			$$ BEGIN RAISE EXCEPTION 'disk full'; END $$`,
			`CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION fail_outbox()`}
		drop = `DROP TRIGGER fail_outbox ON outbox`
	}
	for _, q := range stmts {
		if _, err := s.db.DB.Exec(q); err != nil {
			tb.Fatal(err)
		}
	}
	return func() {
		if _, err := s.db.DB.Exec(drop); err != nil {
			tb.Fatal(err)
		}
	}
}

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
		files, _ := migrationFiles("migrations")
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
