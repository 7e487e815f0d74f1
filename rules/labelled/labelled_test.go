package labelled

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/rules"
)

const smallRules = `rules:
  - id: tankers
    title: Tankers
    severity: high
    query: tanker*
  - id: drones
    title: Drones
    severity: high
    query: drone*
`

func compile(t *testing.T, src string) *rules.RuleSet {
	t.Helper()
	rs, err := rules.Compile([]rules.Source{{Name: "small.yaml", Data: []byte(src)}}, rules.Env{})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func load(t *testing.T, name string) ([]Story, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return Parse(name, data)
}

func TestScoreCountsPerRuleAndOverall(t *testing.T) {
	set, err := load(t, "small.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := Score(compile(t, smallRules), set)
	if r.Stories != 5 || r.Relevant != 3 {
		t.Fatalf("stories %d relevant %d", r.Stories, r.Relevant)
	}
	// s1, s2 caught; s4 missed; s3 a false alert.
	if r.Overall != (Counts{TruePos: 2, FalsePos: 1, FalseNeg: 1}) {
		t.Errorf("overall %+v", r.Overall)
	}
	if len(r.Misses) != 1 || r.Misses[0].ID != "s4" || len(r.FalseAlerts) != 1 || r.FalseAlerts[0].Rules[0] != "tankers" {
		t.Errorf("misses %+v false alerts %+v", r.Misses, r.FalseAlerts)
	}
	want := map[string]Counts{
		// s2 names only drones, so tankers is not blamed for missing it.
		"tankers": {TruePos: 1, FalsePos: 1, FalseNeg: 1},
		"drones":  {TruePos: 1, FalsePos: 0, FalseNeg: 2},
	}
	for _, rs := range r.Rules {
		if rs.Counts != want[rs.Rule] {
			t.Errorf("%s: %+v, want %+v", rs.Rule, rs.Counts, want[rs.Rule])
		}
	}
	if p := r.Overall.Precision(); p < 0.66 || p > 0.67 {
		t.Errorf("precision %v", p)
	}
}

func TestParseReportsEveryProblemWithPosition(t *testing.T) {
	_, err := load(t, "bad.yaml")
	if err == nil {
		t.Fatal("bad file accepted")
	}
	for _, want := range []string{
		`bad.yaml:2:13: relevant: expected true or false, got "yes please"`,
		`bad.yaml:6:3: unknown key "titel"`,
		`bad.yaml:4:3: story "b1": duplicate id (first at line 1)`,
		`bad.yaml:7:3: story has no id`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}

// The labelled sets shipped with the default pack are in this format.
func TestShippedSetsParse(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "eval", "*.yaml"))
	if len(files) == 0 {
		t.Skip("no shipped eval sets")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if set, err := Parse(f, data); err != nil || len(set) == 0 {
			t.Errorf("%s: %d stories, %v", f, len(set), err)
		}
	}
}
