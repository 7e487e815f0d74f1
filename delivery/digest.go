package delivery

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/sanctionwatch/sanctionwatch/lease"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// digestBatch bounds how many alerts one digest run reads.
const digestBatch = 500

// digestLoop posts d's digest at every time of its schedule until ctx ends.
// A digest that fails midway, Discord down or rate limiting, has its
// remaining parts retried like a queued alert, after Retry-After or a
// short backoff, rather than at the next time of a schedule that may be a
// day away: a reader should not wait a day for the end of a digest, and a
// bot part whose answer was lost is retried while Discord still holds its
// nonce. Those retries post only the parts already planned; alerts queued
// meanwhile wait for the schedule. The loop starts with such a retry, for
// the parts a restart cut short.
func (s *Sender) digestLoop(ctx context.Context, d *destination) {
	attempts := 0
	retry := s.opt.Now() // now: resume what a restart cut short; zero later: no part waits
	for {
		now := s.opt.Now()
		at := d.digest.Next(now)
		resume := !retry.IsZero() && retry.Before(at)
		if resume {
			at = retry
		}
		if err := s.opt.Sleep(ctx, at.Sub(now)); err != nil {
			return
		}
		// A finishing sender posts what is queued, not a digest that came
		// due while it drained: the next run sends it on schedule.
		if s.finishing() {
			return
		}
		err := s.digestLeased(ctx, d.name, !resume)
		retry = time.Time{}
		if err == nil || ctx.Err() != nil {
			attempts = 0
			continue
		}
		s.log.Error("send digest", slog.String("destination", d.name), slog.Any("error", err))
		if judge(err) == retryLater {
			retry = s.opt.Now().Add(retryDelay(err, attempts, s.opt.Rand()))
			attempts++
		}
	}
}

// digestLeased sends dest's digest under its lease, when there are leases.
// Every instance's schedule fires; the first to take the lease posts the
// digest, and the others, taking it after, find nothing left to send. A
// digest whose lease was lost midway stops quietly, its remaining parts
// planned for the next digest.
func (s *Sender) digestLeased(ctx context.Context, dest string, fresh bool) error {
	return s.underLease(ctx, lease.DigestPrefix+dest, func(ctx context.Context) error { return s.sendDigest(ctx, dest, fresh) })
}

// SendDigest posts the alerts waiting for dest's digest now, as few
// messages as the limits allow, marking each message's alerts sent once
// it is posted. A digest is split, and the split recorded, before its
// first message is posted, so that every message carries its number of
// the whole ("part 2 of 3"). A failed post leaves its part and the parts
// after it queued: the next digest posts them first, under the numbers
// they were given, and the alerts queued since then make a digest of
// their own.
func (s *Sender) SendDigest(ctx context.Context, dest string) error {
	return s.sendDigest(ctx, dest, true)
}

// sendDigest is SendDigest; without fresh it posts only the parts of
// digests already planned.
func (s *Sender) sendDigest(ctx context.Context, dest string, fresh bool) error {
	d := s.current().byName[dest]
	if d == nil || d.digest == nil || d.stopped() {
		return nil
	}
	items, err := s.opt.Store.DigestAlerts(ctx, dest, d.immediateFrom, digestBatch)
	if err != nil || len(items) == 0 {
		return err
	}
	left, waiting := leftover(items)
	if err := s.postParts(ctx, d, left); err != nil || !fresh || len(waiting) == 0 {
		return err
	}
	parts := d.notifier.SplitDigest(waiting)
	plan, err := s.opt.Store.PlanDigest(ctx, partIDs(parts))
	if err != nil {
		return err
	}
	for i := range parts {
		parts[i].Plan = plan
	}
	return s.postParts(ctx, d, parts)
}

// leftover returns the remaining parts of digests already planned, in
// order, and the alerts no digest has taken yet.
func leftover(items []store.DigestItem) ([]story.DigestPart, []story.Alert) {
	var parts []story.DigestPart
	var fresh []story.Alert
	at := map[[2]int64]int{} // plan and part -> index in parts
	for _, it := range items {
		if it.Plan == 0 {
			fresh = append(fresh, it.Alert)
			continue
		}
		key := [2]int64{it.Plan, int64(it.Part)}
		i, ok := at[key]
		if !ok {
			i = len(parts)
			at[key] = i
			parts = append(parts, story.DigestPart{Plan: it.Plan, Part: it.Part, Parts: it.Parts})
		}
		parts[i].Alerts = append(parts[i].Alerts, it.Alert)
	}
	return parts, fresh
}

// partIDs lists the outbox ids of each part's alerts.
func partIDs(parts []story.DigestPart) [][]int64 {
	out := make([][]int64, len(parts))
	for i, p := range parts {
		out[i] = alertIDs(p.Alerts)
	}
	return out
}

// alertIDs lists the outbox ids of alerts, in order.
func alertIDs(alerts []story.Alert) []int64 {
	ids := make([]int64, len(alerts))
	for i, a := range alerts {
		ids[i] = a.ID
	}
	return ids
}

// postParts posts parts in order, stopping at the first that fails.
func (s *Sender) postParts(ctx context.Context, d *destination, parts []story.DigestPart) error {
	for _, p := range parts {
		if len(p.Alerts) == 0 {
			return fmt.Errorf("digest for %s: part %d of %d holds no alert", d.name, p.Part, p.Parts)
		}
		if err := s.postDigest(ctx, d, p); err != nil {
			return err
		}
	}
	return nil
}

// postDigest posts one part of a digest and marks the alerts its message
// showed sent; those it could not show (a part planned for a destination
// without a size limit) leave the plan for the next digest, so none is
// marked sent unseen. Its key names its plan and part, the same on every
// attempt at the part whatever left the queue meanwhile.
func (s *Sender) postDigest(ctx context.Context, d *destination, p story.DigestPart) error {
	if err := d.limit.Wait(ctx); err != nil {
		return err
	}
	ctx = s.committed(ctx)
	start := time.Now()
	id, shown, err := d.notifier.PostDigest(ctx, p, partKey(p))
	s.opt.Metrics.observe(d.name, err == nil, time.Since(start).Seconds())
	if err != nil {
		if judge(err) == stopDest {
			return s.stop(ctx, d, err)
		}
		return err
	}
	shown = min(max(shown, 0), len(p.Alerts))
	ids := alertIDs(p.Alerts)
	rec, done := recording(ctx)
	defer done()
	if err := s.opt.Store.MarkDigestSent(rec, ids[:shown], ids[shown:], id); err != nil {
		return err
	}
	s.opt.Metrics.sentInc(d.name, shown)
	s.log.Info("digest sent", slog.String("destination", d.name), slog.Int("alerts", shown),
		slog.Int("unshown", len(p.Alerts)-shown), slog.Int("part", p.Part), slog.Int("parts", p.Parts),
		slog.String("message_id", id))
	return nil
}

// partKey is the key of a digest part: "swd", its plan, "p" and its
// number; within Discord's 25 characters for a nonce up to plans of 17
// digits.
func partKey(p story.DigestPart) string {
	return "swd" + strconv.FormatInt(p.Plan, 10) + "p" + strconv.Itoa(p.Part)
}
