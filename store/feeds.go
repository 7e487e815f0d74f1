package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// FeedState is what the store remembers about one feed between polls: the
// HTTP validators for conditional requests, when to poll next, and health.
type FeedState struct {
	ID           string // the feed's configured name
	URL          string
	ETag         string // validators from the last 200 response
	LastModified string
	NextPoll     time.Time
	LastAttempt  time.Time
	LastSuccess  time.Time // zero until a poll succeeds: the next success is the feed's first
	LastError    string    // "" after a success
	// ConsecutiveFailures counts failed polls since the last success.
	ConsecutiveFailures int
	ItemsSeen           int64 // distinct stories recorded; maintained by CommitPoll
	Failing             bool  // reported as failing; cleared on recovery
	RetryAfter          time.Time
	// MinInterval is the publisher's hint (RSS ttl, Cache-Control max-age);
	// it may lengthen the schedule, never shorten it.
	MinInterval time.Duration
	// ListedSince bounds the last_seen of the items in the feed's current
	// document from below. A 304 proves the document unchanged without
	// touching its items, so Prune keeps stories seen since this.
	ListedSince time.Time
	// Added is when the feed was first tried (zero for feeds first tried
	// before it was recorded): stories published after it are never
	// backlog, however late the first successful poll comes.
	Added time.Time
	// BodyDigest identifies the body last parsed (with the URL it came
	// from); a 200 with the same digest carries the same items. BodyTTL is
	// that body's RSS ttl. Both are "" and 0 until a body is parsed.
	BodyDigest string
	BodyTTL    time.Duration
}

// stateTimeLayout sorts as text: fixed width, UTC.
const stateTimeLayout = "2006-01-02T15:04:05.000000000Z"

func stateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(stateTimeLayout)
}

// boolInt is a flag as the 0 or 1 both databases keep in an integer column
// (PostgreSQL's driver writes no Go bool into one).
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func parseStateTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(stateTimeLayout, s)
}

const feedColumns = `id, url, etag, last_modified, next_poll, last_attempt, last_success,
	last_error, consecutive_failures, items_seen, failing, retry_after, min_interval_seconds, listed_since, added, body_digest, body_ttl_seconds`

// FeedState returns the saved state of feed id; ok is false when the feed
// has never been polled.
func (s *Store) FeedState(ctx context.Context, id string) (FeedState, bool, error) {
	stmt, err := s.prepared(ctx, `SELECT `+feedColumns+` FROM feeds WHERE id = ?`)
	if err != nil {
		return FeedState{}, false, fmt.Errorf("feed state %s: %w", id, err)
	}
	f, err := scanFeed(stmt.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return FeedState{}, false, nil
	}
	if err != nil {
		return FeedState{}, false, fmt.Errorf("feed state %s: %w", id, err)
	}
	return f, true, nil
}

// Feeds returns the state of every feed ever polled, by id.
func (s *Store) Feeds(ctx context.Context) ([]FeedState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	return collectRows(rows, "list feeds", scanFeed)
}

func scanFeed(row rowScanner) (FeedState, error) {
	var f FeedState
	var next, attempt, success, retry, listed, added string
	var minSecs, ttlSecs int64
	err := row.Scan(&f.ID, &f.URL, &f.ETag, &f.LastModified, &next, &attempt, &success,
		&f.LastError, &f.ConsecutiveFailures, &f.ItemsSeen, &f.Failing, &retry, &minSecs, &listed, &added,
		&f.BodyDigest, &ttlSecs)
	if err != nil {
		return f, err
	}
	f.MinInterval = time.Duration(minSecs) * time.Second
	f.BodyTTL = time.Duration(ttlSecs) * time.Second
	for _, p := range []struct {
		s string
		t *time.Time
	}{{next, &f.NextPoll}, {attempt, &f.LastAttempt}, {success, &f.LastSuccess}, {retry, &f.RetryAfter}, {listed, &f.ListedSince}, {added, &f.Added}} {
		if *p.t, err = parseStateTime(p.s); err != nil {
			return f, fmt.Errorf("feed %s: %w", f.ID, err)
		}
	}
	return f, nil
}

// saveFeed writes f inside tx, all fields but ItemsSeen, which only
// CommitPoll's count of new stories moves.
func (s *Store) saveFeed(ctx context.Context, tx *sqlTx, f FeedState) error {
	stmt, err := s.txStmt(ctx, tx, saveFeedSQL)
	if err == nil {
		_, err = stmt.ExecContext(ctx, saveFeedArgs(f)...)
	}
	if err != nil {
		return fmt.Errorf("save feed %s: %w", f.ID, err)
	}
	return nil
}

// saveFeedAlone saves a poll that changes nothing but the feed's state (a
// 304, a body already read, a failure) in one statement, which is atomic
// by itself: the BEGIN and COMMIT of a transaction around it cost about
// as much as the write, on the path most polls take.
func (s *Store) saveFeedAlone(ctx context.Context, f FeedState) error {
	stmt, err := s.prepared(ctx, saveFeedSQL)
	if err == nil {
		_, err = stmt.ExecContext(ctx, saveFeedArgs(f)...)
	}
	if err != nil {
		return fmt.Errorf("commit poll of %s: save feed: %w", f.ID, err)
	}
	return nil
}

func saveFeedArgs(f FeedState) []any {
	return []any{f.ID, f.URL, f.ETag, f.LastModified, stateTime(f.NextPoll), stateTime(f.LastAttempt),
		stateTime(f.LastSuccess), f.LastError, f.ConsecutiveFailures, boolInt(f.Failing),
		stateTime(f.RetryAfter), int64(f.MinInterval / time.Second), stateTime(f.ListedSince), stateTime(f.Added),
		f.BodyDigest, int64(f.BodyTTL / time.Second)}
}

const saveFeedSQL = `INSERT INTO feeds (` + feedColumns + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET url = excluded.url, etag = excluded.etag,
			last_modified = excluded.last_modified, next_poll = excluded.next_poll,
			last_attempt = excluded.last_attempt, last_success = excluded.last_success,
			last_error = excluded.last_error, consecutive_failures = excluded.consecutive_failures,
			failing = excluded.failing, retry_after = excluded.retry_after,
			min_interval_seconds = excluded.min_interval_seconds, listed_since = excluded.listed_since,
			added = CASE WHEN feeds.added = '' THEN excluded.added ELSE feeds.added END,
			body_digest = excluded.body_digest, body_ttl_seconds = excluded.body_ttl_seconds`
