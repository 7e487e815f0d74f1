package delivery

import (
	"context"
	"sync"
	"time"
)

// limiter allows at most n requests in any window, by keeping the times of
// the last n. Clock and sleep are injected so tests run on a fake clock.
type limiter struct {
	n      int
	window time.Duration
	now    func() time.Time
	sleep  func(context.Context, time.Duration) error

	mu    sync.Mutex
	times []time.Time
}

func newLimiter(n int, window time.Duration, now func() time.Time, sleep func(context.Context, time.Duration) error) *limiter {
	return &limiter{n: n, window: window, now: now, sleep: sleep}
}

// Wait blocks until one more request fits, then counts it.
func (l *limiter) Wait(ctx context.Context) error {
	if l == nil {
		return nil
	}
	for {
		wait := l.reserve()
		if wait <= 0 {
			return nil
		}
		if err := l.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// reserve counts a request and returns 0, or returns how long to wait.
func (l *limiter) reserve() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if len(l.times) == l.n {
		if wait := l.times[0].Add(l.window).Sub(now); wait > 0 {
			return wait
		}
		l.times = l.times[1:]
	}
	l.times = append(l.times, now)
	return 0
}

// limiters applies several limiters in turn: a destination's own and the
// bot's global one.
type limiters []*limiter

func (ls limiters) Wait(ctx context.Context) error {
	for _, l := range ls {
		if err := l.Wait(ctx); err != nil {
			return err
		}
	}
	return nil
}

// sleepCtx waits d on the real clock, or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
