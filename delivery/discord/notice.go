package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// noticeColor is a slate grey no severity uses: a notice is about
// sanctionwatch itself, not news.
const noticeColor = 0x607d8b

// RenderNotice draws an operator notice (a failing feed, a refused list
// import, a failed reload): a plain title and its text, in the notice
// colour, with no rules, severity or source, and never a mention.
func RenderNotice(a story.Alert) Message {
	title := Truncate("Notice: "+Escape(oneLine(orDefault(a.Story.Title, "sanctionwatch"))), maxTitle)
	e := &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       title,
		Color:       noticeColor,
		Timestamp:   timestamp(a),
		Description: Truncate(Escape(oneLineKeepBreaks(a.Story.Summary)), maxDescription),
	}
	am := &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
	return Message{Embeds: []*discordgo.MessageEmbed{e}, AllowedMentions: am, Alerts: []story.Alert{a}}
}
