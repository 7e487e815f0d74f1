package discord

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// RenderDigest lists many low-severity alerts as few messages: one line per
// story (title linked to the article, source, severity, rules), split into
// as many one-embed messages as the description limit needs. It never
// mentions anyone.
func RenderDigest(alerts []story.Alert) []Message {
	var out []Message
	var b strings.Builder
	var batch []story.Alert
	flush := func() {
		if len(batch) == 0 {
			return
		}
		out = append(out, digestMessage(b.String(), batch))
		b.Reset()
		batch = nil
	}
	for _, a := range alerts {
		line := Truncate(digestLine(a), maxDescription)
		if b.Len() > 0 && runes(b.String())+1+runes(line) > maxDescription {
			flush()
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
		batch = append(batch, a)
	}
	flush()
	for i, m := range out {
		m.Embeds[0].Title = fmt.Sprintf("Digest: %d %s (part %d of %d)", len(m.Alerts), plural(len(m.Alerts), "story", "stories"), i+1, len(out))
		if len(out) == 1 {
			m.Embeds[0].Title = fmt.Sprintf("Digest: %d %s", len(m.Alerts), plural(len(m.Alerts), "story", "stories"))
		}
	}
	return out
}

func digestMessage(desc string, batch []story.Alert) Message {
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Description: desc, Color: severityColor[story.MaxSeverity(batchMatches(batch))]}
	return Message{
		Embeds:          []*discordgo.MessageEmbed{e},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		Alerts:          batch,
	}
}

func batchMatches(batch []story.Alert) []story.Match {
	var ms []story.Match
	for _, a := range batch {
		ms = append(ms, a.Matches...)
	}
	return ms
}

// digestLine is "• [title](link) · source · severity · rule ids". The link is
// ours to build, so its brackets and spaces are percent-encoded to keep the
// masked link whole.
func digestLine(a story.Alert) string {
	title := Escape(Truncate(oneLine(orDefault(a.Story.Title, "(untitled story)")), 200))
	if u := safeURL(a.Story.Link); u != "" {
		title = "[" + title + "](" + linkEscaper.Replace(u) + ")"
	}
	ids := make([]string, 0, len(a.Matches))
	for _, m := range a.Matches {
		ids = append(ids, Escape(m.RuleID))
	}
	src := Escape(oneLine(orDefault(a.Story.FeedName, a.Story.FeedID)))
	return fmt.Sprintf("• %s · %s · %s · %s", title, src, a.Severity, strings.Join(ids, ", "))
}

var linkEscaper = strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E")
