package discord

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// fields lists, in this order: the rules that fired (one line each,
// severity and title; the colour gives the alert's severity), the
// entities and UNSC resolutions or regimes found, once for all rules, the
// source feed, and when several outlets
// carried the event each outlet's linked title, newest first (in place of
// the source). Empty groups are left out.
func fields(a story.Alert, reports []Report, o RenderOptions) []*discordgo.MessageEmbedField {
	var out []*discordgo.MessageEmbedField
	add := func(name string, lines []string, inline bool) {
		if len(lines) == 0 || len(out) == maxFields {
			return
		}
		out = append(out, &discordgo.MessageEmbedField{
			Name:   Truncate(name, maxFieldName),
			Value:  joinLines(lines, maxFieldValue),
			Inline: inline,
		})
	}
	if !(len(a.Matches) == 1 && a.Matches[0].Title == a.Story.Title) { // a list change titles itself
		add(plural(len(a.Matches), "Rule", "Rules"), ruleLines(a.Matches), false)
	}
	add("Entities", hitLines(a.Matches, story.SourceEntity, func(h story.Hit) bool { return !listed(h) }), false)
	add("Listed parties", hitLines(a.Matches, story.SourceEntity, listed), false)
	add("UN Security Council", hitLines(a.Matches, story.SourceResolution, nil), false)
	add("Weapons", weaponLines(a.Matches), true)
	if len(reports) < 2 {
		add("Source", []string{Escape(oneLine(orDefault(a.Story.FeedName, a.Story.FeedID)))}, true)
	}
	add("Language", languageLines(a.Story, o.TranslateURL), true)
	if len(reports) > 1 {
		add(reportedBy(reports), reportLines(reports), false)
	}
	return out
}

func ruleLines(ms []story.Match) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		title := Escape(oneLine(orDefault(m.Title, m.RuleID)))
		out = append(out, fmt.Sprintf("%s · %s", m.Severity, title))
	}
	return out
}

// listed says whether an entity hit is a party of a sanctions list, whose
// ids are "list:reference" (rule-file entities have plain ids).
func listed(h story.Hit) bool { return strings.Contains(h.Ref, ":") }

// weaponLists are the rule lists whose terms name weapons.
var weaponLists = []string{"weapons_strong", "weapons_weak", "drones", "munitions", "strategic_goods"}

// weaponLines lists the distinct weapon words found, as written in the
// story, once for all rules.
func weaponLines(ms []story.Match) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		for _, h := range m.Hits {
			word := strings.ToLower(oneLine(h.Text))
			if h.Source != story.SourceList || !slices.Contains(weaponLists, h.Ref) || seen[word] {
				continue
			}
			seen[word] = true
			out = append(out, Escape(oneLine(h.Text)))
		}
	}
	if len(out) == 0 {
		return nil
	}
	return []string{strings.Join(out, ", ")}
}

// hitLines lists the distinct hits of one source kind (those keep allows,
// all when nil) as "Name — Detail",
// falling back to the matched term when the hit carries no display name.
func hitLines(ms []story.Match, kind story.SourceKind, keep func(story.Hit) bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		for _, h := range m.Hits {
			if h.Source != kind || keep != nil && !keep(h) {
				continue
			}
			key := orDefault(h.Ref, h.Term)
			if seen[key] {
				continue
			}
			seen[key] = true
			line := Escape(oneLine(orDefault(h.Name, h.Term)))
			if h.Detail != "" {
				line += " — " + Escape(oneLine(h.Detail))
			}
			out = append(out, line)
		}
	}
	return out
}

// joinLines joins lines with newlines in at most max characters; lines that
// do not fit are counted in a last "… and N more" line.
func joinLines(lines []string, max int) string {
	var b strings.Builder
	for i, l := range lines {
		more := ""
		if rest := len(lines) - i - 1; rest > 0 {
			more = fmt.Sprintf("\n… and %d more", rest)
		}
		sep := ""
		if i > 0 {
			sep = "\n"
		}
		if runes(b.String())+runes(sep)+runes(l)+runes(more) > max {
			if i == 0 {
				return Truncate(l, max)
			}
			b.WriteString(fmt.Sprintf("\n… and %d more", len(lines)-i))
			return b.String()
		}
		b.WriteString(sep + l)
	}
	return b.String()
}

func escapeAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = Escape(oneLine(s))
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
