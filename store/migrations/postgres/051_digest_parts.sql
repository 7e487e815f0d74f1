-- The place of a queued alert in a digest split over several messages
-- (see the SQLite migration of the same number).
ALTER TABLE outbox ADD COLUMN digest_plan BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN digest_part INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN digest_parts INTEGER NOT NULL DEFAULT 0;
