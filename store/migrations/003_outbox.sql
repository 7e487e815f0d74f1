-- The outbox: every alert is written here, in the same transaction that marks
-- its story seen, before any network call. The sender drains it per
-- destination in id order. A row is one story for one destination, so a
-- story is never queued twice for the same place.
CREATE TABLE outbox (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	destination  TEXT    NOT NULL,
	feed_id      TEXT    NOT NULL,
	story_key    TEXT    NOT NULL,
	link         TEXT    NOT NULL DEFAULT '',
	title        TEXT    NOT NULL DEFAULT '',
	severity     INTEGER NOT NULL,
	alert        TEXT    NOT NULL, -- story.Alert as JSON
	state        TEXT    NOT NULL DEFAULT 'queued', -- queued, sent, failed
	attempts     INTEGER NOT NULL DEFAULT 0,
	next_attempt TEXT    NOT NULL DEFAULT '',
	last_error   TEXT    NOT NULL DEFAULT '',
	message_id   TEXT    NOT NULL DEFAULT '',
	queued_at    TEXT    NOT NULL,
	sent_at      TEXT    NOT NULL DEFAULT '',
	UNIQUE (destination, feed_id, story_key)
);
CREATE INDEX outbox_pending ON outbox (destination, state, id);
