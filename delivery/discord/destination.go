package discord

import (
	"context"
	"errors"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// client is what a Discord destination posts through: a *Webhook or a
// *Channel.
type client interface {
	Send(ctx context.Context, m Message) (string, error)
	Edit(ctx context.Context, messageID string, m Message) error
}

// Destination is the Discord destination type: it renders alerts as
// Discord messages (embeds, mentions, digests) and posts them through a
// webhook or a bot channel.
type Destination struct {
	c     client
	opts  RenderOptions
	forum bool // the channel is a forum: every post is a thread of its own
}

// NewDestination returns a destination posting through c (a *Webhook or a
// *Channel) with opts for story alerts.
func NewDestination(c client, opts RenderOptions) *Destination {
	return &Destination{c: c, opts: opts}
}

// InForum makes d post into a forum channel, where every post opens a
// thread of its own (named after the headline) whose id is also that of
// its first message. It returns d.
func (d *Destination) InForum() *Destination {
	d.forum = true
	return d
}

// Post renders a and sends it. key, unique per queued alert, is the bot's
// nonce, so a post repeated after a crash is dropped by Discord. Notices
// look like notices, never ping and carry no readers' buttons.
func (d *Destination) Post(ctx context.Context, a story.Alert, key string) (string, error) {
	var m Message
	if a.IsNotice() {
		m = RenderNotice(a)
	} else {
		m = d.render(a, d.opts)
	}
	m.Nonce = key
	return d.send(ctx, orDefault(a.Story.Title, "(untitled story)"), m)
}

// send posts m, in a forum as a post of its own named name (a forum takes
// no plain messages).
func (d *Destination) send(ctx context.Context, name string, m Message) (string, error) {
	if !d.forum {
		return d.c.Send(ctx, m)
	}
	fc, ok := d.c.(forumClient)
	if !ok {
		return "", errNoThreads
	}
	return fc.StartPost(ctx, name, m)
}

// forumClient is a client that can open forum posts: a *Channel.
type forumClient interface {
	StartPost(ctx context.Context, name string, m Message) (string, error)
}

// render draws a story alert with opts and its readers' buttons.
func (d *Destination) render(a story.Alert, opts RenderOptions) Message {
	m := Render(a, nil, opts)
	if opts.Actions != nil {
		m.Components = opts.Actions(a)
	}
	return m
}

// threadClient is a client that can open threads: a *Channel.
type threadClient interface {
	StartThread(ctx context.Context, messageID, name string) (string, error)
	SendIn(ctx context.Context, threadID string, m Message) (string, error)
}

// errNoThreads refuses threads through a webhook; config validation
// refuses asking for them, so this is a programming error.
var errNoThreads = errors.New("threads need a bot channel")

// StartThread opens a thread, named after a's headline, on the message
// messageID (a's post), and returns the thread's id.
func (d *Destination) StartThread(ctx context.Context, messageID string, a story.Alert) (string, error) {
	tc, ok := d.c.(threadClient)
	if !ok {
		return "", errNoThreads
	}
	return tc.StartThread(ctx, messageID, orDefault(a.Story.Title, "(untitled story)"))
}

// PostIn posts a, a later report of an event, in the event's thread: with
// its buttons, but no ping (the event's post pinged). key is the nonce, as
// for Post.
func (d *Destination) PostIn(ctx context.Context, threadID string, a story.Alert, key string) (string, error) {
	tc, ok := d.c.(threadClient)
	if !ok {
		return "", errNoThreads
	}
	m := d.render(a, RenderOptions{TranslateURL: d.opts.TranslateURL, Actions: d.opts.Actions})
	m.Nonce = key
	return tc.SendIn(ctx, threadID, m)
}

// Edit rewrites the post of a to list the event's reports (newest first,
// under the number of outlets) once there are two or more. The post
// pinged once, so its edit pings nobody, and its content is left out:
// the ping line stays as posted.
func (d *Destination) Edit(ctx context.Context, messageID string, a story.Alert, reports []story.Report) error {
	m := Render(a, reports, d.opts)
	m.AllowedMentions.Roles = nil
	m.Content = ""
	return d.c.Edit(ctx, messageID, m)
}

// Escalate pings the destination's role, once per event, when the event
// reached outlets outlets: a short message of its own with the headline,
// since edits notify nobody. Without a role nothing is sent and the id is
// "". key is the bot's nonce, as for Post.
func (d *Destination) Escalate(ctx context.Context, a story.Alert, outlets int, key string) (string, error) {
	if d.opts.MentionRole == "" {
		return "", nil
	}
	m := Escalation(a, outlets, d.opts)
	m.Nonce = key
	return d.c.Send(ctx, m)
}

// EscalateIn is Escalate, posted in the event's thread (a forum post
// takes nothing outside its threads).
func (d *Destination) EscalateIn(ctx context.Context, threadID string, a story.Alert, outlets int, key string) (string, error) {
	tc, ok := d.c.(threadClient)
	if !ok {
		return "", errNoThreads
	}
	if d.opts.MentionRole == "" {
		return "", nil
	}
	m := Escalation(a, outlets, d.opts)
	m.Nonce = key
	return tc.SendIn(ctx, threadID, m)
}

// SplitDigest draws alerts as the messages of one digest (see the
// package's SplitDigest).
func (d *Destination) SplitDigest(alerts []story.Alert) []story.DigestPart {
	return SplitDigest(alerts)
}

// PostDigest posts one part of a digest, drawn from its alerts; in a
// forum the part is a post of its own named after its title. key is the bot's nonce, the same for every
// attempt at the part. Discord enforces a nonce only for a few minutes, so
// it drops a repeat only when the retry comes soon: a part retried at the
// next scheduled digest can be posted twice if Discord's answer to the
// first attempt was lost.
// It returns how many of p's alerts the message shows (see
// RenderDigestPart).
func (d *Destination) PostDigest(ctx context.Context, p story.DigestPart, key string) (string, int, error) {
	m := RenderDigestPart(p)
	m.Nonce = key
	id, err := d.send(ctx, m.Embeds[0].Title, m)
	return id, len(m.Alerts), err
}
