package delivery

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery/discord/discordtest"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Secrets the tests give destinations; no log line or error may show them.
const (
	opsToken   = "ops-SECRET-token-1"
	newsToken  = "news-SECRET-token-2"
	adminToken = "admin-SECRET-token-3"
	botSecret  = "bot-SECRET-token-4"
)

var secrets = []string{opsToken, newsToken, adminToken, botSecret}

// fakeClock is a clock whose Sleep returns at once, moving time on, so
// that minutes of outage or rate limit take no real time.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
	// onSleep, when set, is told of every sleep before it is taken; a
	// test uses it to act while the code under test waits.
	onSleep func(d time.Duration)
}

func newClock() *fakeClock { return &fakeClock{now: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if c.onSleep != nil {
		c.onSleep(d)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return nil
}

// syncBuffer collects log output from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// harness is a sender on a real store file, talking to a fake Discord.
type harness struct {
	t      *testing.T
	srv    *discordtest.Server
	clock  *fakeClock
	cfg    *config.Config
	path   string
	store  *store.Store
	sender *Sender
	logs   *syncBuffer
}

func newHarness(t *testing.T, edit func(*config.Config)) *harness {
	t.Helper()
	h := &harness{t: t, srv: discordtest.New(), clock: newClock(), logs: &syncBuffer{},
		path: filepath.Join(t.TempDir(), "state.db")}
	t.Cleanup(h.srv.Close)
	h.srv.BotToken = botSecret
	h.srv.AddChannel("555")
	h.cfg = &config.Config{
		Discord: config.Discord{APIBase: h.srv.URL, Token: config.Secret(botSecret)},
		Destinations: []config.Destination{
			{Name: "ops", Discord: config.DiscordDestination{Webhook: config.Secret(h.srv.AddWebhook("1", opsToken))}},
			{Name: "news", Discord: config.DiscordDestination{Webhook: config.Secret(h.srv.AddWebhook("2", newsToken))}},
			{Name: "admin", Discord: config.DiscordDestination{Webhook: config.Secret(h.srv.AddWebhook("3", adminToken))}},
			{Name: "chan", Discord: config.DiscordDestination{ChannelID: "555"}},
		},
		Routing:  config.Routing{Default: "ops", Admin: "admin"},
		Delivery: config.Delivery{MaxAge: 24 * time.Hour, DedupWindow: 6 * time.Hour},
	}
	if edit != nil {
		edit(h.cfg)
	}
	h.open()
	t.Cleanup(h.checkSecrets)
	return h
}

// open opens the store at h.path and a new sender on it, as a restart does.
func (h *harness) open() {
	h.t.Helper()
	st, err := store.Open(context.Background(), h.path)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { st.Close() })
	st.SetClock(h.clock.Now)
	ns, err := NewNotifiers(h.cfg, h.logs, false, false)
	if err != nil {
		h.t.Fatal(err)
	}
	s, err := NewSender(SenderOptions{Store: st, Notifiers: ns, Config: h.cfg, Now: h.clock.Now, Sleep: h.clock.Sleep,
		Logger: slog.New(slog.NewJSONHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Rand:   func() float64 { return 0.5 }})
	if err != nil {
		h.t.Fatal(err)
	}
	h.store, h.sender = st, s
}

func (h *harness) checkSecrets() {
	logs := h.logs.String()
	for _, sec := range secrets {
		if strings.Contains(logs, sec) {
			h.t.Errorf("logs contain secret %q:\n%s", sec, logs)
		}
	}
	for _, p := range h.srv.Problems() {
		h.t.Errorf("discord payload problem: %s", p)
	}
}

func (h *harness) enqueue(alerts ...story.Alert) {
	h.t.Helper()
	if _, err := h.store.EnqueueAlerts(context.Background(), alerts); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) flush() {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := h.sender.Flush(ctx); err != nil {
		h.t.Fatalf("Flush: %v", err)
	}
}

func alert(dest, feed string, n int, sev story.Severity) story.Alert {
	return story.Alert{
		Destination: dest, Severity: sev,
		Story: story.Story{FeedID: feed, FeedName: feed, Key: fmt.Sprintf("k%02d", n),
			Link: fmt.Sprintf("https://example.org/%s/%02d", feed, n), Title: fmt.Sprintf("story %02d from %s", n, feed)},
		Matches: []story.Match{{RuleID: "r1", Title: "Rule one", Severity: sev,
			Snippet: "@everyone " + story.MarkOpen + "drones" + story.MarkClose + " <@&1>"}},
	}
}

// titles lists the embed titles of the messages a webhook or channel has.
func (h *harness) titles(target string) []string {
	var out []string
	for _, m := range h.srv.MessagesTo(target) {
		out = append(out, m.Embeds[0].Title)
	}
	return out
}
