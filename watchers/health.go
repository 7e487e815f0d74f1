package watchers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store"
)

// maxHint caps how far a publisher's ttl or max-age may push the next poll.
const maxHint = 24 * time.Hour

// allowed applies g to the feed's stored state.
func (w *Watcher) allowed(g gate, f *watched, state store.FeedState, now time.Time) bool {
	switch g {
	case gateRetryAfter:
		return !now.Before(state.RetryAfter)
	case gateDue:
		return w.due(f, state, now)
	}
	return true
}

// due reports whether a scheduled poll should go ahead. A quarter of the
// interval of slack absorbs jitter between the run that set NextPoll and
// this one.
func (w *Watcher) due(f *watched, state store.FeedState, now time.Time) bool {
	if now.Before(state.RetryAfter) {
		return false
	}
	slack := interval(f.schedule, now) / 4
	return !now.Add(slack).Before(state.NextPoll)
}

// succeeded returns the state after a successful fetch: validators saved,
// health reset, next poll one interval on, or later if the publisher's
// hint (RSS ttl, Cache-Control max-age) says so.
func (w *Watcher) succeeded(f *watched, state store.FeedState, resp Response, ttl time.Duration) store.FeedState {
	now := w.opts.Now()
	if !resp.NotModified {
		state.ETag, state.LastModified = resp.ETag, resp.LastModified
		// Known items of this document were refreshed within refreshAfter.
		state.ListedSince = now.Add(-refreshAfter - time.Minute)
	}
	state.LastSuccess, state.LastError = now, ""
	state.ConsecutiveFailures, state.Failing = 0, false
	state.RetryAfter = time.Time{}
	state.MinInterval = min(max(ttl, resp.MaxAge), maxHint)
	state.NextPoll = now.Add(max(interval(f.schedule, now), state.MinInterval))
	return state
}

// recovered reports a failing feed that polled fine again.
func (w *Watcher) recovered(f *watched, before, after store.FeedState) {
	w.setFailing(f.cfg.Name, false)
	if !before.Failing {
		return
	}
	w.log.Info("feed recovered", "feed", f.cfg.Name, "failures", before.ConsecutiveFailures)
	if w.opts.OnHealth != nil {
		w.opts.OnHealth(FeedHealthChange{Feed: f.cfg.Name})
	}
}

// failed records a failed poll: the error, one more consecutive failure, an
// exponential backoff from the feed's interval (capped), and the failing
// flag once the threshold is reached. It returns cause, joined with any
// error saving the state.
func (w *Watcher) failed(ctx context.Context, f *watched, state store.FeedState, cause error) error {
	if ctx.Err() != nil {
		return cause // shutting down: not the feed's fault
	}
	now := w.opts.Now()
	state.ConsecutiveFailures++
	state.LastError = cause.Error()
	state.NextPoll = now.Add(w.backoff(interval(f.schedule, now), state.ConsecutiveFailures))
	var se *StatusError
	if errors.As(cause, &se) && se.RetryAfter.After(state.NextPoll) {
		state.NextPoll = se.RetryAfter
	}
	if se != nil {
		state.RetryAfter = se.RetryAfter
	}
	becameFailing := !state.Failing && state.ConsecutiveFailures >= w.settings().watch.FailureThreshold
	state.Failing = state.Failing || becameFailing
	w.opts.Metrics.poll(f.cfg.Name, "error")
	if _, err := w.opts.Store.CommitPoll(ctx, store.Poll{Feed: state}); err != nil {
		return errors.Join(cause, fmt.Errorf("save state of %s: %w", f.cfg.Name, err))
	}
	w.setFailing(f.cfg.Name, state.Failing)
	w.log.Warn("poll failed", "feed", f.cfg.Name, "error", cause, "failures", state.ConsecutiveFailures,
		"next_poll", state.NextPoll)
	if becameFailing {
		w.reportFailing(f.cfg.Name, state)
	}
	return cause
}

func (w *Watcher) reportFailing(name string, state store.FeedState) {
	w.log.Error("feed failing", "feed", name, "failures", state.ConsecutiveFailures, "error", state.LastError)
	if w.opts.OnHealth != nil {
		w.opts.OnHealth(FeedHealthChange{Feed: name, Failing: true, Failures: state.ConsecutiveFailures, Err: state.LastError})
	}
}

// backoff doubles the interval with each consecutive failure, up to the cap.
func (w *Watcher) backoff(base time.Duration, failures int) time.Duration {
	limit := w.settings().watch.MaxBackoff
	d := base
	for i := 1; i < failures && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

// setFailing records whether a feed is failing for the gauge. A feed
// removed while its poll was in flight is not counted.
func (w *Watcher) setFailing(name string, failing bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if failing && w.feeds[name] != nil {
		w.failing[name] = true
	} else {
		delete(w.failing, name)
	}
	w.opts.Metrics.setFailing(len(w.failing))
}

// pruneFailingLocked forgets feeds no longer watched, so the gauge counts
// only feeds that are; w.mu must be held.
func (w *Watcher) pruneFailingLocked() {
	for name := range w.failing {
		if w.feeds[name] == nil {
			delete(w.failing, name)
		}
	}
	w.opts.Metrics.setFailing(len(w.failing))
}
