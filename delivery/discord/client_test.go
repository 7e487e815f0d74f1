package discord

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/delivery/discord/discordtest"
)

const (
	hookToken = "hooktoken-SECRET-abc123"
	botToken  = "bottoken-SECRET-xyz789"
)

func fakeDiscord(t *testing.T) (*discordtest.Server, *Transport) {
	t.Helper()
	srv := discordtest.New()
	t.Cleanup(srv.Close)
	srv.BotToken = botToken
	tr, err := NewTransport(srv.URL+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	return srv, tr
}

func TestWebhookSendAndEdit(t *testing.T) {
	srv, tr := fakeDiscord(t)
	url := srv.AddWebhook("111", hookToken)
	w, err := NewWebhook(url, tr, WebhookOptions{Username: "sanctionwatch"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m := Render(sampleAlert(), nil, RenderOptions{})
	id, err := w.Send(ctx, m)
	if err != nil || id == "" {
		t.Fatalf("Send = %q, %v", id, err)
	}
	edited := Render(sampleAlert(), []Report{{Outlet: "AP", Title: "Drones reach Russia"}, {Outlet: "Wire"}}, RenderOptions{})
	if err := w.Edit(ctx, id, edited); err != nil {
		t.Fatalf("Edit: %v", err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || !strings.Contains(msgs[0].Embeds[0].Fields[len(msgs[0].Embeds[0].Fields)-1].Value, "AP") {
		t.Fatalf("messages = %+v, want one edited message naming AP", msgs)
	}
	if p := srv.Problems(); len(p) != 0 {
		t.Fatalf("payload problems: %v", p)
	}
}

func TestWebhookInThread(t *testing.T) {
	srv, tr := fakeDiscord(t)
	var queries []string
	srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
		queries = append(queries, r.Query)
		return nil
	})
	w, err := NewWebhook(srv.AddWebhook("111", hookToken), tr, WebhookOptions{ThreadID: "777"})
	if err != nil {
		t.Fatal(err)
	}
	m := Render(sampleAlert(), nil, RenderOptions{})
	id, err := w.Send(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Edit(context.Background(), id, m); err != nil {
		t.Fatal(err)
	}
	if len(queries) != 2 || !strings.Contains(queries[0], "thread_id=777") || !strings.Contains(queries[0], "wait=true") ||
		queries[1] != "thread_id=777" {
		t.Fatalf("queries = %q, want thread_id on send and edit, wait on send", queries)
	}
}

func TestChannelNonceDropsRepeat(t *testing.T) {
	srv, tr := fakeDiscord(t)
	srv.AddChannel("555")
	c := NewBot(botToken, tr).Channel("555")
	m := Render(sampleAlert(), nil, RenderOptions{})
	m.Nonce = "sw-42"
	ctx := context.Background()
	first, err := c.Send(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Send(ctx, m)
	if err != nil || again != first || len(srv.Messages()) != 1 {
		t.Fatalf("repeat with nonce: id %q (first %q), %d messages, err %v", again, first, len(srv.Messages()), err)
	}
	if err := c.Edit(ctx, first, m); err != nil {
		t.Fatalf("Edit: %v", err)
	}
}

func TestErrorsClassifiedAndRedacted(t *testing.T) {
	tests := []struct {
		name      string
		reply     *discordtest.Reply
		retryable bool
		gone      bool
		after     time.Duration
	}{
		{"429", discordtest.RateLimited(2.5, false), true, false, 2500 * time.Millisecond},
		{"429 global", discordtest.RateLimited(1, true), true, false, time.Second},
		{"500", discordtest.Failure(500, 0, "internal"), true, false, 0},
		{"502", discordtest.Failure(502, 0, "bad gateway"), true, false, 0},
		{"unknown webhook", discordtest.Failure(404, 10015, "Unknown Webhook"), false, true, 0},
		{"missing access", discordtest.Failure(403, 50001, "Missing Access"), false, true, 0},
		{"unknown channel", discordtest.Failure(404, 10003, "Unknown Channel"), false, true, 0},
		{"unauthorized", discordtest.Failure(401, 0, "401: Unauthorized"), false, true, 0},
		{"bad body", discordtest.Failure(400, 50035, "Invalid Form Body"), false, false, 0},
		{"hang", &discordtest.Reply{Hang: true}, true, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, tr := fakeDiscord(t)
			srv.AddChannel("555")
			srv.Intercept(func(discordtest.Request) *discordtest.Reply { return tt.reply })
			url := srv.AddWebhook("111", hookToken)
			w, _ := NewWebhook(url, tr, WebhookOptions{})
			bot := NewBot(botToken, tr).Channel("555")
			// Only the hanging server needs a short deadline; the others get
			// one no loaded machine reaches, so that a slow run cannot turn
			// their error into a timeout.
			wait := time.Minute
			if tt.reply.Hang {
				wait = 200 * time.Millisecond
			}
			m := Render(sampleAlert(), nil, RenderOptions{})
			for _, send := range []func(context.Context) error{
				func(ctx context.Context) error { _, err := w.Send(ctx, m); return err },
				func(ctx context.Context) error { _, err := bot.Send(ctx, m); return err },
				func(ctx context.Context) error { return w.Edit(ctx, "1", m) },
			} {
				ctx, cancel := context.WithTimeout(context.Background(), wait)
				err := send(ctx)
				cancel()
				var de *Error
				if !errors.As(err, &de) {
					t.Fatalf("error %v is not a *discord.Error", err)
				}
				if de.Retryable() != tt.retryable || de.DestinationGone() != tt.gone || de.RetryAfter != tt.after {
					t.Fatalf("%v: retryable %v gone %v after %v; want %v %v %v", err, de.Retryable(), de.DestinationGone(), de.RetryAfter, tt.retryable, tt.gone, tt.after)
				}
				if s := err.Error(); strings.Contains(s, hookToken) || strings.Contains(s, botToken) || strings.Contains(s, url) {
					t.Fatalf("error leaks a secret: %s", s)
				}
			}
		})
	}
}

func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
	}{
		{"", 0},
		{"3", 3 * time.Second},
		{"0.25", 250 * time.Millisecond},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{"soon", 0},
	}
	for _, tt := range tests {
		t.Run(tt.v, func(t *testing.T) {
			h := http.Header{}
			if tt.v != "" {
				h.Set("Retry-After", tt.v)
			}
			if got := retryAfter(h, now); got != tt.want {
				t.Fatalf("retryAfter(%q) = %v, want %v", tt.v, got, tt.want)
			}
		})
	}
}

func TestParseWebhookErrorsHideURL(t *testing.T) {
	for _, raw := range []string{"https://discord.com/api/nothooks/1/" + hookToken, "ftp://x/" + hookToken, "::" + hookToken} {
		_, err := NewWebhook(raw, nil, WebhookOptions{})
		if err == nil || strings.Contains(err.Error(), hookToken) {
			t.Fatalf("NewWebhook(%q) error = %v; want an error without the token", raw, err)
		}
	}
}
