package discord

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/sanctions"
	"github.com/sanctionwatch/sanctionwatch/story"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"[click](http://evil)", `\[click\]\(http://evil\)`},
		{"**bold** _it_ ~~s~~ `c` ||spoiler||", `\*\*bold\*\* \_it\_ \~\~s\~\~ \` + "`c\\`" + ` \|\|spoiler\|\|`},
		{"# heading\n> quote", `\# heading` + "\n" + `\> quote`},
		{"@everyone and @here", "@\u200beveryone and @\u200bhere"},
		{"<@123> <@&456> <#789>", `\<@123\> \<@&456\> \<\#789\>`},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Escape(tt.in); got != tt.want {
				t.Fatalf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"this is too long", 8, "this is…"},
		{"Россия и Иран", 7, "Россия…"},
		{"🚀🚀🚀🚀", 3, "🚀🚀…"},
		{`ab\*cd`, 4, "ab…"}, // never leaves half an escape
		{"x", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := Truncate(tt.in, tt.max)
			if got != tt.want || !utf8.ValidString(got) {
				t.Fatalf("Truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func sampleAlert() story.Alert {
	hit := func(src story.SourceKind, term, name, detail string) story.Hit {
		return story.Hit{Term: term, Source: src, Name: name, Detail: detail, Field: story.FieldTitle}
	}
	return story.Alert{
		Destination: "ops",
		Severity:    story.SeverityHigh,
		Queued:      time.Date(2025, 3, 1, 12, 5, 0, 0, time.UTC),
		Story: story.Story{FeedID: "reuters", FeedName: "Reuters World", Key: "k1",
			Link: "https://example.org/news/1", Title: "Shipment of drones to Russia seized",
			Published: time.Date(2025, 3, 1, 11, 0, 0, 0, time.UTC)},
		Matches: []story.Match{{
			RuleID: "arms-transfer", Title: "Arms transfer", Severity: story.SeverityHigh,
			Hits:    []story.Hit{hit(story.SourceEntity, "Russia", "Russian Federation", "RU"), hit(story.SourceResolution, "2231", "UNSCR 2231", "Iran")},
			Snippet: "A " + story.MarkOpen + "shipment of drones" + story.MarkClose + " to " + story.MarkOpen + "Russia" + story.MarkClose + " was seized.",
		}},
	}
}

func goldenCases() map[string]func() (story.Alert, []Report, RenderOptions) {
	long := strings.Repeat("Very long headline about arms ", 20)
	return map[string]func() (story.Alert, []Report, RenderOptions){
		"basic": func() (story.Alert, []Report, RenderOptions) {
			return sampleAlert(), nil, RenderOptions{}
		},
		"long-title": func() (story.Alert, []Report, RenderOptions) {
			a := sampleAlert()
			a.Story.Title = long
			a.Matches[0].Snippet = strings.Repeat("x"+story.MarkOpen+"drone"+story.MarkClose+" ", 600)
			return a, nil, RenderOptions{}
		},
		"non-latin": func() (story.Alert, []Report, RenderOptions) {
			a := sampleAlert()
			a.Story.Title = "Россия поставила Ирану беспилотники — 伊朗 无人机 — إيران"
			a.Matches[0].Snippet = "Москва " + story.MarkOpen + "беспилотники" + story.MarkClose + " 伊朗"
			return a, nil, RenderOptions{}
		},
		"emoji": func() (story.Alert, []Report, RenderOptions) {
			a := sampleAlert()
			a.Story.Title = strings.Repeat("🚀👩‍👩‍👧 ", 100)
			return a, []Report{{Outlet: "AP 🇺🇸", Title: "Drones 🚀 reach Russia", Link: "https://ap.example/1"},
				{Outlet: "BBC", Title: a.Story.Title, Link: a.Story.Link}}, RenderOptions{}
		},
		"many-rules": func() (story.Alert, []Report, RenderOptions) {
			a := sampleAlert()
			for i := 0; i < 60; i++ {
				m := a.Matches[0]
				m.RuleID = "rule-" + strings.Repeat("x", i%7) + string(rune('a'+i%26))
				a.Matches = append(a.Matches, m)
			}
			return a, nil, RenderOptions{}
		},
		"hostile": func() (story.Alert, []Report, RenderOptions) {
			a := sampleAlert()
			a.Story.Title = "[click](http://evil) @everyone <@&123> **now**"
			a.Story.FeedName = "# Feed > `x`"
			a.Story.Link = "javascript:alert(1)"
			a.Matches[0].Snippet = "@here " + story.MarkOpen + "||drones||" + story.MarkClose + " <@42>"
			return a, nil, RenderOptions{MentionRole: "999", MentionFrom: story.SeverityCritical}
		},
		"translate": func() (story.Alert, []Report, RenderOptions) {
			a := sampleAlert()
			a.Story.Title = "북한, 러시아에 포탄 (추가) & 미사일 공급"
			a.Story.Link = "https://example.org/기사?id=1&x=(2)"
			a.Story.Lang = "ko"
			return a, nil, RenderOptions{TranslateURL: "https://translate.example/?sl={lang}&tl=en&u={url}&q={title}"}
		},
		"english-no-translate": func() (story.Alert, []Report, RenderOptions) {
			a := sampleAlert()
			a.Story.Lang = "en"
			return a, nil, RenderOptions{TranslateURL: "https://translate.example/?q={title}"}
		},
		"best-sentence": func() (story.Alert, []Report, RenderOptions) {
			a := sampleAlert()
			m := a.Matches[0]
			m.RuleID, m.Title = "dprk-russia", "North Korea and Russia arms"
			m.Snippet = "The weather in Vladivostok was mild on the day of the visit, officials said. " +
				"Officials said " + story.MarkOpen + "Pyongyang" + story.MarkClose + " shipped " + story.MarkOpen +
				"artillery shells" + story.MarkClose + " to " + story.MarkOpen + "Russia" + story.MarkClose +
				" by rail through Tumangang last month. Analysts expect more."
			// Evidence both rules saw is listed once: the party, the weapons.
			party := story.Hit{Term: "Korea Tangun Trading", Source: story.SourceEntity, Ref: "un:KPe.901",
				Name: "KOREA TANGUN TRADING CORPORATION", Detail: "un; 1718; KPe.901", Field: story.FieldSummary}
			shells := story.Hit{Term: "artillery shell*", Source: story.SourceList, Ref: "weapons_strong", Text: "artillery shells", Field: story.FieldSummary}
			drones := story.Hit{Term: "drone*", Source: story.SourceList, Ref: "drones", Text: "drones", Field: story.FieldTitle}
			m.Hits = []story.Hit{party, shells}
			a.Matches[0].Hits = append(a.Matches[0].Hits, party, shells, drones)
			a.Matches = append(a.Matches, m)
			return a, nil, RenderOptions{}
		},
		"list-change": func() (story.Alert, []Report, RenderOptions) {
			old := []sanctions.Party{{ID: "un:KPe.901", RefID: "KPe.901", Name: "OCEAN STAR SHIPPING", Kind: "organisation", Programmes: []string{"1718"}}}
			renamed := []sanctions.Party{{ID: "un:KPe.901", RefID: "KPe.901", Name: "OCEAN STAR MARITIME", Kind: "organisation", Programmes: []string{"1718"}}}
			a := sanctions.ChangeAlerts(config.List{Name: "UN", Route: []string{"ops"}}, sanctions.Diff(old, renamed),
				time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))[0]
			return a, nil, RenderOptions{}
		},
		"mention": func() (story.Alert, []Report, RenderOptions) {
			a := sampleAlert()
			a.Severity = story.SeverityCritical
			return a, nil, RenderOptions{MentionRole: "999", MentionFrom: story.SeverityHigh}
		},
	}
}

func TestRenderGolden(t *testing.T) {
	for name, mk := range goldenCases() {
		t.Run(name, func(t *testing.T) {
			a, also, o := mk()
			m := Render(a, also, o)
			got, err := json.MarshalIndent(m, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			checkLimits(t, m)
			checkGolden(t, name, got)
		})
	}
}

func checkLimits(t *testing.T, m Message) {
	t.Helper()
	if m.AllowedMentions == nil || m.AllowedMentions.Parse == nil || len(m.AllowedMentions.Parse) != 0 {
		t.Fatalf("allowed_mentions = %+v, want parse: []", m.AllowedMentions)
	}
	for _, e := range m.Embeds {
		if runes(e.Title) > maxTitle || runes(e.Description) > maxDescription || embedSize(e) > maxEmbedTotal || len(e.Fields) > maxFields {
			t.Fatalf("embed out of limits: title %d, description %d, total %d", runes(e.Title), runes(e.Description), embedSize(e))
		}
		for _, f := range e.Fields {
			if runes(f.Value) > maxFieldValue || !utf8.ValidString(f.Value) {
				t.Fatalf("field %q out of limits or invalid UTF-8", f.Name)
			}
		}
		if strings.Count(e.Description, "**")%2 != 0 {
			t.Fatalf("unbalanced bold in %q", e.Description)
		}
	}
}

func TestRenderHostileNeverLinksOrPings(t *testing.T) {
	a, also, o := goldenCases()["hostile"]()
	m := Render(a, also, o)
	e := m.Embeds[0]
	if strings.Contains(e.Title, "[click](") || strings.Contains(e.Title, "@everyone") || e.URL != "" {
		t.Fatalf("hostile title rendered live: %q url %q", e.Title, e.URL)
	}
	if m.Content != "" || len(m.AllowedMentions.Roles) != 0 {
		t.Fatalf("high alert below mention_from pings: content %q roles %v", m.Content, m.AllowedMentions.Roles)
	}
	crit, _, co := goldenCases()["mention"]()
	cm := Render(crit, nil, co)
	if !strings.HasPrefix(cm.Content, "<@&999>") || len(cm.AllowedMentions.Roles) != 1 || cm.AllowedMentions.Roles[0] != "999" {
		t.Fatalf("critical alert: content %q roles %v, want the configured role only", cm.Content, cm.AllowedMentions.Roles)
	}
}

// A long digest is split within Discord's limits, every alert in exactly
// one part, each part numbered of the whole; each part's message, drawn
// from its alerts alone, shows all of them, and a part read back without
// its plan (after a failure) draws the same message.
func TestSplitDigestWithinLimits(t *testing.T) {
	var alerts []story.Alert
	for i := 0; i < 300; i++ {
		a := sampleAlert()
		a.ID = int64(i + 1)
		a.Story.Title = fmt.Sprintf("Long digest title %d ", i) + strings.Repeat("x", 100)
		alerts = append(alerts, a)
	}
	parts := SplitDigest(alerts)
	if len(parts) < 2 {
		t.Fatalf("300 long lines in %d part(s), want a split", len(parts))
	}
	var next int64 = 1
	for i, p := range parts {
		m := RenderDigestPart(p)
		checkLimits(t, m)
		if len(m.Alerts) != len(p.Alerts) {
			t.Fatalf("part %d shows %d of its %d alerts: split and drawing disagree", i+1, len(m.Alerts), len(p.Alerts))
		}
		want := fmt.Sprintf("Digest: %d stories (part %d of %d)", len(p.Alerts), i+1, len(parts))
		if p.Part != i+1 || p.Parts != len(parts) || m.Embeds[0].Title != want {
			t.Errorf("part %d: numbered %d of %d, title %q; want %q", i+1, p.Part, p.Parts, m.Embeds[0].Title, want)
		}
		if got := strings.Count(m.Embeds[0].Description, "\n") + 1; got != len(p.Alerts) {
			t.Fatalf("part %d lists %d lines for %d alerts", i+1, got, len(p.Alerts))
		}
		for _, a := range p.Alerts {
			if a.ID != next {
				t.Fatalf("part %d holds alert %d, want %d: every alert once, in order", i+1, a.ID, next)
			}
			next++
		}
		again := RenderDigestPart(story.DigestPart{Alerts: p.Alerts, Part: p.Part, Parts: p.Parts})
		if !reflect.DeepEqual(again, m) {
			t.Errorf("part %d drawn again differs from the split's", i+1)
		}
	}
	if next != int64(len(alerts))+1 {
		t.Fatalf("digest covers %d alerts, want %d", next-1, len(alerts))
	}
}

// TestDigestGolden pins a digest's messages: one part alone, and the
// second of three parts, drawn again from its alerts as after a failure.
func TestDigestGolden(t *testing.T) {
	a, b := sampleAlert(), sampleAlert()
	b.Story.Title, b.Story.Link, b.Severity = "Tanker [renamed] (again)", "https://example.org/a b", story.SeverityLow
	for name, p := range map[string]story.DigestPart{
		"digest":        {Alerts: []story.Alert{a}, Part: 1, Parts: 1},
		"digest-part-2": {Alerts: []story.Alert{a, b}, Part: 2, Parts: 3},
	} {
		got, err := json.MarshalIndent(RenderDigestPart(p), "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, name, got)
	}
}

// TestEscalationGolden pins the one message an escalating event sends.
func TestEscalationGolden(t *testing.T) {
	a := sampleAlert()
	a.Severity = story.SeverityCritical
	a.Story.Title = "Drones @everyone <@&1> seized"
	m := Escalation(a, 3, RenderOptions{MentionRole: "999"})
	got, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "escalation", got)
	if len(m.AllowedMentions.Roles) != 1 || len(m.AllowedMentions.Parse) != 0 {
		t.Fatalf("allowed_mentions = %+v, want role 999 only", m.AllowedMentions)
	}
}

// checkGolden compares a rendered payload with testdata/golden/NAME.json,
// rewriting the file with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != string(got)+"\n" {
		t.Fatalf("render differs from %s:\n%s", path, got)
	}
}

// TestNoticeGolden pins how an operator notice looks: a notice, not a
// critical alert of a rule, and never a mention.
func TestNoticeGolden(t *testing.T) {
	a := story.Alert{Severity: story.SeverityCritical, Queued: sampleAlert().Queued,
		Story: story.Story{FeedID: "sanctionwatch", Title: "Feed bbc is failing @everyone",
			Summary: "5 polls in a row failed: HTTP 503.\nThe last good poll was 2 hours ago."},
		Matches: []story.Match{{RuleID: "notice", Title: "Operator notice", Severity: story.SeverityCritical}}}
	m := RenderNotice(a)
	got, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	checkLimits(t, m)
	checkGolden(t, "notice", got)
	if m.Content != "" || len(m.AllowedMentions.Roles) != 0 || len(m.Embeds[0].Fields) != 0 {
		t.Fatalf("notice = %+v, want no content, no mentions, no fields", m)
	}
}
