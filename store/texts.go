package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// SetTextCap sets how many bytes of text (title, then summary, then
// content) are kept of each new story for replay; 0 keeps none.
func (s *Store) SetTextCap(n int64) { s.textCap.Store(max(n, 0)) }

// keepTexts stores the capped text of the stories first recorded at now
// inside tx. Stories seen before are skipped even when their text was
// pruned, so that a story never reappears in history as seen today.
func (s *Store) keepTexts(ctx context.Context, tx *sqlTx, stories []story.Story, now time.Time) error {
	limit := s.textCap.Load()
	if limit == 0 || len(stories) == 0 {
		return nil
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO story_texts
		(feed_id, key, feed_name, link, title, summary, content, authors, categories, language, published, seen_at)
		SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
		WHERE EXISTS (SELECT 1 FROM stories WHERE feed_id = ? AND key = ? AND first_seen = ?)
		ON CONFLICT DO NOTHING`)
	if err != nil {
		return fmt.Errorf("keep story texts: %w", err)
	}
	defer ins.Close()
	ts := stateTime(now)
	for _, st := range stories {
		c := capText(st, limit)
		authors, _ := json.Marshal(nonNil(st.Authors))
		cats, _ := json.Marshal(nonNil(st.Categories))
		if _, err := ins.ExecContext(ctx, st.FeedID, st.Key, st.FeedName, st.Link, c.Title, c.Summary, c.Content,
			string(authors), string(cats), st.Language, stateTime(st.Published), ts, st.FeedID, st.Key, ts); err != nil {
			return fmt.Errorf("keep text of %s: %w", st.Key, err)
		}
	}
	return nil
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// capText cuts title, summary and content, in that order, to limit bytes
// in all, never inside a UTF-8 sequence.
func capText(st story.Story, limit int64) story.Story {
	left := limit
	for _, f := range []*string{&st.Title, &st.Summary, &st.Content} {
		*f = cutUTF8(*f, left)
		left -= int64(len(*f))
	}
	return st
}

func cutUTF8(s string, n int64) string {
	if n <= 0 {
		return ""
	}
	if int64(len(s)) <= n {
		return s
	}
	i := int(n)
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// StoredStory is a story kept for replay, with when it was first seen.
type StoredStory struct {
	Story  story.Story
	SeenAt time.Time
}

// textPage is how many story texts EachStoryText reads per query.
const textPage = 1000

// EachStoryText calls fn for every story text first seen at or after since,
// in the order they were kept (oldest first). It reads a page at a time
// and calls fn between queries, so a long history never sits in memory
// and a slow fn (a replay matching rules) never holds the connection the
// daemon's polls and sender share. An error from fn stops the walk and is
// returned.
func (s *Store) EachStoryText(ctx context.Context, since time.Time, fn func(StoredStory) error) error {
	var after int64
	for {
		page, last, err := s.textPage(ctx, stateTime(since), after)
		if err != nil {
			return fmt.Errorf("read story texts: %w", err)
		}
		for _, ss := range page {
			if err := fn(ss); err != nil {
				return err
			}
		}
		if len(page) < textPage {
			return nil
		}
		after = last
	}
}

// textPage reads up to textPage texts kept after row seq after, and
// returns the seq of the last one.
func (s *Store) textPage(ctx context.Context, since string, after int64) ([]StoredStory, int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, feed_id, key, feed_name, link, title, summary, content,
		authors, categories, language, published, seen_at FROM story_texts
		WHERE seq > ? AND seen_at >= ? ORDER BY seq LIMIT ?`, after, since, textPage)
	if err != nil {
		return nil, 0, err
	}
	var seq int64
	page, err := collectRows(rows, fmt.Sprintf("page after row %d", after), func(r rowScanner) (StoredStory, error) {
		return scanText(r, &seq)
	})
	return page, seq, err
}

func scanText(r rowScanner, seq *int64) (StoredStory, error) {
	var ss StoredStory
	st := &ss.Story
	var authors, cats, pub, seen string
	if err := r.Scan(seq, &st.FeedID, &st.Key, &st.FeedName, &st.Link, &st.Title, &st.Summary, &st.Content,
		&authors, &cats, &st.Language, &pub, &seen); err != nil {
		return ss, err
	}
	if err := json.Unmarshal([]byte(authors), &st.Authors); err != nil {
		return ss, fmt.Errorf("story %s authors: %w", st.Key, err)
	}
	if err := json.Unmarshal([]byte(cats), &st.Categories); err != nil {
		return ss, fmt.Errorf("story %s categories: %w", st.Key, err)
	}
	st.Authors, st.Categories = nilIfEmpty(st.Authors), nilIfEmpty(st.Categories)
	var err error
	if st.Published, err = parseStateTime(pub); err != nil {
		return ss, err
	}
	ss.SeenAt, err = parseStateTime(seen)
	return ss, err
}

func nilIfEmpty(xs []string) []string {
	if len(xs) == 0 {
		return nil
	}
	return xs
}

// PruneTexts forgets story texts first seen more than olderThan ago and
// returns how many; olderThan 0 forgets them all.
func (s *Store) PruneTexts(ctx context.Context, olderThan time.Duration) (int, error) {
	if olderThan < 0 {
		return 0, fmt.Errorf("prune story texts: retention %v is negative", olderThan)
	}
	res, err := s.db.ExecContext(ctx, `DELETE FROM story_texts WHERE seen_at < ?`, stateTime(s.now().Add(-olderThan)))
	if err != nil {
		return 0, fmt.Errorf("prune story texts: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// StoryRef names a story: its feed and its key within the feed.
type StoryRef struct{ FeedID, Key string }

// AlertedRules returns, for every story in history first seen at or after
// since that was alerted to any destination, the ids of the rules that
// fired. Notices and list changes have no history and are left out.
func (s *Store) AlertedRules(ctx context.Context, since time.Time) (map[StoryRef][]string, error) {
	matches, ruleOf := s.d.matchedRules("o.alert")
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT o.feed_id, o.story_key, `+ruleOf+`
		FROM story_texts t JOIN outbox o ON o.feed_id = t.feed_id AND o.story_key = t.key, `+matches+`
		WHERE t.seen_at >= ? ORDER BY 1, 2, 3`, stateTime(since))
	if err != nil {
		return nil, fmt.Errorf("alerted rules: %w", err)
	}
	defer rows.Close()
	out := map[StoryRef][]string{}
	for rows.Next() {
		var ref StoryRef
		var rule string
		if err := rows.Scan(&ref.FeedID, &ref.Key, &rule); err != nil {
			return nil, fmt.Errorf("alerted rules: %w", err)
		}
		out[ref] = append(out[ref], rule)
	}
	return out, rows.Err()
}
