-- No query looks stories up by link (the outbox keeps its own link index
-- for cross-feed dedup), yet every story recorded or refreshed wrote this
-- index: a page at a random place per row, a large share of a first
-- poll's commit.
DROP INDEX IF EXISTS stories_link;
