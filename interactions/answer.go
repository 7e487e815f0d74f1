package interactions

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Discord drops an interaction not answered within 3 seconds. An answer
// not ready after deferAfter is deferred and edited in when ready.
const deferAfter = 2 * time.Second

// Handler answers one interaction. It may be slow: callers defer for it.
type Handler interface {
	Handle(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse
}

// delivery is how one path sends answers: reply is the first response,
// edit replaces a deferred one.
type delivery struct {
	reply func(*discordgo.InteractionResponse) error
	edit  func(*discordgo.InteractionResponseData) error
}

// answer runs h on i and replies; when h takes longer than budget it
// replies with a deferral first and edits the answer in when h returns.
// It returns when the answer is complete, and owns the goroutine it starts.
func answer(ctx context.Context, h Handler, i *discordgo.Interaction, budget time.Duration, d delivery) error {
	done := make(chan *discordgo.InteractionResponse, 1)
	go func() { done <- h.Handle(ctx, i) }()
	timer := time.NewTimer(budget)
	defer timer.Stop()
	select {
	case resp := <-done:
		return d.reply(resp)
	case <-timer.C:
	}
	if err := d.reply(deferral(i)); err != nil {
		<-done
		return err
	}
	resp := <-done
	if resp.Data == nil {
		return nil
	}
	return d.edit(resp.Data)
}

// deferral acknowledges i without an answer yet: a button's message will
// be updated; a command gets a private "thinking..." to be replaced.
func deferral(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionMessageComponent {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}}
}

// webhookEdit turns answer data into the edit of a deferred response.
func webhookEdit(d *discordgo.InteractionResponseData) *discordgo.WebhookEdit {
	e := &discordgo.WebhookEdit{Content: &d.Content, AllowedMentions: d.AllowedMentions}
	if d.Components != nil {
		e.Components = &d.Components
	}
	if d.Embeds != nil {
		e.Embeds = &d.Embeds
	}
	return e
}
