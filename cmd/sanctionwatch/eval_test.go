package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// evalDir writes a config with one user rule file and a labelled set.
func evalDir(t *testing.T) (cfg, set string) {
	t.Helper()
	dir := t.TempDir()
	rules := "rules:\n  - id: tankers\n    title: Tankers\n    severity: high\n    query: tanker*\n"
	os.WriteFile(filepath.Join(dir, "r.yaml"), []byte(rules), 0o644)
	cfg = filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("state_file: state.db\nrules:\n  default_pack: false\n  paths: [r.yaml]\n"), 0o644)
	set = filepath.Join(dir, "set.yaml")
	os.WriteFile(set, []byte(`- {id: a, relevant: true, title: Tanker seized}
- {id: b, relevant: false, title: Tanker truck crash}
- {id: c, relevant: true, title: Frigate sold}
- {id: d, relevant: false, title: Quiet day}
`), 0o644)
	return cfg, set
}

func TestEvalPrintsScoresAndFailsBelowFloor(t *testing.T) {
	cfg, set := evalDir(t)
	code, out, errOut := run(t, "", "eval", "--config", cfg, set)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	for _, want := range []string{"4 stories, 2 relevant", "precision 0.500, recall 0.500",
		"c (line 3): Frigate sold", "b (line 2): Tanker truck crash [tankers]"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, _, errOut = run(t, "", "eval", "--config", cfg, "--min-precision", "0.6", set)
	if code != 1 || !strings.Contains(errOut, "precision 0.500 is below 0.6") {
		t.Errorf("below floor: code %d, %q", code, errOut)
	}
	// A floor of 0 is a floor the user wrote, and it passes.
	if code, _, errOut = run(t, "", "eval", "--config", cfg, "--min-recall", "0", set); code != 0 {
		t.Errorf("floor 0: code %d, %q", code, errOut)
	}
	if code, _, _ = run(t, "", "eval", "--config", cfg, "--min-recall", "2", set); code != 2 {
		t.Errorf("floor 2 accepted: code %d", code)
	}
}

func TestEvalCandidateRulesAndJSON(t *testing.T) {
	cfg, set := evalDir(t)
	cand := filepath.Join(filepath.Dir(cfg), "cand.yaml")
	os.WriteFile(cand, []byte("rules:\n  - id: ships\n    title: Ships\n    severity: high\n    query: tanker* OR frigate*\n"), 0o644)
	code, out, errOut := run(t, "", "eval", "--config", cfg, "--rules", cand, "--json", set)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	var r struct {
		Overall struct {
			TruePos int `json:"true_alerts"`
		} `json:"overall"`
		Rules []struct{ Rule string } `json:"rules"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if r.Overall.TruePos != 2 || len(r.Rules) != 1 || r.Rules[0].Rule != "ships" {
		t.Errorf("candidate rules not used: %s", out)
	}
}

func TestEvalBadFileNamesLine(t *testing.T) {
	cfg, _ := evalDir(t)
	bad := filepath.Join(filepath.Dir(cfg), "bad.yaml")
	os.WriteFile(bad, []byte("- id: a\n  relevant: maybe\n  title: x\n"), 0o644)
	code, _, errOut := run(t, "", "eval", "--config", cfg, bad)
	if code != 1 || !strings.Contains(errOut, "bad.yaml:2:13: relevant: expected true or false") {
		t.Errorf("code %d: %q", code, errOut)
	}
}
