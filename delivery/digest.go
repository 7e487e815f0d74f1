package delivery

import (
	"context"
	"log/slog"
	"time"

	"github.com/sanctionwatch/sanctionwatch/delivery/discord"
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
		if err := s.SendDigest(ctx, d.name); err != nil && ctx.Err() == nil {
			s.log.Error("send digest", slog.String("destination", d.name), slog.String("error", err.Error()))
		}
	}
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
	alerts := make([]story.Alert, len(items))
	for i, it := range items {
		alerts[i] = it.Alert
	}
	for _, m := range discord.RenderDigest(alerts) {
		batch := items[:len(m.Alerts)]
		items = items[len(m.Alerts):]
		if err := s.postDigest(ctx, d, m, batch); err != nil {
			return err
		}
	}
	return nil
}

func (s *Sender) postDigest(ctx context.Context, d *destination, m discord.Message, batch []store.OutboxItem) error {
	if err := d.limit.Wait(ctx); err != nil {
		return err
	}
	start := time.Now()
	id, err := d.notifier.Send(ctx, m)
	s.opt.Metrics.observe(d.name, err == nil, time.Since(start).Seconds())
	if err != nil {
		if judge(err) == stopDest {
			return s.stop(ctx, d, err.Error())
		}
		return err
	}
	for _, it := range batch {
		if err := s.opt.Store.MarkSent(ctx, it.ID, id); err != nil {
			return err
		}
	}
	s.opt.Metrics.sentInc(d.name, len(batch))
	s.log.Info("digest sent", slog.String("destination", d.name), slog.Int("alerts", len(batch)), slog.String("message_id", id))
	return nil
}
