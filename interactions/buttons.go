package interactions

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/store"
)

// component answers a button or the duration menu.
func (b *Bot) component(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	data := i.MessageComponentData()
	a, err := parseCustomID(data.CustomID)
	if err != nil {
		return private("This button is not one of sanctionwatch's.")
	}
	switch a.verb {
	case "rel", "notrel":
		return b.verdict(ctx, i, a)
	case "mute":
		if !b.Access.allows(i) {
			return private(denied)
		}
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: fmt.Sprintf("Mute this %s for how long?", a.kind),
				Components: durationMenu(a.kind, a.alertID), Flags: discordgo.MessageFlagsEphemeral}}
	}
	if len(data.Values) != 1 {
		return private("Pick one duration.")
	}
	return b.muteFromAlert(ctx, i, a, data.Values[0])
}

const denied = "Muting needs the role or permission named in interactions.admin_roles / admin_permission."

// verdict records the reader's verdict and updates the alert's buttons to
// show the tally.
func (b *Bot) verdict(ctx context.Context, i *discordgo.Interaction, a action) *discordgo.InteractionResponse {
	id, name := reader(i)
	t, err := b.Store.RecordVerdict(ctx, store.VerdictInput{AlertID: a.alertID, Reader: id, ReaderName: name,
		Relevant: a.verb == "rel"})
	if err != nil {
		return b.failed(i, err)
	}
	data := &discordgo.InteractionResponseData{Components: Components(a.alertID, t),
		AllowedMentions: &discordgo.MessageAllowedMentions{}}
	if i.Message != nil {
		data.Content, data.Embeds = i.Message.Content, i.Message.Embeds
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: data}
}

// muteFromAlert mutes the alert's rules or feed for the chosen duration,
// confirms privately and tells the admin destination.
func (b *Bot) muteFromAlert(ctx context.Context, i *discordgo.Interaction, a action, value string) *discordgo.InteractionResponse {
	if !b.Access.allows(i) {
		return private(denied)
	}
	d, err := time.ParseDuration(value)
	if err != nil || d <= 0 {
		return private("Unknown duration.")
	}
	it, err := b.Store.Alert(ctx, a.alertID)
	if err != nil {
		return b.failed(i, err)
	}
	targets := []string{it.Alert.Story.FeedID}
	if a.kind == store.MuteRule {
		targets = targets[:0]
		for _, m := range it.Alert.Matches {
			targets = append(targets, m.RuleID)
		}
	}
	return b.mute(ctx, i, a.kind, targets, d, "from alert: "+it.Alert.Story.Title)
}

// mute adds one mute per target and reports them.
func (b *Bot) mute(ctx context.Context, i *discordgo.Interaction, kind store.MuteKind, targets []string, d time.Duration, reason string) *discordgo.InteractionResponse {
	_, name := reader(i)
	var until time.Time
	for _, t := range targets {
		m, err := b.Store.AddMute(ctx, kind, t, d, name, reason)
		if err != nil {
			return b.failed(i, err)
		}
		until = m.Expires
	}
	what := fmt.Sprintf("%s %s", kind, strings.Join(targets, ", "))
	text := fmt.Sprintf("Muted %s until <t:%d:f> (%s).", what, until.Unix(), d)
	if b.Announce != nil {
		b.Announce(ctx, "Muted "+what, fmt.Sprintf("%s muted %s for %s until %s UTC. %s", name, what, d,
			until.UTC().Format("2006-01-02 15:04"), reason))
	}
	return private(text)
}
