-- Mutes silence alerts by rule, feed, entity or tag until they expire. A
-- lifted mute keeps its row (lifted_at set) so that status can say who
-- lifted what; expiry needs no writer, queries compare expires_at with now.
CREATE TABLE mutes (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	kind       TEXT NOT NULL, -- rule, feed, entity, tag
	value      TEXT NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	created_by TEXT NOT NULL DEFAULT '',
	reason     TEXT NOT NULL DEFAULT '',
	lifted_at  TEXT NOT NULL DEFAULT '',
	lifted_by  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mutes_active ON mutes (expires_at) WHERE lifted_at = '';
