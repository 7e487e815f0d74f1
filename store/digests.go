package store

import (
	"context"
	"fmt"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// DigestItem is an alert waiting for a digest, with its place in the
// digest that took it: Plan is 0 until a digest is planned over it (see
// PlanDigest), then the outbox id of that digest's first alert, and the
// alert goes in part Part of Parts.
type DigestItem struct {
	OutboxItem
	Plan        int64
	Part, Parts int
}

// DigestAlerts returns up to limit queued alerts for dest below the given
// severity, oldest first: the content of the next digest, beginning with
// what remains of a digest already planned.
func (s *Store) DigestAlerts(ctx context.Context, dest string, below story.Severity, limit int) ([]DigestItem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+itemColumns+`, digest_plan, digest_part, digest_parts FROM outbox
		WHERE destination = ? AND state = 'queued' AND severity < ? ORDER BY id LIMIT ?`, dest, int(below), limit)
	if err != nil {
		return nil, fmt.Errorf("digest alerts for %s: %w", dest, err)
	}
	return collectRows(rows, "digest alerts for "+dest, func(r rowScanner) (DigestItem, error) {
		var it DigestItem
		var err error
		it.OutboxItem, err = scanItem(r, &it.Plan, &it.Part, &it.Parts)
		return it, err
	})
}

// PlanDigest records how a digest splits into messages before its first
// message is posted: parts holds the outbox ids of each message's alerts,
// in order. The digest's plan is the first id. A digest that stops
// between messages then posts the rest later under the numbers given
// here, whatever was queued meanwhile. Alerts no longer queued are left
// alone. It returns the plan, 0 for a digest with no alert. It runs one
// statement per part and per inBatch alerts, not one per alert.
func (s *Store) PlanDigest(ctx context.Context, parts [][]int64) (int64, error) {
	if len(parts) == 0 || len(parts[0]) == 0 {
		return 0, nil
	}
	plan := parts[0][0]
	return plan, s.inTx(ctx, fmt.Sprintf("plan digest %d", plan), func(tx *sqlTx, _ string) error {
		for i, ids := range parts {
			err := inBatches(ids, func(batch []int64) error {
				in, args := inList(batch)
				_, err := tx.ExecContext(ctx, `UPDATE outbox SET digest_plan = ?, digest_part = ?, digest_parts = ?
					WHERE state = 'queued' AND id IN (`+in+`)`, append([]any{plan, i + 1, len(parts)}, args...)...)
				return err
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// MarkDigestSent records that one message of a digest, messageID, carried
// the alerts ids, and takes the alerts unshown, planned in the same part
// but left out of the message, out of the digest's plan so that the next
// digest lists them: all in one transaction, so that a crash never leaves
// part of a posted message queued to be posted again, nor an alert marked
// sent that no message showed.
func (s *Store) MarkDigestSent(ctx context.Context, ids, unshown []int64, messageID string) error {
	all := append(ids[:len(ids):len(ids)], unshown...)
	if len(all) == 0 {
		return nil
	}
	return s.inTx(ctx, fmt.Sprintf("mark digest of alert %d sent", all[0]), func(tx *sqlTx, now string) error {
		if len(ids) > 0 {
			if err := s.markSentTx(ctx, tx, now, ids, messageID); err != nil {
				return err
			}
		}
		return inBatches(unshown, func(batch []int64) error {
			in, args := inList(batch)
			_, err := tx.ExecContext(ctx, `UPDATE outbox SET digest_plan = 0, digest_part = 0, digest_parts = 0
				WHERE state = 'queued' AND id IN (`+in+`)`, args...)
			return err
		})
	})
}
