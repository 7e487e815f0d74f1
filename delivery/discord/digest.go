package discord

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// SplitDigest lists many low-severity alerts as few messages: one line per
// story (title linked to the article, source, severity, rules), split into
// as many one-embed messages as the description limit needs, each part
// numbered of the whole ("part 2 of 3"). It only splits: PostDigest draws
// each part's message from its alerts (RenderDigestPart), so the rendering
// stays with this package and a part read back from the outbox after a
// failure is drawn the same way as a fresh one. A digest is posted on a
// schedule, so drawing its lines twice costs nothing worth a cache.
func SplitDigest(alerts []story.Alert) []story.DigestPart {
	var parts []story.DigestPart
	for rest := alerts; len(rest) > 0; {
		_, n := fitLines(rest)
		parts = append(parts, story.DigestPart{Alerts: rest[:n:n]})
		rest = rest[n:]
	}
	for i := range parts {
		parts[i].Part, parts[i].Parts = i+1, len(parts)
	}
	return parts
}

// RenderDigestPart is the message of one part of a digest, drawn from its
// alerts. Those fitted one message when the digest was split; should they
// no longer (a part planned by a destination without a size limit, or a
// rendering that changed between versions), the message holds the whole
// lines that fit, and its Alerts are only the alerts it shows, so that the
// rest are not marked sent. The part keeps its number of the whole,
// already given.
func RenderDigestPart(p story.DigestPart) Message {
	desc, shown := fitLines(p.Alerts)
	p.Alerts = p.Alerts[:shown:shown]
	return digestMessage(desc, p)
}

// fitLines is the description of the digest lines of alerts, from the
// first, that fit one message, and how many alerts it shows: at least one,
// since a line alone is cut to the limit.
func fitLines(alerts []story.Alert) (string, int) {
	var b strings.Builder
	size := 0 // runes in b
	for i, a := range alerts {
		line := Truncate(digestLine(a), maxDescription)
		n := runes(line)
		if size > 0 && size+1+n > maxDescription {
			return b.String(), i
		}
		if size > 0 {
			b.WriteByte('\n')
			size++
		}
		b.WriteString(line)
		size += n
	}
	return b.String(), len(alerts)
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
