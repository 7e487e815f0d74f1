-- PostgreSQL forms of the SQLite migrations of the same number, for state
-- that several instances share. Text columns are COLLATE "C" so that they
-- order and compare byte by byte as in SQLite, whatever the database's
-- locale: times are fixed-width UTC text that must sort as they read.
-- Key/value facts about the store itself (created by, instance lock owner, ...).
CREATE TABLE meta (
	key   TEXT COLLATE "C" PRIMARY KEY,
	value TEXT COLLATE "C" NOT NULL
);
