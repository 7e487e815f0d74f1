package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// eventsLockKey names the advisory lock under which an instance files
// reports in events (ASCII "ZNCTWEVT"): one key, like migrationLockKey,
// and apart from the two-key locks of outboxLockSpace.
const eventsLockKey int64 = 0x5a4e4354_57455654

// ErrEventsBusy is LockEvents giving up after its wait: another instance
// has held the lock that long, hung or cut off from the server.
var ErrEventsBusy = errors.New("another instance holds the events lock")

// LockEvents holds, until release is called, the lock under which an
// instance reads the reports other instances filed, decides the events of
// its own and files them. Without it two instances polling reports of one
// happening in the same moment each read before the other wrote, and
// opened two events. It waits at most wait, then returns ErrEventsBusy. On
// SQLite it does nothing: the file lock makes one instance the only one.
// The lock is a transaction's, held idle on one connection, so it ends
// with release, with ctx, or with the instance's connection, never
// outliving them.
func (s *Store) LockEvents(ctx context.Context, wait time.Duration) (release func(), err error) {
	if !s.d.postgres {
		return func() {}, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("lock events: %w", err)
	}
	// The transaction waits idle while the filer decides: a server-wide
	// idle_in_transaction_session_timeout must not end it, and the lock
	// with it, halfway. A hung holder must not hold the others' polls
	// for as long as the server takes to notice it is gone.
	if _, err := tx.ExecContext(ctx, `SELECT set_config('idle_in_transaction_session_timeout', '0', true),
		set_config('lock_timeout', ?, true)`, fmt.Sprintf("%dms", max(1, wait.Milliseconds()))); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("lock events: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, eventsLockKey); err != nil {
		tx.Rollback()
		if pe, ok := errors.AsType[*pgconn.PgError](err); ok && pe.Code == "55P03" {
			return nil, fmt.Errorf("lock events: %w (waited %v)", ErrEventsBusy, wait)
		}
		return nil, fmt.Errorf("lock events: wait for other instances' filing: %w", err)
	}
	return func() { tx.Rollback() }, nil
}
