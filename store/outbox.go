package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// timeLayout is fixed-width UTC so that times stored as text sort and compare
// correctly in SQL (RFC3339Nano drops trailing zeros and would not).
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}

// NormTitle folds a title for cross-feed dedup: lower case, letters and
// digits only, words separated by one space. Two outlets that differ only in
// punctuation or case give the same string.
func NormTitle(title string) string {
	var b strings.Builder
	space := false
	for _, r := range title {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}

// enqueueAlerts writes alerts to the outbox inside tx. An alert for a story
// already queued for the same destination is ignored, so replays and
// reloads never queue a story twice. It returns how many rows were new.
func (s *Store) enqueueAlerts(ctx context.Context, tx *sqlTx, alerts []story.Alert) (int, error) {
	if len(alerts) == 0 {
		return 0, nil
	}
	if err := s.lockDestinations(ctx, tx, alerts); err != nil {
		return 0, fmt.Errorf("enqueue alerts: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO outbox
		(destination, feed_id, story_key, link, title, norm_title, severity, alert, queued_at, event_id, state)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
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
			a.Story.Title, NormTitle(a.Story.Title), int(a.Severity), string(body), formatTime(a.Queued), a.Event, initialState(a))
		if err != nil {
			return added, fmt.Errorf("enqueue alert for %s to %s: %w", a.Story.Key, a.Destination, err)
		}
		n, _ := res.RowsAffected()
		added += int(n)
	}
	if added > 0 {
		if err := s.notifyOutbox(ctx, tx); err != nil {
			return added, fmt.Errorf("enqueue alerts: %w", err)
		}
	}
	return added, nil
}

// initialState is where a new outbox row starts: a muted alert is kept
// for the record but never sent.
func initialState(a story.Alert) string {
	if a.Muted != "" {
		return "muted"
	}
	return "queued"
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

// OutboxItem is one queued (or sent) alert with its delivery bookkeeping.
type OutboxItem struct {
	ID          int64
	Alert       story.Alert
	Attempts    int
	NextAttempt time.Time // zero when the item may be tried at once
	QueuedAt    time.Time
	MessageID   string
}

const itemColumns = `id, alert, attempts, next_attempt, queued_at, message_id`

type rowScanner interface{ Scan(dest ...any) error }

// scanItem reads a row of itemColumns, then of the columns that follow
// into extra.
func scanItem(r rowScanner, extra ...any) (OutboxItem, error) {
	var it OutboxItem
	var body, next, queued string
	dest := append([]any{&it.ID, &body, &it.Attempts, &next, &queued, &it.MessageID}, extra...)
	if err := r.Scan(dest...); err != nil {
		return it, err
	}
	if err := decodeAlert(body, &it.Alert); err != nil {
		return it, fmt.Errorf("outbox row %d: %w", it.ID, err)
	}
	it.Alert.ID = it.ID
	it.NextAttempt, it.QueuedAt = parseTime(next), parseTime(queued)
	return it, nil
}

// NextAlert returns the head of dest's queue among alerts at or above
// minSeverity: the oldest queued one, even when it waits for a retry, so that
// a destination's alerts go out in the order they were queued. ok is false
// when nothing is queued.
func (s *Store) NextAlert(ctx context.Context, dest string, minSeverity story.Severity) (it OutboxItem, ok bool, err error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM outbox
		WHERE destination = ? AND state = 'queued' AND severity >= ? ORDER BY id LIMIT 1`, dest, int(minSeverity))
	it, err = scanItem(row)
	if errors.Is(err, sql.ErrNoRows) {
		return it, false, nil
	}
	if err != nil {
		return it, false, fmt.Errorf("next alert for %s: %w", dest, err)
	}
	return it, true, nil
}

func collectItems(rows *sql.Rows, what string) ([]OutboxItem, error) {
	return collectRows(rows, what, func(r rowScanner) (OutboxItem, error) { return scanItem(r) })
}

// collectRows reads every row with scan and closes rows; errors say what
// was being read.
func collectRows[T any](rows *sql.Rows, what string, scan func(rowScanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		it, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// MarkSent records that Discord accepted the alert as messageID. It also
// notes the destination's last success (clearing a failed mark), in the same
// transaction, so the record of a message and its id can never disagree.
func (s *Store) MarkSent(ctx context.Context, id int64, messageID string) error {
	return s.markSent(ctx, fmt.Sprintf("mark alert %d sent", id), []int64{id}, messageID)
}

// markSent marks the alerts ids, all of one destination, sent as
// messageID in one transaction.
func (s *Store) markSent(ctx context.Context, what string, ids []int64, messageID string) error {
	return s.inTx(ctx, what, func(tx *sqlTx, now string) error {
		return s.markSentTx(ctx, tx, now, ids, messageID)
	})
}

// markSentTx is markSent inside the transaction tx begun at now.
func (s *Store) markSentTx(ctx context.Context, tx *sqlTx, now string, ids []int64, messageID string) error {
	dest, err := s.setStates(ctx, tx, ids, `state = 'sent', message_id = ?, sent_at = ?, last_error = ''`, messageID, now)
	if err != nil {
		return err
	}
	return upsertDestination(ctx, tx, dest, `last_success = ?, failed = '', failed_at = ''`, now)
}

// MarkMerged records that the alert was added to the message of the sent
// alert into (an "also reported by" edit) rather than posted again.
func (s *Store) MarkMerged(ctx context.Context, id, into int64, messageID string) error {
	return s.inTx(ctx, fmt.Sprintf("mark alert %d merged", id), func(tx *sqlTx, now string) error {
		dest, err := s.setStates(ctx, tx, []int64{id}, `state = 'merged', merged_into = ?, message_id = ?, sent_at = ?`, into, messageID, now)
		if err != nil {
			return err
		}
		return upsertDestination(ctx, tx, dest, `last_success = ?`, now)
	})
}

// MarkRetry counts a failed attempt and keeps the alert queued until next.
func (s *Store) MarkRetry(ctx context.Context, id int64, next time.Time, reason string) error {
	return s.inTx(ctx, fmt.Sprintf("mark alert %d for retry", id), func(tx *sqlTx, now string) error {
		dest, err := s.setStates(ctx, tx, []int64{id}, `attempts = attempts + 1, next_attempt = ?, last_error = ?`, formatTime(next), reason)
		if err != nil {
			return err
		}
		return upsertDestination(ctx, tx, dest, `last_error = ?, last_error_at = ?`, reason, now)
	})
}

// MarkFailed gives up on one alert for good, keeping the reason.
func (s *Store) MarkFailed(ctx context.Context, id int64, reason string) error {
	return s.inTx(ctx, fmt.Sprintf("mark alert %d failed", id), func(tx *sqlTx, now string) error {
		dest, err := s.setStates(ctx, tx, []int64{id}, `state = 'failed', attempts = attempts + 1, last_error = ?`, reason)
		if err != nil {
			return err
		}
		return upsertDestination(ctx, tx, dest, `last_error = ?, last_error_at = ?`, reason, now)
	})
}

// SetDestinationFailed stops a destination that Discord refuses for good
// (reason "" clears it). Its alerts stay queued, so fixing the webhook and
// restarting delivers them.
func (s *Store) SetDestinationFailed(ctx context.Context, dest, reason string) error {
	return s.inTx(ctx, "set destination "+dest+" state", func(tx *sqlTx, now string) error {
		if reason == "" {
			return upsertDestination(ctx, tx, dest, `failed = '', failed_at = ''`)
		}
		return upsertDestination(ctx, tx, dest, `failed = ?, failed_at = ?, last_error = ?, last_error_at = ?`,
			reason, now, reason, now)
	})
}

func (s *Store) inTx(ctx context.Context, what string, fn func(tx *sqlTx, now string) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	if err := fn(tx, formatTime(s.now())); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// setStates applies set to the rows ids, all of one destination, in one
// statement per inBatch ids, and returns that destination. An id with no
// row is an error.
func (s *Store) setStates(ctx context.Context, tx *sqlTx, ids []int64, set string, args ...any) (string, error) {
	var dest string
	err := inBatches(ids, func(batch []int64) error {
		in, inArgs := inList(batch)
		rows, err := tx.QueryContext(ctx, `UPDATE outbox SET `+set+` WHERE id IN (`+in+`) RETURNING id, destination`,
			append(args[:len(args):len(args)], inArgs...)...)
		if err != nil {
			return err
		}
		found, err := collectRows(rows, "set state", func(r rowScanner) (int64, error) {
			var id int64
			return id, r.Scan(&id, &dest)
		})
		if err != nil {
			return err
		}
		return missingRow(batch, found)
	})
	return dest, err
}

// missingRow reports the first of ids not in found.
func missingRow(ids, found []int64) error {
	have := make(map[int64]bool, len(found))
	for _, id := range found {
		have[id] = true
	}
	for _, id := range ids {
		if !have[id] {
			return fmt.Errorf("no outbox row %d", id)
		}
	}
	return nil
}

func upsertDestination(ctx context.Context, tx *sqlTx, dest, set string, args ...any) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO destination_state (destination) VALUES (?) ON CONFLICT DO NOTHING`, dest); err != nil {
		return err
	}
	args = append(args, dest)
	_, err := tx.ExecContext(ctx, `UPDATE destination_state SET `+set+` WHERE destination = ?`, args...)
	return err
}

// FindSent looks for an alert already posted to dest about the same story:
// the same link, or the same NormTitle queued at or after since. It ignores
// row id itself and returns the latest such post (an earlier one may have
// been deleted). ok is false when there is none.
func (s *Store) FindSent(ctx context.Context, dest, link, normTitle string, since time.Time, id int64) (it OutboxItem, ok bool, err error) {
	if link == "" && normTitle == "" {
		return it, false, nil
	}
	row := s.db.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM outbox
		WHERE destination = ? AND state = 'sent' AND id <> ? AND message_id <> ''
		AND ((? <> '' AND link = ?) OR (? <> '' AND norm_title = ? AND queued_at >= ?))
		ORDER BY id DESC LIMIT 1`, dest, id, link, link, normTitle, normTitle, formatTime(since))
	it, err = scanItem(row)
	if errors.Is(err, sql.ErrNoRows) {
		return it, false, nil
	}
	if err != nil {
		return it, false, fmt.Errorf("find sent alert for %s: %w", dest, err)
	}
	return it, true, nil
}

// MergedFeeds lists the names of the feeds whose alerts were merged into the
// sent alert id, in the order they were merged.
func (s *Store) MergedFeeds(ctx context.Context, id int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, s.d.pick(
		`SELECT json_extract(alert, '$.story.feed_name'), feed_id FROM outbox WHERE merged_into = ? ORDER BY id`,
		`SELECT alert::jsonb -> 'story' ->> 'feed_name', feed_id FROM outbox WHERE merged_into = ? ORDER BY id`), id)
	if err != nil {
		return nil, fmt.Errorf("merged feeds of %d: %w", id, err)
	}
	return collectRows(rows, fmt.Sprintf("merged feeds of %d", id), func(r rowScanner) (string, error) {
		var name sql.NullString
		var feed string
		err := r.Scan(&name, &feed)
		if name.String == "" {
			name.String = feed
		}
		return name.String, err
	})
}

// DestinationStats is the delivery health of one destination, for `status`.
type DestinationStats struct {
	Destination string
	Depth       int // alerts still queued
	LastSuccess time.Time
	LastError   string
	LastErrorAt time.Time
	Failed      string // why the destination was stopped; "" when working
}

// OutboxStats reports every destination that has queued alerts or a
// delivery history, sorted by name.
func (s *Store) OutboxStats(ctx context.Context) ([]DestinationStats, error) {
	rows, err := s.db.QueryContext(ctx, `
		WITH names AS (SELECT DISTINCT destination FROM outbox UNION SELECT destination FROM destination_state)
		SELECT n.destination,
			(SELECT count(*) FROM outbox o WHERE o.destination = n.destination AND o.state = 'queued'),
			coalesce(d.last_success, ''), coalesce(d.last_error, ''), coalesce(d.last_error_at, ''), coalesce(d.failed, '')
		FROM names n LEFT JOIN destination_state d ON d.destination = n.destination
		ORDER BY n.destination`)
	if err != nil {
		return nil, fmt.Errorf("outbox stats: %w", err)
	}
	return collectRows(rows, "outbox stats", func(r rowScanner) (DestinationStats, error) {
		var st DestinationStats
		var ok, errAt string
		err := r.Scan(&st.Destination, &st.Depth, &ok, &st.LastError, &errAt, &st.Failed)
		st.LastSuccess, st.LastErrorAt = parseTime(ok), parseTime(errAt)
		return st, err
	})
}

// RecentAlert is an alert queued recently, with where it stands.
type RecentAlert struct {
	OutboxItem
	State     string // queued, sent, merged or failed
	LastError string
}

// RecentAlerts lists alerts queued within since of now, newest first; a
// non-empty rule keeps only alerts in which that rule fired.
func (s *Store) RecentAlerts(ctx context.Context, since time.Duration, rule string) ([]RecentAlert, error) {
	from := formatTime(s.now().Add(-since))
	matches, ruleOf := s.d.matchedRules("outbox.alert")
	rows, err := s.db.QueryContext(ctx, `SELECT `+itemColumns+`, state, last_error FROM outbox
		WHERE queued_at >= ? AND (? = '' OR EXISTS (SELECT 1 FROM `+matches+` WHERE `+ruleOf+` = ?))
		ORDER BY id DESC`, from, rule, rule)
	if err != nil {
		return nil, fmt.Errorf("recent alerts: %w", err)
	}
	return collectRows(rows, "recent alerts", scanRecent)
}

func scanRecent(row rowScanner) (RecentAlert, error) {
	var r RecentAlert
	var body, next, queued string
	if err := row.Scan(&r.ID, &body, &r.Attempts, &next, &queued, &r.MessageID, &r.State, &r.LastError); err != nil {
		return r, err
	}
	if err := decodeAlert(body, &r.Alert); err != nil {
		return r, fmt.Errorf("row %d: %w", r.ID, err)
	}
	r.NextAttempt, r.QueuedAt = parseTime(next), parseTime(queued)
	return r, nil
}

// AlertsByRule counts, per rule id, the stories that rule alerted on within
// since of now. A story sent to several destinations counts once.
func (s *Store) AlertsByRule(ctx context.Context, since time.Duration) (map[string]int, error) {
	matches, ruleOf := s.d.matchedRules("o.alert")
	rows, err := s.db.QueryContext(ctx, `SELECT `+ruleOf+`, count(DISTINCT o.feed_id || ' ' || o.story_key)
		FROM outbox o, `+matches+`
		WHERE o.queued_at >= ? GROUP BY 1`, formatTime(s.now().Add(-since)))
	if err != nil {
		return nil, fmt.Errorf("alerts by rule: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var rule sql.NullString
		var n int
		if err := rows.Scan(&rule, &n); err != nil {
			return nil, fmt.Errorf("alerts by rule: %w", err)
		}
		out[rule.String] = n
	}
	return out, rows.Err()
}

// severityText reads a severity written by story.Severity.MarshalText, which
// the story package does not read back itself.
type severityText story.Severity

func (s *severityText) UnmarshalText(b []byte) error {
	v, ok := story.ParseSeverity(string(b))
	if !ok {
		return fmt.Errorf("unknown severity %q", b)
	}
	*s = severityText(v)
	return nil
}

// alertJSON and matchJSON shadow the severity fields of the stored JSON.
type alertJSON struct {
	story.Alert
	Severity severityText `json:"severity"`
	Matches  []matchJSON  `json:"matches"`
}

type matchJSON struct {
	story.Match
	Severity severityText `json:"severity"`
}

func decodeAlert(body string, a *story.Alert) error {
	var j alertJSON
	if err := json.Unmarshal([]byte(body), &j); err != nil {
		return err
	}
	*a = j.Alert
	a.Severity = story.Severity(j.Severity)
	a.Matches = make([]story.Match, len(j.Matches))
	for i, m := range j.Matches {
		a.Matches[i] = m.Match
		a.Matches[i].Severity = story.Severity(m.Severity)
	}
	return nil
}
