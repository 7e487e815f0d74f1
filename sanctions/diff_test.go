package sanctions

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/story"
)

func ids(ps []Party) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

func fixtureDiff(t *testing.T) Changes {
	t.Helper()
	old, err := ParseUN(openFixture(t, "un/v1.xml"))
	if err != nil {
		t.Fatal(err)
	}
	new, err := ParseUN(openFixture(t, "un/v2.xml"))
	if err != nil {
		t.Fatal(err)
	}
	return Diff(old, new)
}

func TestDiffFixtures(t *testing.T) {
	ch := fixtureDiff(t)
	if got := ids(ch.Added); !slices.Equal(got, []string{"un:KPe.903"}) {
		t.Errorf("added %v", got)
	}
	if got := ids(ch.Removed); !slices.Equal(got, []string{"un:QDi.901"}) {
		t.Errorf("removed %v", got)
	}
	if len(ch.Changed) != 1 || ch.Changed[0].New.ID != "un:KPi.901" || !slices.Equal(ch.Changed[0].Fields, []string{"aliases"}) {
		t.Errorf("changed %+v, want KPi.901 aliases", ch.Changed)
	}
	want := []ProgrammeSummary{{"1267", 0, 1, 0}, {"1718", 1, 0, 1}}
	if got := ch.Summary(); !slices.Equal(got, want) {
		t.Errorf("summary %+v, want %+v", got, want)
	}
}

func TestDiffIgnoresOrder(t *testing.T) {
	a := []Party{{ID: "x", Name: "X", Aliases: []Alias{{"A", QualityGood, false}, {"B", QualityLow, true}}}, {ID: "y", Name: "Y"}}
	b := []Party{{ID: "y", Name: "Y"}, {ID: "x", Name: "X", Aliases: []Alias{{"B", QualityLow, true}, {"A", QualityGood, false}}}}
	if ch := Diff(a, b); !ch.Empty() {
		t.Errorf("reordering gave changes %v", ch)
	}
}

func TestGuard(t *testing.T) {
	ten := make([]Party, 10)
	tests := []struct {
		name     string
		old, new int
		maxDrop  float64
		shrink   bool
	}{
		{"first import", 0, 4, 0, false},
		{"grows", 10, 12, 0, false},
		{"drops 20% under a 50% limit", 10, 8, 0.5, false},
		{"drops 60% over a 50% limit", 10, 4, 0.5, true},
		{"drops 30% with max_drop 0: no check", 10, 7, 0, false},
		{"drops 60% allowed", 10, 4, 0.7, false},
		{"drops 30% over a 25% limit", 10, 7, 0.25, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Guard(ten[:tt.old], make([]Party, tt.new), tt.maxDrop)
			var se *ShrinkError
			if got := errors.As(err, &se); got != tt.shrink {
				t.Fatalf("Guard = %v, want shrink error %v", err, tt.shrink)
			}
		})
	}
	if err := Guard(ten, nil, 0); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty import: %v, want ErrEmpty", err)
	}
}

func TestChangeAlerts(t *testing.T) {
	ch := fixtureDiff(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	list := config.List{Name: "UN", Route: []string{"dprk", "desk"}}
	alerts := ChangeAlerts(list, ch, now)
	if len(alerts) != 6 { // 3 groups (1267 removed, 1718 added, 1718 changed) x 2 routes
		t.Fatalf("%d alerts, want 6", len(alerts))
	}
	var added *story.Alert
	for i := range alerts {
		if alerts[i].Story.Title == "UN 1718 list: 1 entity added" && alerts[i].Destination == "dprk" {
			added = &alerts[i]
		}
	}
	if added == nil {
		t.Fatalf("no 1718 addition alert for dprk among %+v", alerts)
	}
	m := added.Matches[0]
	if added.Severity != story.SeverityHigh || m.RuleID != "list-change:UN" || added.Story.FeedID != "list:UN" {
		t.Errorf("alert %+v", added)
	}
	sum := added.Story.Summary
	for _, want := range []string{"CHONGCHONGANG SHIPPING COMPANY LIMITED", "KPe.903", "1718", "listed 2026-02-01"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary %q lacks %q", sum, want)
		}
	}
	h := m.Hits[0]
	if sum[h.Start:h.End] != h.Text || h.Ref != "un:KPe.903" {
		t.Errorf("hit %+v does not point at its name in the summary", h)
	}
	again := ChangeAlerts(list, fixtureDiff(t), now)
	if again[0].Story.Key != alerts[0].Story.Key {
		t.Error("the same change gave a different story key")
	}
}

// A changed entry says what changed: a rename as old -> new, aliases
// gained and lost, other fields by name.
func TestChangeAlertsNameWhatChanged(t *testing.T) {
	old := []Party{{ID: "x", Name: "OCEAN STAR SHIPPING", Programmes: []string{"1718"},
		Aliases: []Alias{{Name: "OSS", Quality: QualityGood}}}}
	renamed := []Party{{ID: "x", Name: "OCEAN STAR MARITIME", Programmes: []string{"1718"},
		Aliases: []Alias{{Name: "OSM", Quality: QualityGood}}}}
	alerts := ChangeAlerts(config.List{Name: "UN", Route: []string{"desk"}}, Diff(old, renamed), time.Now())
	if len(alerts) != 1 {
		t.Fatalf("%d alerts, want 1", len(alerts))
	}
	sum := alerts[0].Story.Summary
	for _, want := range []string{`name "OCEAN STAR SHIPPING" -> "OCEAN STAR MARITIME"`, `aliases +"OSM", -"OSS"`} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary %q lacks %s", sum, want)
		}
	}
	ch := fixtureDiff(t)
	if note := changeNote(ch.Changed[0]); !strings.HasPrefix(note, "aliases ") || note == "aliases changed" {
		t.Errorf("fixture change note %q, want the aliases named", note)
	}
}
