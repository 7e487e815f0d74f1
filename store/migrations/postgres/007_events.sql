-- Events: the reports of one happening, from any feed and in any language.
-- A report is filed in the same transaction that records its story and
-- queues its alerts, so a story is in exactly one event, once, whatever
-- crashes or restarts happen. The grouping rule lives in the events
-- package; the store keeps what it needs to resume after a restart.
CREATE TABLE events (
	id       TEXT COLLATE "C"    PRIMARY KEY,
	title    TEXT COLLATE "C"    NOT NULL DEFAULT '', -- the first report's title
	first_at TEXT COLLATE "C"    NOT NULL,            -- publication time of the first report
	last_at  TEXT COLLATE "C"    NOT NULL,            -- and of the latest: the event's window
	reports  INTEGER NOT NULL DEFAULT 0,
	outlets  INTEGER NOT NULL DEFAULT 0   -- distinct feeds among the reports
);
CREATE INDEX events_last_at ON events (last_at);

CREATE TABLE event_reports (
	feed_id   TEXT COLLATE "C" NOT NULL,
	story_key TEXT COLLATE "C" NOT NULL,
	event_id  TEXT COLLATE "C" NOT NULL REFERENCES events (id),
	title     TEXT COLLATE "C" NOT NULL DEFAULT '',
	link      TEXT COLLATE "C" NOT NULL DEFAULT '',
	published TEXT COLLATE "C" NOT NULL,
	features  TEXT COLLATE "C" NOT NULL, -- JSON owned by the events package: what grouping compares
	filed_at  TEXT COLLATE "C" NOT NULL,
	PRIMARY KEY (feed_id, story_key)
);
CREATE INDEX event_reports_event ON event_reports (event_id, published);
CREATE INDEX event_reports_published ON event_reports (published);

-- The event each alert belongs to ('' for notices and list changes), and
-- the thread an event's post opened at a destination with threads on.
ALTER TABLE outbox ADD COLUMN event_id TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN thread_id TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX outbox_event ON outbox (destination, event_id) WHERE event_id <> '';
