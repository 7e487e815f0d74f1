package delivery

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// lateGrace is a destination that accepts a post just as the shutdown
// grace runs out: it cancels the sender's context before answering.
type lateGrace struct {
	posts  atomic.Int32
	cancel context.CancelFunc
}

func (l *lateGrace) Post(ctx context.Context, a story.Alert, key string) (string, error) {
	l.posts.Add(1)
	if l.cancel != nil {
		l.cancel()
	}
	return "m1", nil
}

func (l *lateGrace) Edit(context.Context, string, story.Alert, []story.Report) error { return nil }

func (l *lateGrace) Escalate(context.Context, story.Alert, int, string) (string, error) {
	return "", nil
}

func (l *lateGrace) SplitDigest([]story.Alert) []story.DigestPart { return nil }

func (l *lateGrace) PostDigest(context.Context, story.DigestPart, string) (string, int, error) {
	return "", 0, nil
}

// A post Discord accepted is recorded as sent even when the grace ends
// between the answer and the write, so the next start does not post it
// again.
func TestPostAcceptedAsGraceEndsIsNotPostedAgain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	cfg := &config.Config{Destinations: []config.Destination{{Name: "ops", Discord: config.DiscordDestination{Webhook: "x"}}},
		Routing: config.Routing{Default: "ops"}, Delivery: config.Delivery{MaxAge: time.Hour}}
	dest := &lateGrace{}
	start := func(queue bool) {
		st, err := store.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if queue {
			if _, err := st.EnqueueAlerts(context.Background(), []story.Alert{alert("ops", "wire", 1, story.SeverityHigh)}); err != nil {
				t.Fatal(err)
			}
		}
		s, err := NewSender(SenderOptions{Store: st, Notifiers: map[string]Notifier{"ops": dest}, Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		dest.cancel = cancel
		s.Finish()
		s.Run(ctx)
	}
	start(true)  // the grace ends as Discord answers
	start(false) // the next start
	if n := dest.posts.Load(); n != 1 {
		t.Errorf("the alert was posted %d times, want once", n)
	}
}
