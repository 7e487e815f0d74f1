// Package lease runs work that several sanctionwatch instances on one
// state store must not do at once (a feed's poll, a destination's outbox,
// the list imports) under a named lease: an instance does the work only
// while it holds the lease and renews it while the work runs; a dead
// instance's work is taken over once its leases expire, a stopping one
// gives its leases back. With one instance (SQLite) every lease is always
// free.
package lease

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Store keeps the leases; every instance sharing work uses the same one.
type Store interface {
	TakeLease(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	ReleaseLeases(ctx context.Context, owner string) error
}

// ErrLost is the cause of the work's context ending when a renewal found
// the lease taken by another instance or could not be written.
var ErrLost = errors.New("lease lost")

// The names of the leases per feed and per destination: one place, so
// that status can tell them apart from the one-off leases.
const (
	FeedPrefix   = "feed:"   // one poll of the feed
	DestPrefix   = "dest:"   // the destination's outbox, in order
	DigestPrefix = "digest:" // the destination's digest
)

// Holder takes leases for one instance. Its methods are safe for
// concurrent use.
type Holder struct {
	Store Store
	Owner string // this instance's id; see NewID
	Log   *slog.Logger
}

// releaseTimeout bounds giving the leases back at shutdown; a lease that
// could not be released still expires.
const releaseTimeout = 5 * time.Second

// Do runs f under the lease name if this instance can take it (or holds
// it already), renewing it every third of ttl while f runs. It reports
// whether f ran, and f's error. The lease is kept after f returns: the
// same work usually comes back to the same instance, which then renews
// rather than takes, and a lease left behind expires within ttl if the
// instance dies (ReleaseAll gives them back on a clean stop). ttl must
// exceed the longest pause between renewals a loaded machine may see,
// since a lease that expires while f runs may be taken by another
// instance: f's context then ends with cause ErrLost, and f should stop
// starting new work.
func (h *Holder) Do(ctx context.Context, name string, ttl time.Duration, f func(context.Context) error) (bool, error) {
	ok, err := h.Store.TakeLease(ctx, name, h.Owner, ttl)
	if err != nil || !ok {
		return false, err
	}
	wctx, cancel := context.WithCancelCause(ctx)
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		h.renew(wctx, cancel, name, ttl)
	}()
	err = f(wctx)
	cancel(nil)
	<-renewed
	return true, err
}

// ReleaseAll gives back every lease this instance holds, in one write, so
// that other instances take its work at once rather than when the leases
// expire. Call it once the work has stopped.
func (h *Holder) ReleaseAll(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), releaseTimeout)
	defer cancel()
	return h.Store.ReleaseLeases(ctx, h.Owner)
}

// renew keeps name taken until ctx ends, ending ctx with ErrLost when
// the lease cannot be renewed.
func (h *Holder) renew(ctx context.Context, lost context.CancelCauseFunc, name string, ttl time.Duration) {
	t := time.NewTicker(max(ttl/3, time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		ok, err := h.Store.TakeLease(ctx, name, h.Owner, ttl)
		if ctx.Err() != nil {
			return
		}
		if err != nil || !ok {
			h.logger().Warn("lease lost; stopping its work", slog.String("lease", name), slog.Any("error", err))
			lost(fmt.Errorf("%s: %w", name, ErrLost))
			return
		}
	}
}

func (h *Holder) logger() *slog.Logger {
	if h.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return h.Log
}
