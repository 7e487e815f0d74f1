package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// EventReport files one story in an event.
type EventReport struct {
	Event     string
	Feed, Key string // the story
	Title     string
	Link      string
	Published time.Time
	Features  []byte // JSON of the events package: what grouping compares
}

// Event is a stored event: its window and how many reported it.
type Event struct {
	ID              string
	Title           string // the first report's title
	FirstAt, LastAt time.Time
	Reports         int
	Outlets         int // distinct feeds
}

// fileReports records reports in their events inside tx, creating events
// as needed. A story already filed is left where it is, so replaying a
// poll never files a story twice.
func fileReports(ctx context.Context, tx *sqlTx, reports []EventReport, now time.Time) error {
	for _, r := range reports {
		if err := fileReport(ctx, tx, r, now); err != nil {
			return fmt.Errorf("file %s/%s in event %s: %w", r.Feed, r.Key, r.Event, err)
		}
	}
	return nil
}

func fileReport(ctx context.Context, tx *sqlTx, r EventReport, now time.Time) error {
	pub := stateTime(r.Published)
	if _, err := tx.ExecContext(ctx, `INSERT INTO events (id, title, first_at, last_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING`, r.Event, r.Title, pub, pub); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO event_reports
		(feed_id, story_key, event_id, title, link, published, features, filed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`,
		r.Feed, r.Key, r.Event, r.Title, r.Link, pub, string(r.Features), stateTime(now))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE events SET reports = reports + 1,
		first_at = CASE WHEN ? < first_at THEN ? ELSE first_at END,
		last_at = CASE WHEN ? > last_at THEN ? ELSE last_at END,
		outlets = (SELECT count(DISTINCT feed_id) FROM event_reports WHERE event_id = ?)
		WHERE id = ?`, pub, pub, pub, pub, r.Event, r.Event)
	return err
}

// EventReports returns the reports published at or after since, oldest
// first: what grouping needs to resume after a restart.
func (s *Store) EventReports(ctx context.Context, since time.Time) ([]EventReport, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT event_id, feed_id, story_key, title, link, published, features
		FROM event_reports WHERE published >= ? ORDER BY published, filed_at`, stateTime(since))
	if err != nil {
		return nil, fmt.Errorf("event reports: %w", err)
	}
	return collectReports(rows)
}

// EventReportsFiled returns the reports filed at or after since, oldest
// first: what other instances sharing the state filed lately, so that an
// instance's grouper knows their events too.
func (s *Store) EventReportsFiled(ctx context.Context, since time.Time) ([]EventReport, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT event_id, feed_id, story_key, title, link, published, features
		FROM event_reports WHERE filed_at >= ? ORDER BY filed_at, published`, stateTime(since))
	if err != nil {
		return nil, fmt.Errorf("event reports filed since %s: %w", stateTime(since), err)
	}
	return collectReports(rows)
}

// Event returns an event and its reports, newest first; ok is false when
// there is no such event.
func (s *Store) Event(ctx context.Context, id string) (ev Event, reports []EventReport, ok bool, err error) {
	var first, last string
	err = s.db.QueryRowContext(ctx, `SELECT id, title, first_at, last_at, reports, outlets FROM events WHERE id = ?`, id).
		Scan(&ev.ID, &ev.Title, &first, &last, &ev.Reports, &ev.Outlets)
	if errors.Is(err, sql.ErrNoRows) {
		return ev, nil, false, nil
	}
	if err != nil {
		return ev, nil, false, fmt.Errorf("event %s: %w", id, err)
	}
	if ev.FirstAt, err = parseStateTime(first); err == nil {
		ev.LastAt, err = parseStateTime(last)
	}
	if err != nil {
		return ev, nil, false, fmt.Errorf("event %s: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT event_id, feed_id, story_key, title, link, published, features
		FROM event_reports WHERE event_id = ? ORDER BY published DESC, filed_at DESC`, id)
	if err != nil {
		return ev, nil, false, fmt.Errorf("event %s: %w", id, err)
	}
	reports, err = collectReports(rows)
	return ev, reports, err == nil, err
}

func collectReports(rows *sql.Rows) ([]EventReport, error) {
	return collectRows(rows, "event reports", scanReport)
}

func scanReport(row rowScanner) (EventReport, error) {
	var r EventReport
	var pub, feats string
	if err := row.Scan(&r.Event, &r.Feed, &r.Key, &r.Title, &r.Link, &pub, &feats); err != nil {
		return r, err
	}
	t, err := parseStateTime(pub)
	r.Published, r.Features = t, []byte(feats)
	return r, err
}
