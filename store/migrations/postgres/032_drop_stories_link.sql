-- No query looks stories up by link (see the SQLite migration of the same
-- number); the index only cost every story's write.
DROP INDEX IF EXISTS stories_link;
