-- The text of every story seen, capped, so that rules can be run again over
-- history (replay, and what a reload would have changed). Kept apart from
-- stories so that the dedup table stays small and its retention is its own.
CREATE TABLE story_texts (
	seq        INTEGER PRIMARY KEY, -- order kept: replay pages through it in one pass
	feed_id    TEXT NOT NULL,
	key        TEXT NOT NULL,
	feed_name  TEXT NOT NULL DEFAULT '',
	link       TEXT NOT NULL DEFAULT '',
	title      TEXT NOT NULL DEFAULT '',
	summary    TEXT NOT NULL DEFAULT '',
	content    TEXT NOT NULL DEFAULT '',
	authors    TEXT NOT NULL DEFAULT '[]', -- JSON array
	categories TEXT NOT NULL DEFAULT '[]', -- JSON array
	language   TEXT NOT NULL DEFAULT '',
	published  TEXT NOT NULL DEFAULT '',
	seen_at    TEXT NOT NULL,
	UNIQUE (feed_id, key)
);
CREATE INDEX story_texts_seen ON story_texts (seen_at);
-- Replay compares what rules would alert with what did, story by story.
CREATE INDEX outbox_story ON outbox (feed_id, story_key);
