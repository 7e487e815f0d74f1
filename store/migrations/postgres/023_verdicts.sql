-- Readers' verdicts on alerts: one row per alert and reader, so a second
-- click changes the verdict instead of counting twice. The rules that fired
-- are copied from the alert so that feedback per rule survives outbox
-- pruning and later rule edits.
CREATE TABLE verdicts (
	alert_id    BIGINT  NOT NULL, -- outbox id
	reader      TEXT COLLATE "C"    NOT NULL, -- Discord user id
	reader_name TEXT COLLATE "C"    NOT NULL DEFAULT '',
	relevant    INTEGER NOT NULL, -- 1 relevant, 0 not relevant
	rules       TEXT COLLATE "C"    NOT NULL, -- JSON array of rule ids
	feed_id     TEXT COLLATE "C"    NOT NULL,
	story_key   TEXT COLLATE "C"    NOT NULL,
	created_at  TEXT COLLATE "C"    NOT NULL,
	updated_at  TEXT COLLATE "C"    NOT NULL,
	PRIMARY KEY (alert_id, reader)
);
CREATE INDEX verdicts_updated ON verdicts (updated_at);

-- Interactions already handled, by Discord's interaction id, so that a
-- replayed request (the same signed body sent again) changes nothing.
CREATE TABLE interactions_seen (
	id      TEXT COLLATE "C" PRIMARY KEY,
	seen_at TEXT COLLATE "C" NOT NULL
);
