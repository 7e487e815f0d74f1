package delivery

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// noticeFeed is the feed named in operator notices.
const noticeFeed = "sanctionwatch"

// EnqueueNotice queues an operator notice (feed failing or recovered,
// destination failed, rule reload failed) for the admin destination. With
// no admin destination it is only logged.
func (s *Sender) EnqueueNotice(ctx context.Context, title, text string) error {
	s.log.Warn("notice", slog.String("title", title), slog.String("text", text))
	admin := s.current().admin
	if admin == "" {
		return nil
	}
	now := s.opt.Now()
	a := story.Alert{
		Kind:        story.KindNotice,
		Destination: admin,
		Story: story.Story{FeedID: noticeFeed, FeedName: noticeFeed, Title: title, Summary: text,
			Key: "notice:" + strconv.FormatInt(now.UnixNano(), 10) + ":" + title, Published: now},
		Matches:  []story.Match{{RuleID: "notice", Title: "Operator notice", Severity: story.SeverityCritical, Snippet: text}},
		Severity: story.SeverityCritical,
		Queued:   now,
	}
	if _, err := s.opt.Store.EnqueueAlerts(ctx, []story.Alert{a}); err != nil {
		return fmt.Errorf("enqueue notice: %w", err)
	}
	s.opt.Metrics.AlertsQueued([]story.Alert{a})
	s.Wake()
	return nil
}

// SendTest posts a sample alert straight to dest (not through the outbox),
// to check a webhook or channel, and returns the message id.
func (s *Sender) SendTest(ctx context.Context, dest string) (string, error) {
	d := s.current().byName[dest]
	if d == nil {
		return "", fmt.Errorf("send test: unknown destination %q", dest)
	}
	if err := d.limit.Wait(ctx); err != nil {
		return "", fmt.Errorf("send test to %s: %w", dest, err)
	}
	sample := SampleAlert(dest, s.opt.Now())
	sample.Kind = story.KindNotice // a check pings nobody
	id, err := d.notifier.Post(ctx, sample, "")
	if err != nil {
		return "", fmt.Errorf("send test to %s: %w", dest, err)
	}
	return id, nil
}
