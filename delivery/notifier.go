package delivery

import (
	"context"
	"fmt"
	"io"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery/discord"
)

// Notifier posts and edits messages at one destination. Errors that Discord
// may accept later say so through a Retryable() bool method (see
// *discord.Error); any other error counts as retryable.
type Notifier interface {
	Send(ctx context.Context, m discord.Message) (messageID string, err error)
	Edit(ctx context.Context, messageID string, m discord.Message) error
}

// threader is a notifier that can open a thread on a message it posted and
// post in it (a bot channel).
type threader interface {
	StartThread(ctx context.Context, messageID, name string) (threadID string, err error)
	SendIn(ctx context.Context, threadID string, m discord.Message) (messageID string, err error)
}

// forumer is a notifier whose channel is a forum: a message goes out as a
// post (a thread) of its own.
type forumer interface {
	StartPost(ctx context.Context, name string, m discord.Message) (threadID string, err error)
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

// newNotifier sends through discord.api_base when it is set; otherwise a
// webhook goes to its own URL's host (a proxy or a self-hosted stand-in is
// never silently swapped for discord.com) and a bot to discord.com.
func newNotifier(cfg *config.Config, d config.Destination, bot **discord.Bot) (Notifier, error) {
	base := cfg.Discord.APIBase
	if d.Webhook != "" {
		if base == "" {
			base = discord.WebhookBase(d.Webhook.Reveal())
		}
		tr, err := discord.NewTransport(base, nil)
		if err != nil {
			return nil, err
		}
		return discord.NewWebhook(d.Webhook.Reveal(), tr, discord.WebhookOptions{ThreadID: d.ThreadID, Username: d.Username, AvatarURL: d.AvatarURL})
	}
	if d.ChannelID == "" {
		return nil, fmt.Errorf("needs a webhook or a channel_id")
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
	target := d.ChannelID
	if d.ThreadID != "" {
		target = d.ThreadID // a thread is a channel to the bot
	}
	return (*bot).Channel(target), nil
}
