-- Work shared by several instances on one state store: a lease gives one
-- named piece of work (a feed's poll, a destination's outbox, the list
-- imports) to one instance until it expires, so a dead instance's work is
-- taken over once its leases run out. Times are fixed-width UTC text,
-- which sorts as time.
CREATE TABLE leases (
	name    TEXT COLLATE "C" PRIMARY KEY,
	owner   TEXT COLLATE "C" NOT NULL,
	expires TEXT COLLATE "C" NOT NULL
);
-- The instances running on this state, each beating every few seconds,
-- for `status`.
CREATE TABLE instances (
	id      TEXT COLLATE "C" PRIMARY KEY,
	host    TEXT COLLATE "C" NOT NULL,
	started TEXT COLLATE "C" NOT NULL,
	seen    TEXT COLLATE "C" NOT NULL
);
