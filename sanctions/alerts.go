package sanctions

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// MaxAlertEntries bounds the entries one alert lists; the rest are counted.
const MaxAlertEntries = 25

// changeGroup is the entries of one kind of change under one programme:
// one alert each, so routes and titles can follow the programme.
type changeGroup struct {
	verb      string // "added", "removed", "changed"
	programme string
	parties   []Party
	notes     []string // per party, e.g. the fields that changed
}

// ChangeAlerts turns a non-empty diff into alerts: one story per kind of
// change and programme ("UN 1718 list: 3 entities added") listing names,
// reference ids, regimes and listing dates, sent to each of list.Route.
// Additions are high severity, removals and changes medium. Story keys hash
// the entries, so the same change queued twice is deduplicated by the
// outbox. Callers skip the first import of a list.
func ChangeAlerts(list config.List, ch Changes, now time.Time) []story.Alert {
	var out []story.Alert
	for _, g := range groupChanges(ch) {
		st, m := g.story(list, now)
		for _, dest := range list.Route {
			out = append(out, story.Alert{Destination: dest, Story: st,
				Matches: []story.Match{m}, Severity: m.Severity, Queued: now})
		}
	}
	return out
}

func groupChanges(ch Changes) []*changeGroup {
	var groups []*changeGroup
	index := map[string]*changeGroup{}
	add := func(verb string, p Party, note string) {
		k := verb + "\x00" + p.Programme()
		g, ok := index[k]
		if !ok {
			g = &changeGroup{verb: verb, programme: p.Programme()}
			index[k] = g
			groups = append(groups, g)
		}
		g.parties = append(g.parties, p)
		g.notes = append(g.notes, note)
	}
	for _, p := range ch.Added {
		add("added", p, "")
	}
	for _, p := range ch.Removed {
		add("removed", p, "")
	}
	for _, c := range ch.Changed {
		add("changed", c.New, changeNote(c))
	}
	slices.SortStableFunc(groups, func(a, b *changeGroup) int { return cmp.Compare(a.programme, b.programme) })
	return groups
}

// changeNote says what changed in an entry: a renamed party as old ->
// new, aliases as those added and dropped, other fields by name.
func changeNote(c Change) string {
	parts := make([]string, 0, len(c.Fields))
	for _, f := range c.Fields {
		switch f {
		case "name":
			parts = append(parts, fmt.Sprintf("name %q -> %q", c.Old.Name, c.New.Name))
		case "aliases":
			parts = append(parts, aliasNote(c.Old.Aliases, c.New.Aliases))
		default:
			parts = append(parts, f+" changed")
		}
	}
	return strings.Join(parts, "; ")
}

// aliasNote lists the aliases an entry gained (+) and lost (-).
func aliasNote(old, new []Alias) string {
	names := func(as []Alias) []string {
		out := make([]string, len(as))
		for i, a := range as {
			out[i] = a.Name
		}
		return out
	}
	o, n := names(old), names(new)
	var parts []string
	for _, a := range n {
		if !slices.Contains(o, a) {
			parts = append(parts, "+"+strconv.Quote(a))
		}
	}
	for _, a := range o {
		if !slices.Contains(n, a) {
			parts = append(parts, "-"+strconv.Quote(a))
		}
	}
	if len(parts) == 0 {
		return "aliases changed"
	}
	return "aliases " + strings.Join(parts, ", ")
}

func (g *changeGroup) story(list config.List, now time.Time) (story.Story, story.Match) {
	title := g.title(list.Name)
	summary, hits := g.summary()
	st := story.Story{
		FeedID: "list:" + list.Name, FeedName: list.Name, Key: g.key(list.Name),
		Title: title, Summary: summary, Published: now, Updated: now,
	}
	sev := story.SeverityMedium
	if g.verb == "added" {
		sev = story.SeverityHigh
	}
	m := story.Match{RuleID: "list-change:" + list.Name, Title: title, Severity: sev,
		Routes: list.Route, Tags: tags(g.programme), Hits: hits}
	return st, m
}

func tags(programme string) []string {
	if programme == "" {
		return []string{"list-change"}
	}
	return []string{"list-change", programme}
}

// title reads "UN 1718 list: 3 entities added".
func (g *changeGroup) title(list string) string {
	noun := "entities"
	if len(g.parties) == 1 {
		noun = "entity"
	}
	name := list
	if g.programme != "" {
		name += " " + g.programme
	}
	return fmt.Sprintf("%s list: %d %s %s", name, len(g.parties), noun, g.verb)
}

// summary lists the entries, one a line, with a hit on each name.
func (g *changeGroup) summary() (string, []story.Hit) {
	var b strings.Builder
	var hits []story.Hit
	for i, p := range g.parties {
		if i == MaxAlertEntries {
			fmt.Fprintf(&b, "… and %d more\n", len(g.parties)-i)
			break
		}
		start := b.Len()
		b.WriteString(p.Name)
		detail := entryDetail(p, g.notes[i])
		hits = append(hits, story.Hit{Term: p.Name, Source: story.SourceEntity, Ref: p.ID, Name: p.Name,
			Field: story.FieldSummary, Start: start, End: b.Len(), Text: p.Name, Detail: detail})
		fmt.Fprintf(&b, " (%s)\n", detail)
	}
	return strings.TrimSuffix(b.String(), "\n"), hits
}

// entryDetail reads "KPe.901; 1718, DPRK; organisation; listed 2016-03-02".
func entryDetail(p Party, note string) string {
	parts := []string{p.RefID}
	if len(p.Programmes) > 0 {
		parts = append(parts, strings.Join(p.Programmes, ", "))
	}
	parts = append(parts, p.Kind)
	if !p.Listed.IsZero() {
		parts = append(parts, "listed "+p.Listed.Format(time.DateOnly))
	}
	if note != "" {
		parts = append(parts, note)
	}
	return strings.Join(parts, "; ")
}

// key hashes the list, the kind of change and the entries with their
// content, so that a later, different change under the same programme is a
// new story.
func (g *changeGroup) key(list string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s", list, g.verb, g.programme)
	for i, p := range g.parties {
		fmt.Fprintf(h, "\x00%+v\x00%s", p, g.notes[i])
	}
	return "list-change:" + hex.EncodeToString(h.Sum(nil)[:12])
}
