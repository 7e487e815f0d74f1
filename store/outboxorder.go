package store

import (
	"context"
	"slices"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// outboxLockSpace is the first key of the advisory locks that order
// outbox inserts per destination (the second is the destination's hash).
const outboxLockSpace int32 = 0x5357 // "SW"

// lockDestinations holds, until tx ends, a lock per destination of
// alerts, so that on PostgreSQL the outbox rows of one destination commit
// in the order of their ids. Ids are drawn at insert, not at commit:
// without the lock, an instance's row 11 could commit while another's row
// 10 is still pending, and a sender reading by id would post 11 and then
// 10. With it, a sender that sees a row has already seen every earlier
// row of that destination. Locks are taken in name order, so two
// transactions never wait on each other in a cycle. SQLite's one writer
// orders them already.
func (s *Store) lockDestinations(ctx context.Context, tx *sqlTx, alerts []story.Alert) error {
	if !s.d.postgres {
		return nil
	}
	dests := make([]string, 0, 1)
	for _, a := range alerts {
		dests = append(dests, a.Destination)
	}
	slices.Sort(dests)
	for _, d := range slices.Compact(dests) {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?, hashtext(?))`, outboxLockSpace, d); err != nil {
			return err
		}
	}
	return nil
}
