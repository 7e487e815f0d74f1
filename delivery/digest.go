package delivery

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/sanctionwatch/sanctionwatch/lease"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// digestBatch bounds how many alerts one digest run reads.
const digestBatch = 500

// digestLoop posts d's digest at every time of its schedule until ctx ends.
func (s *Sender) digestLoop(ctx context.Context, d *destination) {
	for {
		now := s.opt.Now()
		if err := s.opt.Sleep(ctx, d.digest.Next(now).Sub(now)); err != nil {
			return
		}
		// A finishing sender posts what is queued, not a digest that came
		// due while it drained: the next run sends it on schedule.
		if s.finishing() {
			return
		}
		if err := s.digestLeased(ctx, d.name); err != nil && ctx.Err() == nil {
			s.log.Error("send digest", slog.String("destination", d.name), slog.Any("error", err))
		}
	}
}

// digestLeased sends dest's digest under its lease, when there are leases.
// Every instance's schedule fires; the first to take the lease posts the
// digest, and the others, taking it after, find nothing left to send.
func (s *Sender) digestLeased(ctx context.Context, dest string) error {
	if s.opt.Leases == nil {
		return s.SendDigest(ctx, dest)
	}
	_, err := s.opt.Leases.Do(ctx, lease.DigestPrefix+dest, destLease, func(ctx context.Context) error {
		return s.SendDigest(ctx, dest)
	})
	return err
}

// SendDigest posts the alerts waiting for dest's digest now, as few messages
// as the limits allow, marking each message's alerts sent once it is posted.
// A failed post leaves its alerts queued for the next digest.
func (s *Sender) SendDigest(ctx context.Context, dest string) error {
	d := s.current().byName[dest]
	if d == nil || d.digest == nil || d.stopped() {
		return nil
	}
	items, err := s.opt.Store.DigestAlerts(ctx, dest, d.immediateFrom, digestBatch)
	if err != nil || len(items) == 0 {
		return err
	}
	for len(items) > 0 {
		n, err := s.postDigest(ctx, d, items)
		if err != nil {
			return err
		}
		items = items[n:]
	}
	return nil
}

// postDigest posts one digest message of the first of items and marks
// the alerts it took sent; it returns how many.
func (s *Sender) postDigest(ctx context.Context, d *destination, items []store.OutboxItem) (int, error) {
	if err := d.limit.Wait(ctx); err != nil {
		return 0, err
	}
	ctx = s.committed(ctx)
	alerts := make([]story.Alert, len(items))
	for i, it := range items {
		alerts[i] = it.Alert
	}
	start := time.Now()
	id, n, err := d.notifier.Digest(ctx, alerts)
	s.opt.Metrics.observe(d.name, err == nil, time.Since(start).Seconds())
	if err == nil && n == 0 {
		err = fmt.Errorf("digest for %s took no alert", d.name)
	}
	if err != nil {
		if judge(err) == stopDest {
			return 0, s.stop(ctx, d, err)
		}
		return 0, err
	}
	rec, done := recording(ctx)
	defer done()
	for _, it := range items[:n] {
		if err := s.opt.Store.MarkSent(rec, it.ID, id); err != nil {
			return 0, err
		}
	}
	s.opt.Metrics.sentInc(d.name, n)
	s.log.Info("digest sent", slog.String("destination", d.name), slog.Int("alerts", n), slog.String("message_id", id))
	return n, nil
}
