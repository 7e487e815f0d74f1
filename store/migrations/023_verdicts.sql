-- Readers' verdicts on alerts: one row per alert and reader, so a second
-- click changes the verdict instead of counting twice. The rules that fired
-- are copied from the alert so that feedback per rule survives outbox
-- pruning and later rule edits.
CREATE TABLE verdicts (
	alert_id    INTEGER NOT NULL, -- outbox id
	reader      TEXT    NOT NULL, -- Discord user id
	reader_name TEXT    NOT NULL DEFAULT '',
	relevant    INTEGER NOT NULL, -- 1 relevant, 0 not relevant
	rules       TEXT    NOT NULL, -- JSON array of rule ids
	feed_id     TEXT    NOT NULL,
	story_key   TEXT    NOT NULL,
	created_at  TEXT    NOT NULL,
	updated_at  TEXT    NOT NULL,
	PRIMARY KEY (alert_id, reader)
) WITHOUT ROWID;
CREATE INDEX verdicts_updated ON verdicts (updated_at);

-- Interactions already handled, by Discord's interaction id, so that a
-- replayed request (the same signed body sent again) changes nothing.
CREATE TABLE interactions_seen (
	id      TEXT PRIMARY KEY,
	seen_at TEXT NOT NULL
) WITHOUT ROWID;
