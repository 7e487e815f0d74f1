package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// enqueueAlerts writes alerts to the outbox inside tx. An alert for a story
// already queued for the same destination is ignored, so replays and
// reloads never queue a story twice. It returns how many rows were new.
func (s *Store) enqueueAlerts(ctx context.Context, tx *sql.Tx, alerts []story.Alert) (int, error) {
	if len(alerts) == 0 {
		return 0, nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO outbox
		(destination, feed_id, story_key, link, title, severity, alert, queued_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, fmt.Errorf("enqueue alerts: %w", err)
	}
	defer stmt.Close()
	added := 0
	for _, a := range alerts {
		if a.Queued.IsZero() {
			a.Queued = s.now()
		}
		body, err := json.Marshal(a)
		if err != nil {
			return added, fmt.Errorf("enqueue alert for %s: %w", a.Story.Key, err)
		}
		res, err := stmt.ExecContext(ctx, a.Destination, a.Story.FeedID, a.Story.Key, a.Story.Link,
			a.Story.Title, int(a.Severity), string(body), a.Queued.UTC().Format(time.RFC3339Nano))
		if err != nil {
			return added, fmt.Errorf("enqueue alert for %s to %s: %w", a.Story.Key, a.Destination, err)
		}
		n, _ := res.RowsAffected()
		added += int(n)
	}
	return added, nil
}

// EnqueueAlerts queues alerts outside any poll, e.g. list-change alerts and
// operator notices. See enqueueAlerts.
func (s *Store) EnqueueAlerts(ctx context.Context, alerts []story.Alert) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("enqueue alerts: %w", err)
	}
	defer tx.Rollback()
	n, err := s.enqueueAlerts(ctx, tx, alerts)
	if err != nil {
		return 0, err
	}
	return n, tx.Commit()
}
