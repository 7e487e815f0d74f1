-- Delivery health per destination, for `status` and for stopping a
-- destination that Discord refuses for good (deleted webhook, lost access)
-- while the others keep going.
CREATE TABLE destination_state (
	destination   TEXT COLLATE "C" PRIMARY KEY,
	last_success  TEXT COLLATE "C" NOT NULL DEFAULT '',
	last_error    TEXT COLLATE "C" NOT NULL DEFAULT '',
	last_error_at TEXT COLLATE "C" NOT NULL DEFAULT '',
	failed        TEXT COLLATE "C" NOT NULL DEFAULT '', -- reason the destination was stopped; '' = working
	failed_at     TEXT COLLATE "C" NOT NULL DEFAULT ''
);
