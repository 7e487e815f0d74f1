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
}
