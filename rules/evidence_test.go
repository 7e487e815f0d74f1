package rules

import (
	"testing"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// Evidence reports what no fired rule needed: an entity no rule refers to,
// a list no rule uses, a resolution, and a weak alias only with context.
func TestEvidenceSeesBeyondFiredRules(t *testing.T) {
	rs := mustCompile(t, inline(`
lists:
  munitions: [artillery shell*, ammunition]
  unused: [tanker]
entities:
  - id: dprk
    name: North Korea
    kind: country
    aliases: [North Korea, Pyongyang]
  - id: acme
    name: Acme Trading
    kind: organisation
    aliases: [Acme Trading]
rules:
  - id: dprk
    severity: high
    query: '@dprk'
`))
	s := story.Story{Title: "Pyongyang ships artillery shells",
		Summary: "Acme Trading chartered a tanker, breaching resolution 2397; North Korea denies it.",
		Link:    "https://example.org/acme-trading"}
	ev := rs.Evidence(&s)
	if len(ev.Entities) != 2 || ev.Entities[0].ID != "acme" || ev.Entities[1].ID != "dprk" {
		t.Fatalf("entities = %+v, want acme and dprk", ev.Entities)
	}
	if d := ev.Entities[1]; d.Count != 2 || !d.InTitle || d.Kind != "country" {
		t.Errorf("dprk = %+v, want 2 mentions, one in the title", d)
	}
	if a := ev.Entities[0]; a.Count != 1 || a.InTitle {
		t.Errorf("acme = %+v: the link must not count, only title, summary and content", a)
	}
	if len(ev.Resolutions) != 1 || ev.Resolutions[0] != 2397 {
		t.Errorf("resolutions = %v, want [2397]", ev.Resolutions)
	}
	want := []ListTerm{{List: "munitions", Term: "artillery shell*", Count: 1}, {List: "unused", Term: "tanker", Count: 1}}
	if len(ev.Terms) != 2 || ev.Terms[0] != want[0] || ev.Terms[1] != want[1] {
		t.Errorf("terms = %+v, want %+v", ev.Terms, want)
	}
}

func TestEvidenceWeakAliasNeedsContext(t *testing.T) {
	weak := &Entity{ID: "ship-hope", Name: "HOPE", Kind: "vessel", Aliases: []string{"MV Hope Star"},
		Weak: []string{"Hope"}, Context: []string{"tanker"}, List: "un"}
	rs, err := Compile([]Source{inline(`
rules:
  - id: vessels
    severity: high
    query: '@kind:vessel'
`)}, Env{Lists: []string{"un"}, Entities: []*Entity{weak}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text string
		want int
	}{
		{"Hope fades for a deal", 0},
		{"The tanker Hope switched off its transponder", 1},
	} {
		ev := rs.Evidence(&story.Story{Title: tc.text})
		if len(ev.Entities) != tc.want {
			t.Errorf("%q: entities %+v, want %d", tc.text, ev.Entities, tc.want)
		}
		if tc.want == 1 && ev.Entities[0].List != "un" {
			t.Errorf("%q: list = %q, want un", tc.text, ev.Entities[0].List)
		}
	}
}
