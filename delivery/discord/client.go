package discord

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// requestTimeout bounds one Discord call, so that a hung connection turns
// into a retryable error instead of a stuck destination.
const requestTimeout = 30 * time.Second

// newSession returns a discordgo session for REST calls only, sending through
// transport. discordgo's own retries are off: its 429 retry sleeps without
// a context and hides the wait from our policy and metrics, and its 502
// retry would bypass our backoff. The sender retries, honouring Retry-After.
// discordgo's bucket limiter still holds a request until a bucket resets.
func newSession(token string, transport http.RoundTripper) *discordgo.Session {
	s, _ := discordgo.New(token) // New never fails
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 0
	s.StateEnabled = false
	s.Client = &http.Client{Transport: transport, Timeout: requestTimeout}
	return s
}

// Webhook posts to one Discord webhook. Each webhook has its own session,
// so a hung or rate-limited webhook never holds up another: discordgo locks
// one rate-limit bucket per route for the whole request, and all webhooks
// share a route.
type Webhook struct {
	s        *discordgo.Session
	id       string
	token    string
	secret   string // the whole URL, to redact
	origin   string // where requests really go, named in errors
	gate     gate   // one call at a time, so discordgo's bucket lock is never waited on
	thread   string
	username string
	avatar   string
}

// WebhookOptions are the optional parts of a webhook destination.
type WebhookOptions struct {
	ThreadID, Username, AvatarURL string
}

// NewWebhook parses a webhook URL (https://discord.com/api/webhooks/ID/TOKEN)
// and returns a client for it. The error never contains the URL.
func NewWebhook(webhookURL string, transport http.RoundTripper, o WebhookOptions) (*Webhook, error) {
	id, token, err := parseWebhook(webhookURL)
	if err != nil {
		return nil, err
	}
	return &Webhook{s: newSession("", transport), id: id, token: token, secret: webhookURL,
		origin: originOf(transport), gate: newGate(), thread: o.ThreadID, username: o.Username, avatar: o.AvatarURL}, nil
}

func parseWebhook(raw string) (id, token string, err error) {
	u, perr := url.Parse(raw)
	if perr != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return "", "", fmt.Errorf("webhook URL is not an http(s) URL")
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	for i := 0; i+2 < len(parts); i++ {
		if parts[i] == "webhooks" && parts[i+1] != "" && parts[i+2] != "" {
			return parts[i+1], parts[i+2], nil
		}
	}
	return "", "", fmt.Errorf("webhook URL has no /webhooks/ID/TOKEN path")
}

// Send posts m with wait=true, so that Discord returns the message id.
func (w *Webhook) Send(ctx context.Context, m Message) (string, error) {
	if err := w.gate.enter(ctx); err != nil {
		return "", &Error{Op: "send", Message: err.Error(), retryable: true}
	}
	defer w.gate.leave()
	p := &discordgo.WebhookParams{Content: m.Content, Username: w.username, AvatarURL: w.avatar,
		Embeds: m.Embeds, AllowedMentions: m.AllowedMentions}
	msg, err := w.s.WebhookThreadExecute(w.id, w.token, true, w.thread, p, discordgo.WithContext(ctx))
	if err != nil {
		return "", w.classify("send", err)
	}
	if msg == nil || msg.ID == "" {
		return "", &Error{Op: "send", Message: "no message id in response", retryable: true}
	}
	return msg.ID, nil
}

// Edit replaces the content and embeds of a message the webhook posted.
func (w *Webhook) Edit(ctx context.Context, messageID string, m Message) error {
	if err := w.gate.enter(ctx); err != nil {
		return &Error{Op: "edit", Message: err.Error(), retryable: true}
	}
	defer w.gate.leave()
	content := m.Content
	p := &discordgo.WebhookEdit{Content: &content, Embeds: &m.Embeds, AllowedMentions: m.AllowedMentions}
	var err error
	if w.thread == "" {
		_, err = w.s.WebhookMessageEdit(w.id, w.token, messageID, p, discordgo.WithContext(ctx))
	} else {
		// discordgo has no thread_id on edits; the same route with the query.
		uri := discordgo.EndpointWebhookMessage(w.id, w.token, messageID) + "?thread_id=" + url.QueryEscape(w.thread)
		_, err = w.s.RequestWithBucketID("PATCH", uri, p, discordgo.EndpointWebhookToken("", ""), discordgo.WithContext(ctx))
	}
	return w.classify("edit", err)
}

// classify names the real host in errors, never the secret.
func (w *Webhook) classify(op string, err error) error {
	return atOrigin(classify(op, err, w.secret, w.token), w.origin)
}

// originOf is where transport sends discordgo's requests.
func originOf(transport http.RoundTripper) string {
	if t, ok := transport.(*Transport); ok {
		return t.origin()
	}
	return discordOrigin
}

// Bot is a bot token's session, shared by its channel destinations so that
// they share Discord's per-bot limits.
type Bot struct {
	s      *discordgo.Session
	token  string
	origin string
}

// NewBot returns a bot client; token is sent as "Bot <token>".
func NewBot(token string, transport http.RoundTripper) *Bot {
	if !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	return &Bot{s: newSession(token, transport), token: strings.TrimPrefix(token, "Bot "), origin: originOf(transport)}
}

// Channel posts to one channel (or thread) as the bot.
type Channel struct {
	bot  *Bot
	id   string
	gate gate
}

// Channel returns a client for channelID (a thread id works too).
func (b *Bot) Channel(channelID string) *Channel {
	return &Channel{bot: b, id: channelID, gate: newGate()}
}

// channelSend is discordgo's MessageSend plus the nonce fields, which
// discordgo v0.29.0 does not have; the request still goes through discordgo.
type channelSend struct {
	*discordgo.MessageSend
	Nonce        string `json:"nonce,omitempty"`
	EnforceNonce bool   `json:"enforce_nonce,omitempty"`
}

// channelMessage is the body that posts m, with its nonce enforced.
func channelMessage(m Message) channelSend {
	return channelSend{MessageSend: &discordgo.MessageSend{Content: m.Content, Embeds: m.Embeds,
		AllowedMentions: m.AllowedMentions, Components: m.Components}, Nonce: m.Nonce, EnforceNonce: m.Nonce != ""}
}

// Send posts m. With a nonce, Discord returns the earlier message instead of
// posting again when the same nonce was used in the last few minutes.
func (c *Channel) Send(ctx context.Context, m Message) (string, error) {
	if err := c.gate.enter(ctx); err != nil {
		return "", &Error{Op: "send", Message: err.Error(), retryable: true}
	}
	defer c.gate.leave()
	body := channelMessage(m)
	route := discordgo.EndpointChannelMessages(c.id)
	resp, err := c.bot.s.RequestWithBucketID("POST", route, body, route, discordgo.WithContext(ctx))
	if err != nil {
		return "", atOrigin(classify("send", err, c.bot.token), c.bot.origin)
	}
	var msg discordgo.Message
	if err := discordgo.Unmarshal(resp, &msg); err != nil || msg.ID == "" {
		return "", &Error{Op: "send", Message: "no message id in response", retryable: true}
	}
	return msg.ID, nil
}

// Edit replaces the content and embeds of a message the bot posted.
func (c *Channel) Edit(ctx context.Context, messageID string, m Message) error {
	if err := c.gate.enter(ctx); err != nil {
		return &Error{Op: "edit", Message: err.Error(), retryable: true}
	}
	defer c.gate.leave()
	content := m.Content
	e := &discordgo.MessageEdit{ID: messageID, Channel: c.id, Content: &content, Embeds: &m.Embeds, AllowedMentions: m.AllowedMentions}
	_, err := c.bot.s.ChannelMessageEditComplex(e, discordgo.WithContext(ctx))
	return atOrigin(classify("edit", err, c.bot.token), c.bot.origin)
}

// StartThread opens a thread named name on one of the channel's messages
// and returns the thread's id.
func (c *Channel) StartThread(ctx context.Context, messageID, name string) (string, error) {
	if err := c.gate.enter(ctx); err != nil {
		return "", &Error{Op: "start thread", Message: err.Error(), retryable: true}
	}
	defer c.gate.leave()
	th, err := c.bot.s.MessageThreadStartComplex(c.id, messageID,
		&discordgo.ThreadStart{Name: Truncate(oneLine(name), maxThreadName), AutoArchiveDuration: 1440}, discordgo.WithContext(ctx))
	if err != nil {
		return "", atOrigin(classify("start thread", err, c.bot.token), c.bot.origin)
	}
	return th.ID, nil
}

// StartPost opens a post named name in the forum channel, with m as its
// first message, and returns the post's (thread's) id, which is also the
// id of that first message. The first message carries m's nonce as a
// channel message does, so that a create retried after a lost answer
// returns the post made instead of a second one.
func (c *Channel) StartPost(ctx context.Context, name string, m Message) (string, error) {
	if err := c.gate.enter(ctx); err != nil {
		return "", &Error{Op: "start post", Message: err.Error(), retryable: true}
	}
	defer c.gate.leave()
	body := struct {
		*discordgo.ThreadStart
		Message channelSend `json:"message"`
	}{&discordgo.ThreadStart{Name: Truncate(oneLine(name), maxThreadName), AutoArchiveDuration: 1440}, channelMessage(m)}
	route := discordgo.EndpointChannelThreads(c.id)
	resp, err := c.bot.s.RequestWithBucketID("POST", route, body, route, discordgo.WithContext(ctx))
	if err != nil {
		return "", atOrigin(classify("start post", err, c.bot.token), c.bot.origin)
	}
	var th discordgo.Channel
	if err := discordgo.Unmarshal(resp, &th); err != nil || th.ID == "" {
		return "", &Error{Op: "start post", Message: "no thread id in response", retryable: true}
	}
	return th.ID, nil
}

// SendIn posts m in a thread of the channel.
func (c *Channel) SendIn(ctx context.Context, threadID string, m Message) (string, error) {
	return c.bot.Channel(threadID).Send(ctx, m)
}

// gate lets one call at a time through to a route, and gives up when the
// caller's context ends: unlike discordgo's per-route mutex, which a
// second caller would wait on for as long as a hung request lasts.
type gate chan struct{}

func newGate() gate { return make(gate, 1) }

func (g gate) enter(ctx context.Context) error {
	select {
	case g <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g gate) leave() { <-g }
