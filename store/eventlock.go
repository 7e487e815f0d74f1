package store

import (
	"context"
	"fmt"
)

// eventsLockKey names the advisory lock under which an instance files
// reports in events (ASCII "ZNCTWEVT"): one key, like migrationLockKey,
// and apart from the two-key locks of outboxLockSpace.
const eventsLockKey int64 = 0x5a4e4354_57455654

// LockEvents holds, until release is called, the lock under which an
// instance reads the reports other instances filed, decides the events of
// its own and files them. Without it two instances polling reports of one
// happening in the same moment each read before the other wrote, and
// opened two events. On SQLite it does nothing: the file lock makes one
// instance the only one. The lock is a transaction's, held idle on one
// connection, so it ends with release, with ctx, or with the instance's
// connection, never outliving them.
func (s *Store) LockEvents(ctx context.Context) (release func(), err error) {
	if !s.d.postgres {
		return func() {}, nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("lock events: %w", err)
	}
	// The transaction waits idle while the filer decides: a server-wide
	// idle_in_transaction_session_timeout must not end it, and the lock
	// with it, halfway.
	if _, err := tx.ExecContext(ctx, `SET LOCAL idle_in_transaction_session_timeout = 0`); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("lock events: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, eventsLockKey); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("lock events: wait for other instances' filing: %w", err)
	}
	return func() { tx.Rollback() }, nil
}
