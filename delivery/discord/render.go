package discord

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// Colors by severity, from grey (info) to red (critical).
var severityColor = map[story.Severity]int{
	story.SeverityInfo:     0x95a5a6,
	story.SeverityLow:      0x3498db,
	story.SeverityMedium:   0xf1c40f,
	story.SeverityHigh:     0xe67e22,
	story.SeverityCritical: 0xe74c3c,
}

// Render turns one alert into one message with one embed: the story's title
// linked to the article, the snippet with hits in bold, the rules, entities,
// resolutions and source, within every Discord limit. reports, when there
// are two or more, are the outlets that carried the event, newest first.
// A message that pings a role says the headline too, so that the
// notification reads on its own.
func Render(a story.Alert, reports []Report, o RenderOptions) Message {
	e := &discordgo.MessageEmbed{
		Type:        discordgo.EmbedTypeRich,
		Title:       Truncate(Escape(oneLine(a.Story.Title)), maxTitle),
		URL:         safeURL(a.Story.Link),
		Color:       severityColor[a.Severity],
		Timestamp:   timestamp(a),
		Description: describe(a.Matches, maxDescription),
		Fields:      fields(a, reports, o),
	}
	if e.Title == "" {
		e.Title = "(untitled story)"
	}
	fitTotal(e, a.Matches)
	am, ping := o.mentions(a.Severity)
	m := Message{Embeds: []*discordgo.MessageEmbed{e}, AllowedMentions: am, Alerts: []story.Alert{a}, Reports: reports}
	if ping {
		m.Content = Truncate(fmt.Sprintf("<@&%s> %s: %s", o.MentionRole, a.Severity, e.Title), maxContent)
	}
	return m
}

func timestamp(a story.Alert) string {
	t := a.Story.Published
	if t.IsZero() {
		t = a.Queued
	}
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// safeURL keeps only absolute http(s) links: Discord rejects an embed whose
// url is anything else, and a javascript: link has no business there.
func safeURL(link string) string {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// describe renders the one best excerpt of the story, hits in bold, in at
// most max characters: several rules firing on a story share their
// evidence, and one passage read in five seconds beats five overlapping
// ones.
func describe(ms []story.Match, max int) string {
	best := BestExcerpt(ms)
	if best == "" || max < 2 {
		return ""
	}
	return boldSnippet(best, max)
}

// BestExcerpt picks, among the snippets of all matches, the sentence with
// the most distinct hits (ties: the earlier snippet), or the whole snippet
// when its best sentence is too short to stand alone.
func BestExcerpt(ms []story.Match) string {
	best, bestScore := "", -1
	for _, m := range ms {
		for _, sent := range sentences(m.Snippet) {
			if n := distinctHits(sent); n > bestScore {
				best, bestScore = sent, n
			}
		}
	}
	return best
}

// minSentence is the length below which a sentence is shown with its
// snippet's context rather than alone.
const minSentence = 60

// sentences splits a snippet after ". ", "! ", "? " and "。", keeping a
// sentence short of minSentence together with the next.
func sentences(snippet string) []string {
	var out []string
	start := 0
	for i := 0; i < len(snippet); i++ {
		c := snippet[i]
		end := -1
		switch {
		case (c == '.' || c == '!' || c == '?') && i+1 < len(snippet) && snippet[i+1] == ' ':
			end = i + 1
		case strings.HasPrefix(snippet[i:], "。"):
			end = i + len("。")
		}
		if end > 0 && utf8.RuneCountInString(snippet[start:end]) >= minSentence {
			out = append(out, strings.TrimSpace(snippet[start:end]))
			start = end
		}
	}
	if rest := strings.TrimSpace(snippet[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}

// distinctHits counts the different words marked in s.
func distinctHits(s string) int {
	seen := map[string]bool{}
	for {
		i := strings.Index(s, story.MarkOpen)
		if i < 0 {
			return len(seen)
		}
		s = s[i+len(story.MarkOpen):]
		j := strings.Index(s, story.MarkClose)
		if j < 0 {
			return len(seen)
		}
		seen[strings.ToLower(s[:j])] = true
		s = s[j+len(story.MarkClose):]
	}
}

// boldSnippet escapes a snippet and turns its hit marks into **bold**, in at
// most max characters; a cut closes an open bold before the ellipsis.
func boldSnippet(snippet string, max int) string {
	var b strings.Builder
	left := max - 1 // room for the ellipsis
	inHit := false
	for _, part := range splitMarks(snippet) {
		if part.mark {
			need := 2
			if !inHit {
				need = 4 // room to close it again
			}
			if left < need {
				return closeCut(&b, inHit)
			}
			b.WriteString("**")
			left -= 2
			inHit = !inHit
			continue
		}
		text := Escape(oneLineKeepBreaks(part.text))
		reserve := 0
		if inHit {
			reserve = 2
		}
		if runes(text) > left-reserve {
			b.WriteString(cutRunes(text, left-reserve))
			return closeCut(&b, inHit)
		}
		b.WriteString(text)
		left -= runes(text)
	}
	if inHit {
		b.WriteString("**")
	}
	return b.String()
}

func closeCut(b *strings.Builder, inHit bool) string {
	if inHit {
		b.WriteString("**")
	}
	b.WriteString(ellipsis)
	return b.String()
}

type snippetPart struct {
	text string
	mark bool
}

// splitMarks splits a snippet at MarkOpen and MarkClose; marks become parts
// of their own so that a hit can be bolded.
func splitMarks(s string) []snippetPart {
	var out []snippetPart
	for s != "" {
		i := strings.IndexAny(s, story.MarkOpen+story.MarkClose)
		if i < 0 {
			return append(out, snippetPart{text: s})
		}
		if i > 0 {
			out = append(out, snippetPart{text: s[:i]})
		}
		out = append(out, snippetPart{mark: true})
		s = s[i+1:]
	}
	return out
}

// oneLineKeepBreaks collapses runs of spaces but keeps line breaks single.
func oneLineKeepBreaks(s string) string {
	if !strings.ContainsAny(s, "\t\r\n\v\f") && !strings.Contains(s, "  ") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = oneLine(l)
	}
	return strings.Join(lines, "\n")
}

// fitTotal shortens the description until the embed fits Discord's 6000
// character total.
func fitTotal(e *discordgo.MessageEmbed, ms []story.Match) {
	over := embedSize(e) - maxEmbedTotal
	if over <= 0 {
		return
	}
	e.Description = describe(ms, max(runes(e.Description)-over, 0))
}

func embedSize(e *discordgo.MessageEmbed) int {
	n := runes(e.Title) + runes(e.Description)
	for _, f := range e.Fields {
		n += runes(f.Name) + runes(f.Value)
	}
	if e.Footer != nil {
		n += runes(e.Footer.Text)
	}
	if e.Author != nil {
		n += runes(e.Author.Name)
	}
	return n
}
