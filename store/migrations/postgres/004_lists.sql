-- The last good import of each sanctions list. Parties are an opaque JSON
-- blob owned by the sanctions package; the store keeps counts beside it so
-- the lists command need not decode it. A refused or failed import leaves
-- the blob alone and records only the error.
CREATE TABLE list_imports (
	list        TEXT COLLATE "C"    PRIMARY KEY,
	format      TEXT COLLATE "C"    NOT NULL,
	parties     BYTEA      NOT NULL, -- JSON array of parties
	entries     INTEGER NOT NULL,
	aliases     INTEGER NOT NULL,
	fetched_at  TEXT COLLATE "C"    NOT NULL, -- last good import
	changed_at  TEXT COLLATE "C"    NOT NULL, -- last import that differed from the one before
	checked_at  TEXT COLLATE "C"    NOT NULL DEFAULT '', -- last attempt, good or not
	last_error  TEXT COLLATE "C"    NOT NULL DEFAULT ''
);
