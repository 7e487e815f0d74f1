-- The place of a queued alert in a digest split over several messages:
-- the plan (the outbox id of the digest's first alert), the part its
-- message is, and how many parts the digest has. Recorded before the first
-- part is posted, so a digest interrupted by a failure or a crash posts
-- its remaining parts later under the numbers they were given
-- ("part 2 of 3"). 0 is an alert no digest has taken yet.
ALTER TABLE outbox ADD COLUMN digest_plan INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN digest_part INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN digest_parts INTEGER NOT NULL DEFAULT 0;
