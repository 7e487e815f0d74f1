-- Work shared by several instances on one state store: a lease gives one
-- named piece of work (a feed's poll, a destination's outbox, the list
-- imports) to one instance until it expires, so a dead instance's work is
-- taken over once its leases run out. Times are fixed-width UTC text,
-- which sorts as time.
CREATE TABLE leases (
	name    TEXT PRIMARY KEY,
	owner   TEXT NOT NULL,
	expires TEXT NOT NULL
);
-- The instances running on this state, each beating every few seconds,
-- for `status`.
CREATE TABLE instances (
	id      TEXT PRIMARY KEY,
	host    TEXT NOT NULL,
	started TEXT NOT NULL,
	seen    TEXT NOT NULL
);
