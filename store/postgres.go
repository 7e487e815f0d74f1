package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// OpenPostgres opens the state in the PostgreSQL database dsn (a
// postgres:// URL or key=value string) and brings its schema up to date.
// Several instances may open the same database at once: migrations take
// turns (see inMigrationTx), and every write the daemon makes is safe
// beside another instance's. Errors never show dsn, which may hold a
// password.
func OpenPostgres(ctx context.Context, dsn string) (*Store, error) {
	s, where, err := openPostgres(ctx, dsn, false)
	if err != nil {
		return nil, err
	}
	if err := s.setUp(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", where, err)
	}
	return s, nil
}

// OpenPostgresReadOnly opens the state in dsn for the reporting commands:
// every transaction is read-only, and a database sanctionwatch never set up
// is ErrNoState, as a missing state file is.
func OpenPostgresReadOnly(ctx context.Context, dsn string) (*Store, error) {
	s, where, err := openPostgres(ctx, dsn, true)
	if err != nil {
		return nil, err
	}
	var table sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations')::text`).Scan(&table); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", where, err)
	}
	if !table.Valid {
		s.Close()
		return nil, fmt.Errorf("%s: %w", where, ErrNoState)
	}
	return s, nil
}

func openPostgres(ctx context.Context, dsn string, readOnly bool) (*Store, string, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		// pgx's parse errors quote the DSN; say only what kind of mistake.
		return nil, "postgres", errors.New("open store: state_dsn is not a valid PostgreSQL URL or key=value string (value not shown)")
	}
	where := "postgres " + net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port)) + "/" + cfg.Database
	if readOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	db := stdlib.OpenDB(*cfg)
	// Enough for a poll pool and the senders of one instance; several
	// instances share the server's max_connections (100 by default).
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, where, fmt.Errorf("open store %s: %w", where, redactConnErr(err))
	}
	s := newStore(db, &dialect{postgres: true})
	s.pg = cfg
	return s, where, nil
}

// maxConns bounds one instance's connections, the listener's aside.
const maxConns = 16

// conflictTries bounds the runs of a transaction PostgreSQL aborted for a
// deadlock or a serialization failure; each retry is a rare event.
const conflictTries = 5

// isConflict reports whether err is PostgreSQL aborting a transaction for
// a deadlock (40P01) or a serialization failure (40001): the same
// transaction run again can succeed.
func isConflict(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// redactConnErr keeps what went wrong connecting but drops the connection
// string pgx may repeat in its message.
func redactConnErr(err error) error {
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) && ce.Unwrap() != nil {
		return ce.Unwrap()
	}
	return err
}
