-- What the last parsed body was: a digest, so a 200 that sends the same
-- bytes again is recognised without parsing, and the RSS ttl it carried,
-- which still holds while the document is unchanged.
ALTER TABLE feeds ADD COLUMN body_digest TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN body_ttl_seconds INTEGER NOT NULL DEFAULT 0;
