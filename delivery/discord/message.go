// Package discord renders alerts as Discord messages within Discord's limits
// and with feed text made inert, and posts them through webhooks or a bot
// with github.com/bwmarrin/discordgo.
package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// Message is one Discord message ready to post or edit. Alerts and
// Reports keep what it was rendered from, for outputs that render
// differently (the terminal).
type Message struct {
	Content         string                            `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	// Nonce lets Discord drop a repeated bot post (enforce_nonce); the sender
	// derives it from the outbox row so a retry after a crash reuses it.
	Nonce string `json:"-"`
	// Components are buttons under the message. Only a bot's channel posts
	// carry them: Discord refuses them from webhooks the application does
	// not own.
	Components []discordgo.MessageComponent `json:"-"`
	Alerts     []story.Alert                `json:"-"`
	Reports    []Report                     `json:"-"`
}

// RenderOptions is what a destination adds to rendering.
type RenderOptions struct {
	MentionRole string         // role id to ping, "" for none
	MentionFrom story.Severity // ping only alerts at or above this; 0 means any
	// TranslateURL is delivery.translate_url: a link template shown with
	// stories not in English; "" for none.
	TranslateURL string
	// Actions returns the buttons to put under a new post of an alert;
	// nil puts none. Only bot channel posts may carry them: Discord
	// refuses components from webhooks the application does not own.
	Actions func(a story.Alert) []discordgo.MessageComponent
}

// mentions returns the allowed_mentions for a message: nothing is parsed from
// the text, and only the configured role may be pinged, only when the alert
// is severe enough. It is never nil, so every create and edit carries it.
func (o RenderOptions) mentions(sev story.Severity) (*discordgo.MessageAllowedMentions, bool) {
	am := &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
	if o.MentionRole == "" || sev < o.MentionFrom {
		return am, false
	}
	am.Roles = []string{o.MentionRole}
	return am, true
}
