package delivery

import (
	"context"
	"errors"
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

// recordTimeout bounds writing down what Discord already did.
const recordTimeout = 10 * time.Second

// recording is the context for recording a delivery that has happened. It
// outlives ctx: when the shutdown grace ends between Discord's answer and
// the write, the post must still be marked sent, or the next start would
// post it again.
func recording(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
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
	rec, done := recording(ctx)
	defer done()
	if err := s.opt.Store.MarkSent(rec, it.ID, id); err != nil {
		return err
	}
	switch {
	case d.forum && d.threads != nil:
		// The forum post is the event's thread; its id is its first
		// message's too.
		if err := s.opt.Store.SetThread(ctx, it.ID, id); err != nil {
			return err
		}
	case d.threads != nil && it.Alert.Event != "":
		s.openThread(ctx, d, it, id)
	}
	s.opt.Metrics.sentInc(d.name, 1)
	s.log.Info("alert sent", slog.String("destination", d.name), slog.Int64("alert_id", it.ID),
		slog.String("message_id", id), slog.String("title", it.Alert.Story.Title))
	return nil
}

// earlierPost finds the post at d that the alert's story belongs to: the
// post of its event. Alerts queued before events existed carry none; for
// them the post of the same link, or of the same title within the dedup
// window, stands in.
func (s *Sender) earlierPost(ctx context.Context, d *destination, it store.OutboxItem) (store.OutboxItem, bool, error) {
	if it.Alert.IsNotice() {
		return store.OutboxItem{}, false, nil
	}
	a := it.Alert
	if a.Event != "" {
		return s.opt.Store.EventPost(ctx, d.name, a.Event, it.ID)
	}
	title := store.NormTitle(a.Story.Title)
	window := s.current().window
	if window <= 0 {
		title = "" // dedup_window: 0 turns title matching off; links still match
	}
	return s.opt.Store.FindSent(ctx, d.name, a.Story.Link, title, it.QueuedAt.Add(-window), it.ID)
}

// merge edits the earlier post to list every report of the event, newest
// first, each with its linked title, under the number of outlets. An
// outlet never corroborates itself: another story from a feed already
// listed is shown but does not count as another outlet.
func (s *Sender) merge(ctx context.Context, d *destination, it, orig store.OutboxItem) error {
	stories, err := s.opt.Store.PostStories(ctx, orig.ID)
	if err != nil {
		return err
	}
	all := outletReports(append([]story.Story{it.Alert.Story}, stories...))
	before, after := story.Outlets(outletReports(stories)), story.Outlets(all)
	a := orig.Alert
	if esc := s.current().escalateAfter; esc > 0 && after >= esc {
		a.Severity = min(a.Severity+1, story.SeverityCritical)
	}
	thread, err := s.threadOf(ctx, d, orig)
	if err != nil {
		return err
	}
	start := time.Now()
	if thread != "" {
		_, err = d.threads.PostIn(ctx, thread, it.Alert, "sw"+strconv.FormatInt(it.ID, 10))
	} else {
		err = d.notifier.Edit(ctx, orig.MessageID, a, all)
	}
	s.opt.Metrics.observe(d.name, err == nil, time.Since(start).Seconds())
	if thread != "" && err != nil && judge(err) != retryLater {
		// The thread is gone or closed to the bot: forget it, and the
		// report, still queued, edits the post on its next attempt.
		s.log.Warn("event thread refused; reports will edit the post", slog.String("destination", d.name),
			slog.Int64("alert_id", it.ID), slog.String("error", err.Error()))
		return s.opt.Store.SetThread(ctx, orig.ID, "")
	}
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
	if esc := s.current().escalateAfter; esc > 0 && before < esc && after >= esc {
		if err := s.escalate(ctx, d, it, a, after, thread); err != nil {
			return s.failed(ctx, d, it, err)
		}
	}
	rec, done := recording(ctx)
	defer done()
	if err := s.opt.Store.MarkMerged(rec, it.ID, orig.ID, orig.MessageID); err != nil {
		return err
	}
	s.opt.Metrics.sentInc(d.name, 1)
	s.log.Info("alert merged into earlier post", slog.String("destination", d.name), slog.Int64("alert_id", it.ID),
		slog.Int64("merged_into", orig.ID), slog.String("feed", it.Alert.Story.FeedName))
	return nil
}

// openThread opens the thread of an event's first post. A failure is
// logged, not retried: the post is out, and the event's later reports then
// edit it as at a destination without threads.
func (s *Sender) openThread(ctx context.Context, d *destination, it store.OutboxItem, messageID string) {
	thread, err := d.threads.StartThread(ctx, messageID, it.Alert)
	if err == nil {
		err = s.opt.Store.SetThread(ctx, it.ID, thread)
	}
	if err != nil {
		s.log.Warn("cannot open the event's thread; later reports will edit the post", slog.String("destination", d.name),
			slog.Int64("alert_id", it.ID), slog.String("error", err.Error()))
	}
}

// threadOf returns the thread of the post orig at d, "" when d has no
// threads or the post opened none.
func (s *Sender) threadOf(ctx context.Context, d *destination, orig store.OutboxItem) (string, error) {
	if d.threads == nil {
		return "", nil
	}
	return s.opt.Store.PostThread(ctx, orig.ID)
}

// escalate tells d, once, that an event reached the configured number of
// outlets: edits never notify anyone, so the destination sends a short
// message of its own (Discord pings its role, if it has one, with the
// headline), in the event's thread if it has one. The post's colour and
// severity already changed with the edit. The crossing belongs to one
// outbox row, and the row records the attempt before it is made: a retry
// of the row, after a failure that may have reached Discord or after a
// crash, edits again but never pings again (a webhook has no nonce for
// Discord to drop a repeat by). Only an answer saying Discord did nothing
// (see notDelivered) lets the retry ping.
func (s *Sender) escalate(ctx context.Context, d *destination, it store.OutboxItem, a story.Alert, n int, thread string) error {
	if err := d.limit.Wait(ctx); err != nil {
		return err
	}
	first, err := s.opt.Store.BeginEscalation(ctx, it.ID)
	if err != nil {
		return err
	}
	if !first {
		s.log.Info("event escalation already attempted; not pinging again", slog.String("destination", d.name),
			slog.String("event", a.Event), slog.Int64("alert_id", it.ID))
		return nil
	}
	key := "swesc" + strconv.FormatInt(it.ID, 10)
	var id string
	if thread != "" { // in the event's thread (a forum takes nothing else)
		id, err = d.threads.EscalateIn(ctx, thread, a, n, key)
	} else {
		id, err = d.notifier.Escalate(ctx, a, n, key)
	}
	if err != nil && notDelivered(err) {
		rec, done := recording(ctx)
		defer done()
		if cerr := s.opt.Store.CancelEscalation(rec, it.ID); cerr != nil {
			return errors.Join(err, cerr)
		}
	}
	if err == nil && id != "" {
		s.log.Info("event escalated", slog.String("destination", d.name), slog.String("event", a.Event), slog.Int("outlets", n))
	}
	return err
}

// undelivered is an error that can tell a request the destination surely
// did not act on (rate limited, refused before doing anything).
type undelivered interface{ NotDelivered() bool }

// notDelivered says whether err surely left the destination unchanged. An
// error that cannot tell (a timeout, a lost connection) may have come
// after the destination acted.
func notDelivered(err error) bool {
	var u undelivered
	return errors.As(err, &u) && u.NotDelivered()
}

// outletReports lists the reports of an event, newest story first;
// stories come newest arrival first, which breaks ties of publication time.
func outletReports(stories []story.Story) []story.Report {
	slices.SortStableFunc(stories, func(a, b story.Story) int { return b.Published.Compare(a.Published) })
	out := make([]story.Report, 0, len(stories))
	for _, st := range stories {
		out = append(out, story.Report{Outlet: orDefault(st.FeedName, st.FeedID), Title: st.Title, Link: st.Link})
	}
	return out
}

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
