package discord

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// SplitDigest lists many low-severity alerts as few messages: one line per
// story (title linked to the article, source, severity, rules), split into
// as many one-embed messages as the description limit needs, each line
// drawn once. Each part carries its message, numbered of the whole ("part
// 2 of 3"), as Rendered. It never mentions anyone.
func SplitDigest(alerts []story.Alert) []story.DigestPart {
	var parts []story.DigestPart
	var descs []string
	var b strings.Builder
	size, first := 0, 0 // runes in b; the index of its first alert
	for i, a := range alerts {
		line := Truncate(digestLine(a), maxDescription)
		n := runes(line)
		if size > 0 && size+1+n > maxDescription {
			parts, descs = append(parts, story.DigestPart{Alerts: alerts[first:i:i]}), append(descs, b.String())
			b.Reset()
			size, first = 0, i
		}
		if size > 0 {
			b.WriteByte('\n')
			size++
		}
		b.WriteString(line)
		size += n
	}
	if size > 0 {
		parts, descs = append(parts, story.DigestPart{Alerts: alerts[first:len(alerts):len(alerts)]}), append(descs, b.String())
	}
	for i := range parts {
		parts[i].Part, parts[i].Parts = i+1, len(parts)
		parts[i].Rendered = digestMessage(descs[i], parts[i])
	}
	return parts
}

// RenderDigestPart is the message of one part of a digest: the one
// SplitDigest drew, or, for a part read back after a failure, the same
// message drawn again from its alerts. Those fitted one message when the
// digest was split; should they no longer (a rendering that changed
// between versions), the description is cut to the limit rather than the
// part split, since its number of the whole is already given.
func RenderDigestPart(p story.DigestPart) Message {
	if m, ok := p.Rendered.(Message); ok {
		return m
	}
	lines := make([]string, len(p.Alerts))
	for i, a := range p.Alerts {
		lines[i] = Truncate(digestLine(a), maxDescription)
	}
	return digestMessage(Truncate(strings.Join(lines, "\n"), maxDescription), p)
}

func digestMessage(desc string, p story.DigestPart) Message {
	n := len(p.Alerts)
	title := fmt.Sprintf("Digest: %d %s", n, plural(n, "story", "stories"))
	if p.Parts > 1 {
		title += fmt.Sprintf(" (part %d of %d)", p.Part, p.Parts)
	}
	e := &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Title: title, Description: desc,
		Color: severityColor[story.MaxSeverity(batchMatches(p.Alerts))]}
	return Message{
		Embeds:          []*discordgo.MessageEmbed{e},
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}},
		Alerts:          p.Alerts,
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
