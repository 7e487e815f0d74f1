-- Feed state: HTTP validators, schedule and health, one row per configured
-- feed (id is the feed's name). Times are UTC text in a fixed-width format so
-- that they sort and compare as strings; '' means never.
CREATE TABLE feeds (
	id                   TEXT    PRIMARY KEY,
	url                  TEXT    NOT NULL DEFAULT '',
	etag                 TEXT    NOT NULL DEFAULT '',
	last_modified        TEXT    NOT NULL DEFAULT '',
	next_poll            TEXT    NOT NULL DEFAULT '',
	last_attempt         TEXT    NOT NULL DEFAULT '',
	last_success         TEXT    NOT NULL DEFAULT '',
	last_error           TEXT    NOT NULL DEFAULT '',
	consecutive_failures INTEGER NOT NULL DEFAULT 0,
	items_seen           INTEGER NOT NULL DEFAULT 0,
	failing              INTEGER NOT NULL DEFAULT 0,
	retry_after          TEXT    NOT NULL DEFAULT '', -- publisher asked us to wait until then
	min_interval_seconds INTEGER NOT NULL DEFAULT 0,  -- publisher's hint: RSS ttl or max-age
	listed_since         TEXT    NOT NULL DEFAULT ''  -- items of the current document were seen at or after this
);

-- Every story ever seen, by feed and identity key. A row is what makes a
-- story "known": it is written in the same transaction that queues the
-- story's alerts. last_seen moves on every poll that still lists the item,
-- so pruning never forgets an item its feed still carries.
CREATE TABLE stories (
	feed_id    TEXT NOT NULL,
	key        TEXT NOT NULL,
	guid       TEXT NOT NULL DEFAULT '',
	title      TEXT NOT NULL DEFAULT '',
	link       TEXT NOT NULL DEFAULT '',
	published  TEXT NOT NULL DEFAULT '',
	first_seen TEXT NOT NULL,
	last_seen  TEXT NOT NULL,
	PRIMARY KEY (feed_id, key)
) WITHOUT ROWID;
CREATE INDEX stories_link ON stories (link);
CREATE INDEX stories_last_seen ON stories (last_seen);
