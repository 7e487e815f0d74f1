package story

// DigestPart is one message of a digest: the alerts it lists, oldest
// first, and its place in the whole digest (part Part of Parts). The place
// is fixed when the digest is split, so a part posted again after a
// failure keeps the number it was given.
type DigestPart struct {
	Alerts []Alert
	// Plan names the digest the part belongs to, as the outbox recorded
	// it; with Part it keys the part whatever else left the queue.
	Plan        int64
	Part, Parts int
	// Rendered is the message the destination drew for the part when it
	// split the digest, opaque to everyone else, so that no part is drawn
	// twice. A part read back from the outbox after a failure has none,
	// and the destination draws it again from Alerts.
	Rendered any
}
