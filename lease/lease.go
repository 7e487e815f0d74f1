// Package lease runs work that several sanctionwatch instances on one
// state store must not do at once (a feed's poll, a destination's outbox,
// the list imports) under a named lease: an instance does the work only
// while it holds the lease, renews it while the work runs, and gives it
// back after, so a dead instance's work is taken over once its lease
// expires. With one instance (SQLite) every lease is always free.
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
	ReleaseLease(ctx context.Context, name, owner string) error
}

// ErrLost is the cause of the work's context ending when a renewal found
// the lease taken by another instance or could not be written.
var ErrLost = errors.New("lease lost")

// Holder takes leases for one instance. Its methods are safe for
// concurrent use.
type Holder struct {
	Store Store
	Owner string // this instance's id; see NewID
	Log   *slog.Logger
}

// releaseTimeout bounds giving a lease back after the work's context
// ended; a lease that could not be released still expires.
const releaseTimeout = 5 * time.Second

// Do runs f under the lease name if this instance can take it, renewing
// it every third of ttl while f runs and releasing it when f returns. It
// reports whether f ran, and f's error. ttl must exceed the longest pause
// between renewals a loaded machine may see, since a lease that expires
// while f runs may be taken by another instance: f's context then ends
// with cause ErrLost, and f should stop starting new work.
func (h *Holder) Do(ctx context.Context, name string, ttl time.Duration, f func(context.Context) error) (bool, error) {
	ok, err := h.Store.TakeLease(ctx, name, h.Owner, ttl)
	if err != nil || !ok {
		return false, err
	}
	defer h.release(ctx, name)
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

func (h *Holder) release(ctx context.Context, name string) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), releaseTimeout)
	defer cancel()
	if err := h.Store.ReleaseLease(rctx, name, h.Owner); err != nil {
		h.logger().Warn("release lease; it expires instead", slog.String("lease", name), slog.Any("error", err))
	}
}

func (h *Holder) logger() *slog.Logger {
	if h.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return h.Log
}
