-- Key/value facts about the store itself (created by, instance lock owner, ...).
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
