package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// judgedDir is a config with the tankers rule and a state file in which
// readers judged two of its alerts.
func judgedDir(t *testing.T) (cfg string) {
	t.Helper()
	dir := t.TempDir()
	cfg = filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("state_file: state.db\nrules:\n  default_pack: false\n  paths: [r.yaml]\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "r.yaml"), []byte(tankerRule("tanker*", "")), 0o644)
	st, err := store.Open(context.Background(), filepath.Join(dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	judge := map[string][]bool{"Tanker seized off Oman": {true, true}, "Tanker truck crash on the motorway": {false, false, true}}
	for title, verdicts := range judge {
		a := story.Alert{Destination: "d", Story: story.Story{FeedID: "wire", Key: title, Title: title, Summary: "More at eleven."},
			Matches: []story.Match{{RuleID: "tankers", Severity: story.SeverityHigh}}, Severity: story.SeverityHigh}
		if _, err := st.EnqueueAlerts(context.Background(), []story.Alert{a}); err != nil {
			t.Fatal(err)
		}
		recent, _ := st.RecentAlerts(context.Background(), 1<<40, "")
		for i, rel := range verdicts {
			if _, err := st.RecordVerdict(context.Background(), store.VerdictInput{AlertID: recent[0].ID,
				Reader: string(rune('a' + i)), Relevant: rel}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return cfg
}

func tankerRule(query, examples string) string {
	return "rules:\n  - id: tankers\n    title: Tankers\n    severity: high\n    query: " + query + "\n" + examples
}

func TestFeedbackCounts(t *testing.T) {
	cfg := judgedDir(t)
	code, out, errOut := run(t, "", "feedback", "--config", cfg, "--since", "1d")
	if code != 0 || !strings.Contains(out, "tankers") || !strings.Contains(out, "0.60") {
		t.Fatalf("code %d out %q err %q", code, out, errOut)
	}
	if code, out, _ = run(t, "", "feedback", "--config", cfg, "--rule", "other"); code != 0 || !strings.Contains(out, "no verdicts") {
		t.Errorf("other rule: %d %q", code, out)
	}
}

// The exported examples, pasted under the rule, are tests validate runs:
// they fail on the rule readers disagreed with and pass once it is fixed.
func TestFeedbackExportBecomesRuleTests(t *testing.T) {
	cfg := judgedDir(t)
	code, out, errOut := run(t, "", "feedback", "export", "--config", cfg, "--rule", "tankers")
	if code != 0 || !strings.Contains(out, "1 to match, 1 not to match, 0 tied") {
		t.Fatalf("export: code %d out %q err %q", code, out, errOut)
	}
	block := indent(out, "    ")
	rules := filepath.Join(filepath.Dir(cfg), "r.yaml")
	os.WriteFile(rules, []byte(tankerRule("tanker*", block)), 0o644)
	code, _, errOut = run(t, "", "validate", "--config", cfg)
	if code == 0 || !strings.Contains(errOut, `example should not match but does: "Tanker truck crash on the motorway"`) {
		t.Errorf("unfixed rule: code %d, %q", code, errOut)
	}
	os.WriteFile(rules, []byte(tankerRule("tanker* NOT truck", block)), 0o644)
	if code, out, errOut = run(t, "", "validate", "--config", cfg); code != 0 {
		t.Errorf("fixed rule: code %d, %q %q\n%s", code, out, errOut, block)
	}
}

func indent(s, by string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = by + l
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestMutesCommandAndStatus(t *testing.T) {
	cfg := judgedDir(t)
	if code, out, errOut := run(t, "", "mutes", "--config", cfg, "--for", "2h", "--reason", "noisy", "add", "rule", "tankers"); code != 0 || !strings.Contains(out, "muted rule tankers until") {
		t.Fatalf("add: %d %q %q", code, out, errOut)
	}
	if code, _, _ := run(t, "", "mutes", "--config", cfg, "add", "rule", "tankers"); code != 2 {
		t.Errorf("add without --for: code %d", code)
	}
	if code, _, _ := run(t, "", "mutes", "--config", cfg, "--for", "1h", "add", "colour", "red"); code != 2 {
		t.Errorf("unknown kind: code %d", code)
	}
	for _, cmd := range []string{"mutes", "status"} {
		code, out, _ := run(t, "", cmd, "--config", cfg)
		if code != 0 || !strings.Contains(out, "rule  tankers") || !strings.Contains(out, "noisy") {
			t.Errorf("%s: %d %q", cmd, code, out)
		}
	}
	if code, out, _ := run(t, "", "mutes", "--config", cfg, "lift", "rule", "tankers"); code != 0 || !strings.Contains(out, "lifted 1") {
		t.Errorf("lift: %d %q", code, out)
	}
	if code, out, _ := run(t, "", "mutes", "--config", cfg); code != 0 || !strings.Contains(out, "no mutes in force") {
		t.Errorf("after lift: %d %q", code, out)
	}
}

// A muted alert is in the record: alerts shows it as muted, and why.
func TestAlertsShowsMutedAlerts(t *testing.T) {
	cfg := judgedDir(t)
	st, err := store.Open(context.Background(), filepath.Join(filepath.Dir(cfg), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	a := story.Alert{Destination: "d", Story: story.Story{FeedID: "wire", Key: "m1", Title: "Tanker seen again"},
		Matches: []story.Match{{RuleID: "tankers", Severity: story.SeverityHigh}}, Severity: story.SeverityHigh,
		Muted: "rule tankers muted by ana until 2026-03-01 12:00 UTC"}
	if _, err := st.EnqueueAlerts(context.Background(), []story.Alert{a}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errOut := run(t, "", "alerts", "--config", cfg)
	if code != 0 || !strings.Contains(out, "muted   tankers -> d") || !strings.Contains(out, "not sent: rule tankers muted by ana") {
		t.Errorf("code %d %q %q", code, out, errOut)
	}
}
