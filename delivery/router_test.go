package delivery

import (
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/story"
)

func TestRoute(t *testing.T) {
	cfg := &config.Config{
		Destinations: []config.Destination{{Name: "ops"}, {Name: "news", MinSeverity: "high"}, {Name: "legal"}},
		Routing:      config.Routing{Default: "ops"},
	}
	r, err := NewRouter(cfg)
	if err != nil {
		t.Fatal(err)
	}
	m := func(id string, sev story.Severity, routes ...string) story.Match {
		return story.Match{RuleID: id, Severity: sev, Routes: routes}
	}
	tests := []struct {
		name string
		ms   []story.Match
		want map[string][]string // destination -> rule ids
	}{
		{"unrouted goes to default", []story.Match{m("a", story.SeverityLow)}, map[string][]string{"ops": {"a"}}},
		{"unknown route falls back", []story.Match{m("a", story.SeverityLow, "nowhere")}, map[string][]string{"ops": {"a"}}},
		{"several rules one alert", []story.Match{m("a", story.SeverityLow, "legal"), m("b", story.SeverityHigh, "legal", "news")},
			map[string][]string{"legal": {"a", "b"}, "news": {"b"}}},
		{"below min severity dropped", []story.Match{m("a", story.SeverityMedium, "news")}, map[string][]string{}},
		{"min applies to the highest match", []story.Match{m("a", story.SeverityLow, "news"), m("b", story.SeverityCritical, "news")},
			map[string][]string{"news": {"a", "b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Route(story.Story{Key: "k"}, tt.ms)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d alerts, want %d: %+v", len(got), len(tt.want), got)
			}
			for _, a := range got {
				ids := tt.want[a.Destination]
				if len(a.Matches) != len(ids) || a.Severity != story.MaxSeverity(a.Matches) {
					t.Fatalf("alert for %s = %+v, want rules %v", a.Destination, a.Matches, ids)
				}
				for i, id := range ids {
					if a.Matches[i].RuleID != id {
						t.Fatalf("alert for %s has %s at %d, want %s", a.Destination, a.Matches[i].RuleID, i, id)
					}
				}
			}
		})
	}
	if !r.KnownDestination("legal") || r.KnownDestination("terminal") {
		t.Fatal("KnownDestination wrong")
	}
}

func TestRouterConfigErrors(t *testing.T) {
	bad := []*config.Config{
		{Destinations: []config.Destination{{Name: "ops", MinSeverity: "urgent"}}},
		{Destinations: []config.Destination{{Name: "ops"}}, Routing: config.Routing{Default: "nope"}},
	}
	for i, c := range bad {
		if _, err := NewRouter(c); err == nil {
			t.Errorf("config %d accepted", i)
		}
	}
	r, err := NewRouter(&config.Config{})
	if err != nil || !r.KnownDestination(Terminal) {
		t.Fatalf("empty config: %v, terminal known %v", err, r != nil && r.KnownDestination(Terminal))
	}
	got := r.Route(story.Story{}, []story.Match{{RuleID: "a", Severity: story.SeverityInfo, Routes: []string{"ops"}}})
	if len(got) != 1 || got[0].Destination != Terminal {
		t.Fatalf("first run routes to %+v, want terminal", got)
	}
}

func TestRouterEmptyDefaultMeansEveryDestination(t *testing.T) {
	cfg := &config.Config{Destinations: []config.Destination{{Name: "a"}, {Name: "b", MinSeverity: "high"}}}
	r, err := NewRouter(cfg)
	if err != nil {
		t.Fatal(err)
	}
	alerts := r.Route(story.Story{Title: "x"}, []story.Match{{RuleID: "r", Severity: story.SeverityCritical}})
	if len(alerts) != 2 || alerts[0].Destination != "a" || alerts[1].Destination != "b" {
		t.Fatalf("alerts = %+v, want one to a and one to b", alerts)
	}
	low := r.Route(story.Story{Title: "x"}, []story.Match{{RuleID: "r", Severity: story.SeverityLow}})
	if len(low) != 1 || low[0].Destination != "a" {
		t.Fatalf("low alert = %+v, want only a (b takes high and above)", low)
	}
}

// A destination limited to languages takes stories in those only; the
// others take every language, including stories too short to tell.
func TestRouteByLanguage(t *testing.T) {
	cfg := &config.Config{Destinations: []config.Destination{{Name: "all"}, {Name: "slavic", Languages: []string{"ru", "uk"}}}}
	r, err := NewRouter(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ms := []story.Match{{RuleID: "a", Severity: story.SeverityHigh}}
	for lang, want := range map[string]string{"ru": "all slavic", "uk": "all slavic", "ko": "all", "": "all"} {
		var got []string
		for _, a := range r.Route(story.Story{Key: "k", Lang: lang}, ms) {
			got = append(got, a.Destination)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("lang %q went to %v, want %s", lang, got, want)
		}
	}
}
