package delivery

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// deliver makes one attempt at the queue head it: an edit of an earlier post
// when another feed already carried the story, else a new post. The outcome
// is recorded before deliver returns; the error is only for store or ctx
// failures, which stop the drain.
func (s *Sender) deliver(ctx context.Context, d *destination, it store.OutboxItem) error {
	orig, dup, err := s.earlierPost(ctx, d, it)
	if err != nil {
		return err
	}
	if err := d.limit.Wait(ctx); err != nil {
		return err
	}
	ctx = s.committed(ctx)
	if dup {
		return s.merge(ctx, d, it, orig)
	}
	return s.post(ctx, d, it)
}

// post sends the alert as a new message. The key comes from the outbox
// row, so a bot post repeated after a crash is dropped by Discord.
func (s *Sender) post(ctx context.Context, d *destination, it store.OutboxItem) error {
	start := time.Now()
	id, err := d.notifier.Post(ctx, it.Alert, "sw"+strconv.FormatInt(it.ID, 10))
	s.opt.Metrics.observe(d.name, err == nil, time.Since(start).Seconds())
	if err != nil {
		return s.failed(ctx, d, it, err)
	}
	if err := s.opt.Store.MarkSent(ctx, it.ID, id); err != nil {
		return err
	}
	s.opt.Metrics.sentInc(d.name, 1)
	s.log.Info("alert sent", slog.String("destination", d.name), slog.Int64("alert_id", it.ID),
		slog.String("message_id", id), slog.String("title", it.Alert.Story.Title))
	return nil
}

// earlierPost finds the post of the same story at d from another feed: same
// canonical link, or same title within the dedup window.
func (s *Sender) earlierPost(ctx context.Context, d *destination, it store.OutboxItem) (store.OutboxItem, bool, error) {
	if it.Alert.IsNotice() {
		return store.OutboxItem{}, false, nil
	}
	a := it.Alert
	title := store.NormTitle(a.Story.Title)
	window := s.current().window
	if window <= 0 {
		title = "" // dedup_window: 0 turns title matching off; links still match
	}
	return s.opt.Store.FindSent(ctx, d.name, a.Story.Link, title, it.QueuedAt.Add(-window), it.ID)
}

// merge edits the earlier post to name every feed that also reported it.
// An outlet never corroborates itself: the same story again from the feed
// of the post, or from a feed already named (a changed GUID, an undated
// item re-dated), is folded in without an edit.
func (s *Sender) merge(ctx context.Context, d *destination, it, orig store.OutboxItem) error {
	feeds, err := s.opt.Store.MergedFeeds(ctx, orig.ID)
	if err != nil {
		return err
	}
	own := feedName(orig.Alert)
	feeds = slices.DeleteFunc(feeds, func(f string) bool { return f == own })
	feeds = slices.Compact(feeds)
	name := feedName(it.Alert)
	if name == own || slices.Contains(feeds, name) {
		s.log.Info("same story again from a feed already credited; not posted", slog.String("destination", d.name),
			slog.Int64("alert_id", it.ID), slog.Int64("merged_into", orig.ID), slog.String("feed", name))
		return s.opt.Store.MarkMerged(ctx, it.ID, orig.ID, orig.MessageID)
	}
	feeds = append(feeds, name)
	start := time.Now()
	err = d.notifier.Edit(ctx, orig.MessageID, orig.Alert, feeds)
	s.opt.Metrics.observe(d.name, err == nil, time.Since(start).Seconds())
	if err != nil && judge(err) == dropMessage {
		// The earlier post is gone (deleted, or printed by a dry run):
		// this sighting becomes a post of its own.
		s.log.Warn("cannot edit earlier post; posting anew", slog.String("destination", d.name),
			slog.Int64("alert_id", it.ID), slog.Any("error", err))
		return s.post(ctx, d, it)
	}
	if err != nil {
		return s.failed(ctx, d, it, err)
	}
	if err := s.opt.Store.MarkMerged(ctx, it.ID, orig.ID, orig.MessageID); err != nil {
		return err
	}
	s.opt.Metrics.sentInc(d.name, 1)
	s.log.Info("alert merged into earlier post", slog.String("destination", d.name), slog.Int64("alert_id", it.ID),
		slog.Int64("merged_into", orig.ID), slog.String("feed", it.Alert.Story.FeedName))
	return nil
}

func feedName(a story.Alert) string { return orDefault(a.Story.FeedName, a.Story.FeedID) }

// failed applies the retry policy to a failed attempt.
func (s *Sender) failed(ctx context.Context, d *destination, it store.OutboxItem, err error) error {
	if ctx.Err() != nil {
		return ctx.Err() // shutting down: the attempt did not count
	}
	reason := err.Error()
	switch judge(err) {
	case stopDest:
		return s.stop(ctx, d, err)
	case dropMessage:
		s.opt.Metrics.failedInc(d.name)
		s.log.Error("alert refused by discord", slog.String("destination", d.name), slog.Int64("alert_id", it.ID), slog.Any("error", err))
		return s.opt.Store.MarkFailed(ctx, it.ID, reason)
	}
	next := s.opt.Now().Add(retryDelay(err, it.Attempts, s.opt.Rand()))
	if next.Sub(it.QueuedAt) > s.current().maxAge {
		s.opt.Metrics.failedInc(d.name)
		s.log.Error("alert expired", slog.String("destination", d.name), slog.Int64("alert_id", it.ID),
			slog.Int("attempts", it.Attempts+1), slog.Any("error", err))
		return s.opt.Store.MarkFailed(ctx, it.ID, fmt.Sprintf("gave up after %d attempts: %s", it.Attempts+1, reason))
	}
	s.log.Warn("alert delivery failed, will retry", slog.String("destination", d.name), slog.Int64("alert_id", it.ID),
		slog.Int("attempts", it.Attempts+1), slog.Time("next_attempt", next), slog.Any("error", err))
	return s.opt.Store.MarkRetry(ctx, it.ID, next, reason)
}

// stop holds a destination Discord refuses, records why for `status`, and
// tells the admin destination. Its alerts stay queued for when it is fixed.
func (s *Sender) stop(ctx context.Context, d *destination, err error) error {
	d.failed.Store(true)
	s.opt.Metrics.failedInc(d.name)
	s.log.Error("destination refused by discord; holding its alerts until restart",
		slog.String("destination", d.name), slog.Any("error", err))
	reason := err.Error()
	if err := s.opt.Store.SetDestinationFailed(ctx, d.name, reason); err != nil {
		return err
	}
	if s.current().admin == d.name {
		return nil
	}
	return s.EnqueueNotice(ctx, "Destination "+d.name+" failed",
		"Discord refused destination "+d.name+": "+reason+". Its alerts are kept and will be sent after the destination is fixed and sanctionwatch restarts.")
}
