-- Feed state: HTTP validators, schedule and health, one row per configured
-- feed (id is the feed's name). Times are UTC text in a fixed-width format so
-- that they sort and compare as strings; '' means never.
CREATE TABLE feeds (
	id                   TEXT COLLATE "C"    PRIMARY KEY,
	url                  TEXT COLLATE "C"    NOT NULL DEFAULT '',
	etag                 TEXT COLLATE "C"    NOT NULL DEFAULT '',
	last_modified        TEXT COLLATE "C"    NOT NULL DEFAULT '',
	next_poll            TEXT COLLATE "C"    NOT NULL DEFAULT '',
	last_attempt         TEXT COLLATE "C"    NOT NULL DEFAULT '',
	last_success         TEXT COLLATE "C"    NOT NULL DEFAULT '',
	last_error           TEXT COLLATE "C"    NOT NULL DEFAULT '',
	consecutive_failures INTEGER NOT NULL DEFAULT 0,
	items_seen           BIGINT  NOT NULL DEFAULT 0,
	failing              INTEGER NOT NULL DEFAULT 0,
	retry_after          TEXT COLLATE "C"    NOT NULL DEFAULT '', -- publisher asked us to wait until then
	min_interval_seconds INTEGER NOT NULL DEFAULT 0,  -- publisher's hint: RSS ttl or max-age
	listed_since         TEXT COLLATE "C"    NOT NULL DEFAULT ''  -- items of the current document were seen at or after this
);

-- Every story ever seen, by feed and identity key. A row is what makes a
-- story "known": it is written in the same transaction that queues the
-- story's alerts. last_seen moves on every poll that still lists the item,
-- so pruning never forgets an item its feed still carries.
CREATE TABLE stories (
	feed_id    TEXT COLLATE "C" NOT NULL,
	key        TEXT COLLATE "C" NOT NULL,
	guid       TEXT COLLATE "C" NOT NULL DEFAULT '',
	title      TEXT COLLATE "C" NOT NULL DEFAULT '',
	link       TEXT COLLATE "C" NOT NULL DEFAULT '',
	published  TEXT COLLATE "C" NOT NULL DEFAULT '',
	first_seen TEXT COLLATE "C" NOT NULL,
	last_seen  TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (feed_id, key)
);
CREATE INDEX stories_link ON stories (link);
CREATE INDEX stories_last_seen ON stories (last_seen);
