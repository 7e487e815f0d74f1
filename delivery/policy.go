package delivery

import (
	"errors"
	"math"
	"time"
)

// Backoff bounds for retryable failures without a Retry-After. The cap is
// short on purpose: the worker retries only its queue head, one request
// at a time, so during an outage that head is a probe sent every 5-10 s,
// and the backlog starts within seconds of Discord's recovery rather than
// after a backoff grown to minutes.
const (
	backoffBase = 1 * time.Second
	backoffMax  = 10 * time.Second
)

// verdict is what the retry policy makes of a failed call.
type verdict int

const (
	retryLater  verdict = iota // 429, 5xx, timeouts, network errors
	dropMessage                // Discord refuses this message (400); others may pass
	stopDest                   // Discord refuses the destination (401/403/404)
)

type retryableError interface{ Retryable() bool }
type goneError interface{ DestinationGone() bool }

// judge classifies err: errors that do not say are retried, because a
// network failure must not lose an alert.
func judge(err error) verdict {
	var r retryableError
	if !errors.As(err, &r) || r.Retryable() {
		return retryLater
	}
	var g goneError
	if errors.As(err, &g) && g.DestinationGone() {
		return stopDest
	}
	return dropMessage
}

// retryDelay is how long to wait before attempt number attempts+1: exactly
// what Discord asked for when it said, else exponential backoff from 1s
// to 10s with jitter (rnd in [0,1)) so that destinations do not retry in
// step.
func retryDelay(err error, attempts int, rnd float64) time.Duration {
	var ra interface{ RetryAfterDuration() time.Duration }
	if errors.As(err, &ra) && ra.RetryAfterDuration() > 0 {
		return ra.RetryAfterDuration()
	}
	d := float64(backoffBase) * math.Pow(2, float64(min(attempts, 16)))
	d = min(d, float64(backoffMax))
	return time.Duration(d/2 + rnd*d/2)
}
