package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// SeenStory is the record of a story already seen in a feed.
type SeenStory struct {
	Key       string
	GUID      string
	Title     string
	Link      string
	Published time.Time
	FirstSeen time.Time
	LastSeen  time.Time
}

// SeenKeys returns, of keys, those already recorded for feedID, with what
// was recorded. Keys not in the map are new.
func (s *Store) SeenKeys(ctx context.Context, feedID string, keys []string) (map[string]SeenStory, error) {
	out := make(map[string]SeenStory, len(keys))
	err := inBatches(keys, func(batch []string) error { return s.seenBatch(ctx, feedID, batch, out) })
	if err != nil {
		return nil, fmt.Errorf("seen keys of %s: %w", feedID, err)
	}
	return out, nil
}

func (s *Store) seenBatch(ctx context.Context, feedID string, keys []string, out map[string]SeenStory) error {
	in, args := inList(keys)
	stmt, err := s.prepared(ctx, `SELECT key, guid, title, link, published, first_seen, last_seen FROM stories
		WHERE feed_id = ? AND key IN (`+in+`)`)
	if err != nil {
		return err
	}
	rows, err := stmt.QueryContext(ctx, append([]any{feedID}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		st, err := scanSeen(rows)
		if err != nil {
			return err
		}
		out[st.Key] = st
	}
	return rows.Err()
}

func scanSeen(rows *sql.Rows) (SeenStory, error) {
	var st SeenStory
	var pub, first, last string
	if err := rows.Scan(&st.Key, &st.GUID, &st.Title, &st.Link, &pub, &first, &last); err != nil {
		return st, err
	}
	var err error
	if st.Published, err = parseStateTime(pub); err != nil {
		return st, err
	}
	if st.FirstSeen, err = parseStateTime(first); err != nil {
		return st, err
	}
	st.LastSeen, err = parseStateTime(last)
	return st, err
}

// recordStories marks stories seen at now inside tx: new ones are inserted,
// known ones get their last_seen, title and link refreshed (first_seen and
// published stay as first recorded). It returns how many were new.
func (s *Store) recordStories(ctx context.Context, tx *sqlTx, stories []story.Story, now time.Time) (int, error) {
	if len(stories) == 0 {
		return 0, nil
	}
	ins, err := s.txStmt(ctx, tx, insertStorySQL)
	if err != nil {
		return 0, fmt.Errorf("record stories: %w", err)
	}
	upd, err := s.txStmt(ctx, tx, refreshStorySQL)
	if err != nil {
		return 0, fmt.Errorf("record stories: %w", err)
	}
	ts, added := stateTime(now), 0
	for _, st := range stories {
		res, err := ins.ExecContext(ctx, st.FeedID, st.Key, st.GUID, st.Title, st.Link, stateTime(st.Published), ts, ts)
		if err != nil {
			return added, fmt.Errorf("record story %s: %w", st.Key, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			added++
			continue
		}
		if _, err := upd.ExecContext(ctx, ts, st.Title, st.Link, st.FeedID, st.Key); err != nil {
			return added, fmt.Errorf("record story %s: %w", st.Key, err)
		}
	}
	return added, nil
}

const (
	insertStorySQL = `INSERT INTO stories
		(feed_id, key, guid, title, link, published, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`
	refreshStorySQL = `UPDATE stories SET last_seen = ?, title = ?, link = ?
		WHERE feed_id = ? AND key = ?`
)

// Prune forgets stories no poll has listed for olderThan, and returns how
// many. Items their feed still carries are kept, so they never come back
// as new: a poll that reads them refreshes their last_seen, and those of an
// unchanged document (304) are kept by the feed's ListedSince.
func (s *Store) Prune(ctx context.Context, olderThan time.Duration) (int, error) {
	if olderThan <= 0 {
		return 0, fmt.Errorf("prune stories: retention %v must be positive", olderThan)
	}
	cutoff := stateTime(s.now().Add(-olderThan))
	res, err := s.db.ExecContext(ctx, `DELETE FROM stories WHERE last_seen < ?
		AND last_seen < COALESCE((SELECT NULLIF(listed_since, '') FROM feeds WHERE feeds.id = stories.feed_id), '~')`, cutoff)
	if err != nil {
		return 0, fmt.Errorf("prune stories: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
