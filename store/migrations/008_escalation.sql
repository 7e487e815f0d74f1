-- The escalation ping an alert's edit owes its event: '' none sent yet,
-- 'pending' once one was attempted and may have reached Discord. A retry
-- of the row never pings again (a webhook has no nonce to drop a repeat);
-- an attempt Discord surely refused clears it.
ALTER TABLE outbox ADD COLUMN escalation TEXT NOT NULL DEFAULT '';
