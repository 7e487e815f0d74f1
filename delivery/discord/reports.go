package discord

import (
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// Report is one story of an event, as an edited alert lists it.
type Report = story.Report

// maxReportTitle bounds one outlet's title in the list, so that several
// outlets fit the field's 1,024 characters.
const maxReportTitle = 90

// reportLines renders reports, newest first as given, one line each: the
// title linked to the article (feed text escaped, only http(s) links),
// then the outlet.
func reportLines(reports []Report) []string {
	out := make([]string, 0, len(reports))
	for _, r := range reports {
		title := Truncate(Escape(oneLine(orDefault(r.Title, "(untitled)"))), maxReportTitle)
		if link := safeURL(r.Link); link != "" {
			title = fmt.Sprintf("[%s](%s)", title, link)
		}
		out = append(out, title+" · "+Escape(oneLine(r.Outlet)))
	}
	return out
}

// reportedBy names the field: how many outlets carry the event. Several
// stories of one feed are one outlet: an outlet never corroborates itself.
func reportedBy(reports []Report) string {
	n := story.Outlets(reports)
	return fmt.Sprintf("Reported by %d %s", n, plural(n, "outlet", "outlets"))
}

// Escalation is the message that pings a destination's role once when an
// event reaches enough outlets: the role, the new severity, the count and
// the headline, linked. It carries no embed: the event's post already
// shows everything.
func Escalation(a story.Alert, outlets int, o RenderOptions) Message {
	am := &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}, Roles: []string{o.MentionRole}}
	title := Truncate(Escape(oneLine(orDefault(a.Story.Title, "(untitled story)"))), maxTitle)
	if link := safeURL(a.Story.Link); link != "" {
		title = fmt.Sprintf("[%s](<%s>)", title, link)
	}
	content := fmt.Sprintf("<@&%s> %s, reported by %d outlets: %s", o.MentionRole, a.Severity, outlets, title)
	return Message{Content: Truncate(content, maxContent), Embeds: []*discordgo.MessageEmbed{}, AllowedMentions: am}
}
