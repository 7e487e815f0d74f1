package interactions

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/store"
)

// Store is what the bot reads and writes in the state file.
type Store interface {
	ClaimInteraction(ctx context.Context, id string) (bool, error)
	RecordVerdict(ctx context.Context, v store.VerdictInput) (store.Tally, error)
	Alert(ctx context.Context, id int64) (store.OutboxItem, error)
	AlertByMessage(ctx context.Context, messageID string) (store.OutboxItem, error)
	AddMute(ctx context.Context, kind store.MuteKind, value string, d time.Duration, by, reason string) (store.Mute, error)
	LiftMutes(ctx context.Context, kind store.MuteKind, value, by string) (int, error)
	ActiveMutes(ctx context.Context) ([]store.Mute, error)
	FeedbackByRule(ctx context.Context, since time.Time, rule string) ([]store.RuleFeedback, error)
}

// Access says who may change anything: members with one of Roles, or
// with the Permission bit in the channel. Anyone may give a verdict.
type Access struct {
	Roles      []string
	Permission int64
}

// allows reports whether the member behind i may change things.
func (a Access) allows(i *discordgo.Interaction) bool {
	if i.Member == nil {
		return false // a DM: no guild, no roles
	}
	if a.Permission != 0 && i.Member.Permissions&a.Permission == a.Permission {
		return true
	}
	for _, r := range i.Member.Roles {
		if slices.Contains(a.Roles, r) {
			return true
		}
	}
	return false
}

// Bot answers interactions. Test, Status and Announce come from the app;
// Announce tells the admin destination about mutes.
type Bot struct {
	Store    Store
	Access   Access
	Test     func(ctx context.Context, input string) (string, error)
	Status   func(ctx context.Context) (string, error)
	Announce func(ctx context.Context, title, text string)
	Log      *slog.Logger
}

// Handle answers one interaction. A request handled before (a replay)
// changes nothing and gets a private note.
func (b *Bot) Handle(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	fresh, err := b.Store.ClaimInteraction(ctx, i.ID)
	switch {
	case err != nil:
		return b.failed(i, err)
	case !fresh:
		return private("This request was already handled.")
	}
	switch i.Type {
	case discordgo.InteractionMessageComponent:
		return b.component(ctx, i)
	case discordgo.InteractionApplicationCommand:
		return b.command(ctx, i)
	}
	return private("sanctionwatch does not handle this kind of interaction.")
}

func (b *Bot) failed(i *discordgo.Interaction, err error) *discordgo.InteractionResponse {
	b.Log.Warn("interaction failed", slog.String("id", i.ID), slog.Any("error", err))
	if errors.Is(err, store.ErrNoAlert) {
		return private("That alert is no longer in the state file.")
	}
	return private("Something went wrong; the error is in the sanctionwatch log.")
}

// private is an answer only the reader sees.
func private(text string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: text, Flags: discordgo.MessageFlagsEphemeral,
			AllowedMentions: &discordgo.MessageAllowedMentions{}}}
}

// reader names who acted: the guild member or the DM user.
func reader(i *discordgo.Interaction) (id, name string) {
	u := i.User
	if i.Member != nil && i.Member.User != nil {
		u = i.Member.User
	}
	if u == nil {
		return "", "unknown"
	}
	return u.ID, u.Username
}
