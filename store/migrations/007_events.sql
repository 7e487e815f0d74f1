-- Events: the reports of one happening, from any feed and in any language.
-- A report is filed in the same transaction that records its story and
-- queues its alerts, so a story is in exactly one event, once, whatever
-- crashes or restarts happen. The grouping rule lives in the events
-- package; the store keeps what it needs to resume after a restart.
CREATE TABLE events (
	id       TEXT    PRIMARY KEY,
	title    TEXT    NOT NULL DEFAULT '', -- the first report's title
	first_at TEXT    NOT NULL,            -- publication time of the first report
	last_at  TEXT    NOT NULL,            -- and of the latest: the event's window
	reports  INTEGER NOT NULL DEFAULT 0,
	outlets  INTEGER NOT NULL DEFAULT 0   -- distinct feeds among the reports
);
CREATE INDEX events_last_at ON events (last_at);

CREATE TABLE event_reports (
	feed_id   TEXT NOT NULL,
	story_key TEXT NOT NULL,
	event_id  TEXT NOT NULL REFERENCES events (id),
	title     TEXT NOT NULL DEFAULT '',
	link      TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL,
	features  TEXT NOT NULL, -- JSON owned by the events package: what grouping compares
	filed_at  TEXT NOT NULL,
	PRIMARY KEY (feed_id, story_key)
) WITHOUT ROWID;
CREATE INDEX event_reports_event ON event_reports (event_id, published);
CREATE INDEX event_reports_published ON event_reports (published);

-- The event each alert belongs to ('' for notices and list changes), and
-- the thread an event's post opened at a destination with threads on.
ALTER TABLE outbox ADD COLUMN event_id TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN thread_id TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_event ON outbox (destination, event_id) WHERE event_id <> '';
