package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// EventPost returns the message already posted to dest for event: the
// latest sent alert of the event other than row id (an earlier post may
// have been deleted). ok is false when the event has no post there yet.
func (s *Store) EventPost(ctx context.Context, dest, event string, id int64) (it OutboxItem, ok bool, err error) {
	if event == "" {
		return it, false, nil
	}
	row := s.db.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM outbox
		WHERE destination = ? AND event_id = ? AND state = 'sent' AND id <> ? AND message_id <> ''
		ORDER BY id DESC LIMIT 1`, dest, event, id)
	it, err = scanItem(row)
	if errors.Is(err, sql.ErrNoRows) {
		return it, false, nil
	}
	if err != nil {
		return it, false, fmt.Errorf("post of event %s at %s: %w", event, dest, err)
	}
	return it, true, nil
}

// PostStories returns the stories a post carries: its own and those of
// the alerts merged into it, newest first.
func (s *Store) PostStories(ctx context.Context, postID int64) ([]story.Story, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+itemColumns+` FROM outbox
		WHERE id = ? OR (merged_into = ? AND state = 'merged') ORDER BY id`, postID, postID)
	if err != nil {
		return nil, fmt.Errorf("stories of post %d: %w", postID, err)
	}
	items, err := collectItems(rows, fmt.Sprintf("stories of post %d", postID))
	if err != nil {
		return nil, err
	}
	out := make([]story.Story, len(items))
	for i, it := range items {
		out[len(items)-1-i] = it.Alert.Story
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Published.After(out[j].Published) })
	return out, nil
}

// SetThread records the thread the post id opened.
func (s *Store) SetThread(ctx context.Context, id int64, threadID string) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE outbox SET thread_id = ? WHERE id = ?`, threadID, id); err != nil {
		return fmt.Errorf("set thread of post %d: %w", id, err)
	}
	return nil
}

// PostThread returns the thread the post id opened, "" if none.
func (s *Store) PostThread(ctx context.Context, id int64) (string, error) {
	var t string
	err := s.db.QueryRowContext(ctx, `SELECT thread_id FROM outbox WHERE id = ?`, id).Scan(&t)
	if err != nil {
		return "", fmt.Errorf("thread of post %d: %w", id, err)
	}
	return t, nil
}

// BeginEscalation records that row id is about to send its event's
// escalation ping. first is false when an earlier attempt of the row
// already did, and may have pinged: the caller then must not ping again.
func (s *Store) BeginEscalation(ctx context.Context, id int64) (first bool, err error) {
	res, err := s.db.ExecContext(ctx, `UPDATE outbox SET escalation = 'pending' WHERE id = ? AND escalation = ''`, id)
	if err != nil {
		return false, fmt.Errorf("begin escalation of alert %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("begin escalation of alert %d: %w", id, err)
	}
	return n == 1, nil
}

// CancelEscalation forgets the escalation attempt of row id, which Discord
// surely did not act on (rate limited, or refused before doing anything),
// so that the row's retry pings.
func (s *Store) CancelEscalation(ctx context.Context, id int64) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE outbox SET escalation = '' WHERE id = ?`, id); err != nil {
		return fmt.Errorf("cancel escalation of alert %d: %w", id, err)
	}
	return nil
}
