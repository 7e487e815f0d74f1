-- The escalation ping an alert's edit owes its event: '' none sent yet,
-- 'pending' once one was attempted and may have reached Discord (see the
-- SQLite migration of the same number).
ALTER TABLE outbox ADD COLUMN escalation TEXT COLLATE "C" NOT NULL DEFAULT '';
