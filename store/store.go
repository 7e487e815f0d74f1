// Package store keeps sanctionwatch's state: feed state and health, seen
// stories, the alert outbox and history, and sanctions-list imports. The
// state lives in one SQLite file (the default) or in a PostgreSQL database
// that several instances share; one set of methods serves both (see
// dialect). Migrations are embedded per database and applied in order, each
// in its own transaction, so a store is always at a known version.
package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite" // registers the "sqlite" driver; pure Go, no cgo
)

//go:embed migrations/*.sql migrations/postgres/*.sql
var migrations embed.FS

// Store is an open state: a SQLite file or a PostgreSQL database. It is
// safe for concurrent use.
type Store struct {
	db    *sqlDB
	d     *dialect
	pg    *pgx.ConnConfig // the PostgreSQL connection, for LISTEN; nil on SQLite
	now   func() time.Time
	stmts stmtCache
	// textCap bounds the story text kept per new story for replay; 0
	// keeps none. Atomic because a reload may change it mid-poll.
	textCap atomic.Int64
}

// Open opens (creating if needed) the state file at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	// WAL lets the sender read the outbox while a poll writes stories, and
	// survives a crash without a torn page; busy_timeout makes writers queue
	// instead of failing with SQLITE_BUSY; foreign keys are off by default.
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)" +
		"&_pragma=foreign_keys(ON)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// One writer at a time is all SQLite allows; a single connection avoids
	// busy loops between our own goroutines.
	db.SetMaxOpenConns(1)
	s := newStore(db, &dialect{})
	if err := s.setUp(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return s, nil
}

func newStore(db *sql.DB, d *dialect) *Store {
	return &Store{db: &sqlDB{DB: db, d: d}, d: d, now: time.Now}
}

// setUp migrates the schema and prepares the poll's statements.
func (s *Store) setUp(ctx context.Context) error {
	if err := s.migrate(ctx); err != nil {
		return err
	}
	return s.prepareTx(ctx)
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// SetClock replaces the store's clock, for tests.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// DB exposes the database handle to the store's own tests and tools.
func (s *Store) DB() *sql.DB { return s.db.DB }

// Postgres reports whether the state is in PostgreSQL (shared by several
// instances) rather than in a SQLite file.
func (s *Store) Postgres() bool { return s.d.postgres }

func (s *Store) migrate(ctx context.Context) error {
	if err := s.inMigrationTx(ctx, "create migrations table", func(tx *sqlTx) error {
		_, err := tx.ExecContext(ctx,
			`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`)
		return err
	}); err != nil {
		return err
	}
	files, err := migrationFiles(s.d.migrationDir())
	if err != nil {
		return err
	}
	applied, err := s.appliedMigrations(ctx)
	if err != nil {
		return err
	}
	for _, f := range files {
		if applied[f.version] {
			continue // no transaction, so a start on an up-to-date state costs one read
		}
		if err := s.inMigrationTx(ctx, "migration "+f.name, func(tx *sqlTx) error { return s.apply(ctx, tx, f) }); err != nil {
			return err
		}
	}
	return nil
}

// appliedMigrations reads the versions recorded as applied. Another
// instance may apply more meanwhile; apply checks again under the lock.
func (s *Store) appliedMigrations(ctx context.Context) (map[int]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read applied migrations: %w", err)
	}
	versions, err := collectRows(rows, "read applied migrations", func(r rowScanner) (int, error) {
		var v int
		return v, r.Scan(&v)
	})
	if err != nil {
		return nil, err
	}
	applied := make(map[int]bool, len(versions))
	for _, v := range versions {
		applied[v] = true
	}
	return applied, nil
}

// inMigrationTx runs fn in a transaction that no other instance's
// migration runs beside: several instances starting at once against one
// PostgreSQL database take turns, and each finds what the one before
// applied. (A SQLite file has one writer anyway: transactions begin
// IMMEDIATE.)
func (s *Store) inMigrationTx(ctx context.Context, what string, fn func(*sqlTx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	if s.d.postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, migrationLockKey); err != nil {
			return fmt.Errorf("%s: wait for other instances' migrations: %w", what, err)
		}
	}
	if err := fn(tx); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// migrationLockKey names the advisory lock migrations take: a fixed number
// no other user of the database is likely to pick (ASCII "ZNCTWATC"). It
// is a one-key lock; PostgreSQL keeps those apart from the two-key locks
// of outboxLockSpace.
const migrationLockKey int64 = 0x5a4e4354_57415443

// migrationDir is where the dialect's migrations live.
func (d *dialect) migrationDir() string { return d.pick("migrations", "migrations/postgres") }

type migration struct {
	version int
	name    string
}

// migrationFiles lists dir/NNN_name.sql in version order.
func migrationFiles(dir string) ([]migration, error) {
	names, err := fs.Glob(migrations, dir+"/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	var out []migration
	for _, n := range names {
		base := strings.TrimPrefix(n, dir+"/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and '_'", base)
		}
		out = append(out, migration{version: v, name: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share a version", out[i-1].name, out[i].name)
		}
	}
	return out, nil
}

// apply runs migration m inside tx unless it is recorded as applied.
func (s *Store) apply(ctx context.Context, tx *sqlTx, m migration) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrations.ReadFile(m.name)
	if err != nil {
		return err
	}
	// Run as it is, without placeholders: the file may hold several
	// statements, which PostgreSQL accepts only in a plain query.
	if _, err := tx.Tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
		m.version, s.now().UTC().Format(time.RFC3339))
	return err
}
