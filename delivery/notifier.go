package delivery

import (
	"context"
	"fmt"
	"io"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery/discord"
	"github.com/sanctionwatch/sanctionwatch/delivery/jsonhook"
	"github.com/sanctionwatch/sanctionwatch/interactions"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Notifier is a destination type: it takes alerts, renders them in its own
// format and delivers them. Errors that may pass later say so through a
// Retryable() bool method (see *discord.Error); any other error counts as
// retryable. A new destination type is a package implementing this and a
// case in newNotifier.
type Notifier interface {
	// Post sends a as a new message and returns its id. key is unique per
	// queued alert, for destinations that can drop a repeated post.
	Post(ctx context.Context, a story.Alert, key string) (messageID string, err error)
	// Edit rewrites the earlier post of a as its event grew: reports are
	// every story of the event, newest first (the post's own included).
	Edit(ctx context.Context, messageID string, a story.Alert, reports []story.Report) error
	// Escalate tells the destination, once per event, that the event of a
	// reached outlets independent outlets; a destination that notifies
	// somebody (Discord's role ping) does it here, since edits notify
	// nobody. It returns the id of what it sent, "" when it sent nothing.
	// key is unique per queued alert, as for Post.
	Escalate(ctx context.Context, a story.Alert, outlets int, key string) (messageID string, err error)
	// SplitDigest draws alerts (at least one, oldest first) as the
	// messages of one digest, in order, each with at least one alert and
	// numbered of the whole; it sends nothing.
	SplitDigest(alerts []story.Alert) []story.DigestPart
	// PostDigest posts one part of a digest. key is unique per part and
	// the same on every attempt at it, for destinations that can drop a
	// repeated post. shown is how many of p's alerts, from the first, the
	// message showed: a part planned elsewhere may not fit one message,
	// and the alerts it did not show must not be marked sent.
	PostDigest(ctx context.Context, p story.DigestPart, key string) (messageID string, shown int, err error)
}

// threader is a notifier that can open a thread on a message it posted and
// post later alerts of the same event in it (a bot channel). Reports in a
// thread ping nobody: the event's post did.
type threader interface {
	StartThread(ctx context.Context, messageID string, a story.Alert) (threadID string, err error)
	PostIn(ctx context.Context, threadID string, a story.Alert, key string) (messageID string, err error)
	// EscalateIn is Notifier.Escalate in the event's thread.
	EscalateIn(ctx context.Context, threadID string, a story.Alert, outlets int, key string) (messageID string, err error)
}

// NewNotifiers builds one notifier per configured destination: a webhook
// client, or a channel client sharing the bot's session. With no
// destinations, or when dryRun is set, every destination (or the built-in
// Terminal) prints to out instead; color is for a terminal out.
func NewNotifiers(cfg *config.Config, out io.Writer, color, dryRun bool) (map[string]Notifier, error) {
	ns := map[string]Notifier{}
	if len(cfg.Destinations) == 0 || dryRun {
		term := &TerminalNotifier{W: out, Color: color}
		ns[Terminal] = term
		for _, d := range cfg.Destinations {
			ns[d.Name] = term
		}
		return ns, nil
	}
	var bot *discord.Bot
	for _, d := range cfg.Destinations {
		n, err := newNotifier(cfg, d, &bot)
		if err != nil {
			return nil, fmt.Errorf("destination %q: %w", d.Name, err)
		}
		ns[d.Name] = n
	}
	return ns, nil
}

// newNotifier builds the notifier of d's type: each type reads its own
// block of the destination.
func newNotifier(cfg *config.Config, d config.Destination, bot **discord.Bot) (Notifier, error) {
	if d.JSONWebhook.URL != "" {
		return jsonhook.New(d.JSONWebhook.URL.Reveal(), d.JSONWebhook.Headers, nil), nil
	}
	return newDiscordNotifier(cfg, d.Discord, bot)
}

// newDiscordNotifier sends through discord.api_base when it is set;
// otherwise a webhook goes to its own URL's host (a proxy or a self-hosted
// stand-in is never silently swapped for discord.com) and a bot to
// discord.com. Bot destinations share one bot.
func newDiscordNotifier(cfg *config.Config, dd config.DiscordDestination, bot **discord.Bot) (Notifier, error) {
	base := cfg.Discord.APIBase
	switch {
	case dd.Webhook != "":
		if base == "" {
			base = discord.WebhookBase(dd.Webhook.Reveal())
		}
		tr, err := discord.NewTransport(base, nil)
		if err != nil {
			return nil, err
		}
		hook, err := discord.NewWebhook(dd.Webhook.Reveal(), tr, discord.WebhookOptions{ThreadID: dd.ThreadID, Username: dd.Username, AvatarURL: dd.AvatarURL})
		if err != nil {
			return nil, err
		}
		return discordDestination(hook, dd, cfg.Delivery.TranslateURL, nil)
	case dd.ChannelID == "":
		return nil, fmt.Errorf("needs a webhook, a channel_id or a json_webhook")
	}
	if cfg.Discord.Token == "" {
		return nil, fmt.Errorf("channel_id needs discord.token")
	}
	if *bot == nil {
		tr, err := discord.NewTransport(base, nil)
		if err != nil {
			return nil, err
		}
		*bot = discord.NewBot(cfg.Discord.Token.Reveal(), tr)
	}
	target := dd.ChannelID
	if dd.ThreadID != "" {
		target = dd.ThreadID // a thread is a channel to the bot
	}
	var actions func(story.Alert) []discordgo.MessageComponent
	if cfg.Interactions.Enabled() {
		actions = readerButtons
	}
	return discordDestination((*bot).Channel(target), dd, cfg.Delivery.TranslateURL, actions)
}

// readerButtons are the verdict and mute buttons of a queued alert.
func readerButtons(a story.Alert) []discordgo.MessageComponent {
	if a.ID == 0 {
		return nil // not from the outbox (a sample): nothing to judge
	}
	return interactions.Components(a.ID, store.Tally{})
}

func discordDestination(c interface {
	Send(context.Context, discord.Message) (string, error)
	Edit(context.Context, string, discord.Message) error
}, d config.DiscordDestination, translateURL string, actions func(story.Alert) []discordgo.MessageComponent) (Notifier, error) {
	from, err := parseSeverity(d.MentionFrom)
	if err != nil {
		return nil, fmt.Errorf("mention_from: %w", err)
	}
	dest := discord.NewDestination(c, discord.RenderOptions{MentionRole: d.MentionRole, MentionFrom: from,
		TranslateURL: translateURL, Actions: actions})
	if d.Forum {
		dest = dest.InForum()
	}
	return dest, nil
}
