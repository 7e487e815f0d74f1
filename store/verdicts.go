package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// VerdictInput is one reader's judgement of one alert.
type VerdictInput struct {
	AlertID    int64 // outbox id
	Reader     string
	ReaderName string
	Relevant   bool
}

// Tally counts the verdicts on one alert.
type Tally struct {
	Relevant, NotRelevant int
}

// ErrNoAlert is returned for an alert id the outbox does not hold.
var ErrNoAlert = errors.New("no such alert")

// RecordVerdict keeps v, replacing the reader's earlier verdict on the same
// alert, and returns the alert's tally. The rules that fired are copied
// from the alert, so feedback outlives the outbox row.
func (s *Store) RecordVerdict(ctx context.Context, v VerdictInput) (Tally, error) {
	var t Tally
	err := s.inTx(ctx, fmt.Sprintf("record verdict on alert %d", v.AlertID), func(tx *sqlTx, now string) error {
		it, err := alertInTx(ctx, tx, v.AlertID)
		if err != nil {
			return err
		}
		rules, _ := json.Marshal(ruleIDs(it.Alert.Matches))
		if _, err := tx.ExecContext(ctx, `INSERT INTO verdicts
			(alert_id, reader, reader_name, relevant, rules, feed_id, story_key, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (alert_id, reader) DO UPDATE SET relevant = excluded.relevant,
				reader_name = excluded.reader_name, updated_at = excluded.updated_at`,
			v.AlertID, v.Reader, v.ReaderName, boolInt(v.Relevant), string(rules), it.Alert.Story.FeedID, it.Alert.Story.Key,
			now, now); err != nil {
			return err
		}
		t, err = tallyInTx(ctx, tx, v.AlertID)
		return err
	})
	return t, err
}

func ruleIDs(ms []story.Match) []string {
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.RuleID
	}
	return ids
}

func alertInTx(ctx context.Context, tx *sqlTx, id int64) (OutboxItem, error) {
	it, err := scanItem(tx.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM outbox WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return it, fmt.Errorf("alert %d: %w", id, ErrNoAlert)
	}
	return it, err
}

func tallyInTx(ctx context.Context, tx *sqlTx, id int64) (Tally, error) {
	var t Tally
	err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(relevant), 0), coalesce(sum(1 - relevant), 0)
		FROM verdicts WHERE alert_id = ?`, id).Scan(&t.Relevant, &t.NotRelevant)
	return t, err
}

// Alert returns the outbox row id; ErrNoAlert when there is none.
func (s *Store) Alert(ctx context.Context, id int64) (OutboxItem, error) {
	it, err := scanItem(s.db.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM outbox WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return it, fmt.Errorf("alert %d: %w", id, ErrNoAlert)
	}
	if err != nil {
		return it, fmt.Errorf("alert %d: %w", id, err)
	}
	return it, nil
}

// AlertByMessage returns the alert posted as Discord message messageID
// (the first, if merges share it); ErrNoAlert when none was.
func (s *Store) AlertByMessage(ctx context.Context, messageID string) (OutboxItem, error) {
	it, err := scanItem(s.db.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM outbox
		WHERE message_id = ? AND message_id <> '' ORDER BY id LIMIT 1`, messageID))
	if errors.Is(err, sql.ErrNoRows) {
		return it, fmt.Errorf("message %s: %w", messageID, ErrNoAlert)
	}
	if err != nil {
		return it, fmt.Errorf("message %s: %w", messageID, err)
	}
	return it, nil
}

// RuleFeedback is what readers said about one rule's alerts.
type RuleFeedback struct {
	Rule                  string
	Relevant, NotRelevant int
}

// Precision is the share of verdicts that found the rule's alerts relevant;
// ok is false when there are none.
func (f RuleFeedback) Precision() (p float64, ok bool) {
	n := f.Relevant + f.NotRelevant
	if n == 0 {
		return 0, false
	}
	return float64(f.Relevant) / float64(n), true
}

// FeedbackByRule counts verdicts given at or after since per rule (every
// rule of a judged alert gets the verdict), sorted by rule; a non-empty
// rule keeps only that one.
func (s *Store) FeedbackByRule(ctx context.Context, since time.Time, rule string) ([]RuleFeedback, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.value, sum(v.relevant), sum(1 - v.relevant)
		FROM verdicts v, `+s.d.jsonStrings("v.rules", "r")+`
		WHERE v.updated_at >= ? AND (? = '' OR r.value = ?) GROUP BY r.value ORDER BY r.value`,
		formatTime(since), rule, rule)
	if err != nil {
		return nil, fmt.Errorf("feedback by rule: %w", err)
	}
	return collectRows(rows, "feedback by rule", func(r rowScanner) (RuleFeedback, error) {
		var f RuleFeedback
		return f, r.Scan(&f.Rule, &f.Relevant, &f.NotRelevant)
	})
}

// JudgedStory is a story readers judged, with their verdicts summed over
// every alert of it.
type JudgedStory struct {
	Story story.Story
	Tally
}

// JudgedStories returns the stories of alerts in which rule fired and that
// readers judged at or after since, in the order first judged.
func (s *Store) JudgedStories(ctx context.Context, rule string, since time.Time) ([]JudgedStory, error) {
	rows, err := s.db.QueryContext(ctx, `WITH j AS (
			SELECT feed_id, story_key, sum(relevant) AS rel, sum(1 - relevant) AS nrel,
				min(created_at) AS first, min(alert_id) AS alert_id
			FROM verdicts v WHERE updated_at >= ? AND EXISTS (SELECT 1 FROM `+s.d.jsonStrings("v.rules", "r")+` WHERE r.value = ?)
			GROUP BY feed_id, story_key)
		SELECT j.feed_id, j.story_key, j.rel, j.nrel, o.alert FROM j LEFT JOIN outbox o ON o.id = j.alert_id
		ORDER BY j.first, j.feed_id, j.story_key`, formatTime(since), rule)
	if err != nil {
		return nil, fmt.Errorf("judged stories of %s: %w", rule, err)
	}
	return collectRows(rows, "judged stories of "+rule, scanJudged)
}

// scanJudged reads a judged story, whole from its first alert when that
// alert is still in the outbox, else only its feed and key.
func scanJudged(r rowScanner) (JudgedStory, error) {
	var js JudgedStory
	var body sql.NullString
	if err := r.Scan(&js.Story.FeedID, &js.Story.Key, &js.Relevant, &js.NotRelevant, &body); err != nil || !body.Valid {
		return js, err
	}
	var a story.Alert
	if err := decodeAlert(body.String, &a); err != nil {
		return js, err
	}
	js.Story = a.Story
	return js, nil
}

// ClaimInteraction records a Discord interaction id and reports whether it
// was new. A request seen before (a replay) must change nothing. Ids older
// than a day are forgotten: Discord's signatures go stale long before.
func (s *Store) ClaimInteraction(ctx context.Context, id string) (bool, error) {
	var fresh bool
	err := s.inTx(ctx, "claim interaction "+id, func(tx *sqlTx, now string) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM interactions_seen WHERE seen_at < ?`,
			formatTime(s.now().Add(-24*time.Hour))); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO interactions_seen (id, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING`, id, now)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		fresh = n == 1
		return nil
	})
	return fresh, err
}
