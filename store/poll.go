package store

import (
	"context"
	"fmt"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// Poll is everything one poll of one feed changes, written at once.
type Poll struct {
	Feed FeedState // state to save: validators, schedule, health
	// Stories to record: new ones are inserted, known ones (a changed title,
	// a stale last_seen) have last_seen, title and link refreshed. Pruning
	// goes by last_seen, so callers refresh known items well within the
	// retention.
	Stories []story.Story
	Alerts  []story.Alert // alerts for the new stories, to queue
	// Events files the alerted stories in their events (see package
	// events); each alert carries its event's id.
	Events []EventReport
}

// PollResult says what CommitPoll changed.
type PollResult struct {
	NewStories   int // stories recorded for the first time
	AlertsQueued int // outbox rows added
}

// CommitPoll saves the feed state, records the stories, files them in
// their events and queues the alerts in one transaction. Either all of it happens or none does, so a
// crash or an error never leaves a story seen but unalerted; the next poll
// then sees the same stories as new and alerts them once.
//
// On PostgreSQL two instances' commits may wait on each other's rows (two
// feeds' reports filed into the same events in opposite orders); the
// database then aborts one, and it is run again, up to conflictTries times.
func (s *Store) CommitPoll(ctx context.Context, p Poll) (PollResult, error) {
	for try := 1; ; try++ {
		res, err := s.commitPoll(ctx, p)
		if err == nil || try == conflictTries || !isConflict(err) {
			return res, err
		}
	}
}

func (s *Store) commitPoll(ctx context.Context, p Poll) (PollResult, error) {
	if len(p.Stories) == 0 && len(p.Alerts) == 0 && len(p.Events) == 0 {
		return PollResult{}, s.saveFeedAlone(ctx, p.Feed)
	}
	var res PollResult
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("commit poll of %s: %w", p.Feed.ID, err)
	}
	defer tx.Rollback()
	if err := s.saveFeed(ctx, tx, p.Feed); err != nil {
		return res, err
	}
	now := s.now()
	if res.NewStories, err = s.recordStories(ctx, tx, p.Stories, now); err != nil {
		return res, fmt.Errorf("commit poll of %s: %w", p.Feed.ID, err)
	}
	if err := s.keepTexts(ctx, tx, p.Stories, now); err != nil {
		return res, fmt.Errorf("commit poll of %s: %w", p.Feed.ID, err)
	}
	if err := s.countSeen(ctx, tx, p.Feed.ID, res.NewStories); err != nil {
		return res, fmt.Errorf("commit poll of %s: %w", p.Feed.ID, err)
	}
	if err := fileReports(ctx, tx, p.Events, s.now()); err != nil {
		return res, fmt.Errorf("commit poll of %s: %w", p.Feed.ID, err)
	}
	if res.AlertsQueued, err = s.enqueueAlerts(ctx, tx, p.Alerts); err != nil {
		return res, fmt.Errorf("commit poll of %s: %w", p.Feed.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return PollResult{}, fmt.Errorf("commit poll of %s: %w", p.Feed.ID, err)
	}
	return res, nil
}

const itemsSeenSQL = `UPDATE feeds SET items_seen = items_seen + ? WHERE id = ?`

// countSeen adds n newly recorded stories to the feed's count.
func (s *Store) countSeen(ctx context.Context, tx *sqlTx, feedID string, n int) error {
	if n == 0 {
		return nil
	}
	stmt, err := s.txStmt(ctx, tx, itemsSeenSQL)
	if err == nil {
		_, err = stmt.ExecContext(ctx, n, feedID)
	}
	return err
}
