-- The last good import of each sanctions list. Parties are an opaque JSON
-- blob owned by the sanctions package; the store keeps counts beside it so
-- the lists command need not decode it. A refused or failed import leaves
-- the blob alone and records only the error.
CREATE TABLE list_imports (
	list        TEXT    PRIMARY KEY,
	format      TEXT    NOT NULL,
	parties     BLOB    NOT NULL, -- JSON array of parties
	entries     INTEGER NOT NULL,
	aliases     INTEGER NOT NULL,
	fetched_at  TEXT    NOT NULL, -- last good import
	changed_at  TEXT    NOT NULL, -- last import that differed from the one before
	checked_at  TEXT    NOT NULL DEFAULT '', -- last attempt, good or not
	last_error  TEXT    NOT NULL DEFAULT ''
);
