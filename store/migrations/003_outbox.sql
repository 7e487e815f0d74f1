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
	norm_title   TEXT    NOT NULL DEFAULT '', -- see NormTitle; finds one story told by several feeds
	severity     INTEGER NOT NULL,
	alert        TEXT    NOT NULL, -- story.Alert as JSON
	state        TEXT    NOT NULL DEFAULT 'queued', -- queued, sent, merged, failed
	attempts     INTEGER NOT NULL DEFAULT 0,
	next_attempt TEXT    NOT NULL DEFAULT '',
	last_error   TEXT    NOT NULL DEFAULT '',
	message_id   TEXT    NOT NULL DEFAULT '',
	merged_into  INTEGER NOT NULL DEFAULT 0, -- id of the sent row a merged row was added to
	queued_at    TEXT    NOT NULL,
	sent_at      TEXT    NOT NULL DEFAULT '',
	UNIQUE (destination, feed_id, story_key)
);
CREATE INDEX outbox_pending ON outbox (destination, state, id);
CREATE INDEX outbox_link ON outbox (destination, link) WHERE link <> '';
CREATE INDEX outbox_title ON outbox (destination, norm_title) WHERE norm_title <> '';
CREATE INDEX outbox_merged ON outbox (merged_into) WHERE merged_into <> 0;
CREATE INDEX outbox_queued ON outbox (queued_at);
