package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/replay"
)

// replayStories are the stories both runs see: some fire the old rule,
// some the new one, some both, some neither.
var replayStories = [][2]string{
	{"s1", "Zebracorn sighted near the border"},
	{"s2", "Unicorn convoy crosses the river"},
	{"s3", "Zebracorn and unicorn seen together"},
	{"s4", "Fake zebracorn photos debunked"},
	{"s5", "Quiet day in the capital"},
	{"s6", "Unicorn sanctions announced"},
}

const (
	rulesBefore = "rules:\n  - id: zebra\n    severity: high\n    query: zebracorn\n"
	rulesAfter  = "rules:\n  - id: zebra\n    severity: high\n    query: zebracorn NOT fake\n" +
		"  - id: uni\n    severity: high\n    query: unicorn\n"
)

// liveRun runs the daemon's poll twice on a fresh state (a state file, or
// a PostgreSQL database when pg): first on an empty feed (a first poll
// only records), then with the stories, so they alert as new stories do.
// It returns the config path.
func liveRun(t *testing.T, ruleFile string, pg bool) string {
	t.Helper()
	dir := t.TempDir()
	feed := newFeedServer(t)
	os.WriteFile(filepath.Join(dir, "rules.yaml"), []byte(ruleFile), 0o644)
	cfg := fmt.Sprintf(stateConfig(t, dir, pg)+"\nhttp:\n  listen: \"\"\nrules:\n  default_pack: false\n  paths: [rules.yaml]\n"+
		"feeds:\n  - name: wire\n    url: %s\n    allow_private: true\n", feed.URL)
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(cfg), 0o644)
	once(t, path)
	for _, s := range replayStories {
		feed.add(s[0], s[1], "")
	}
	once(t, path)
	return path
}

func once(t *testing.T, cfgPath string) {
	t.Helper()
	a, err := New(context.Background(), Options{ConfigPath: cfgPath})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Once(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// alertedTitles lists the titles of the stories alerted in a state file.
func alertedTitles(t *testing.T, cfgPath string) []string {
	t.Helper()
	cfg, err := LoadConfig(cfgPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := OpenState(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	recent, err := st.RecentAlerts(context.Background(), 24*time.Hour, "")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range recent {
		out = append(out, r.Alert.Story.Title)
	}
	slices.Sort(out)
	return out
}

func titles(items []replay.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Title
	}
	slices.Sort(out)
	return out
}

// TestReplayOfRuleEditMatchesLiveRun replays an edited rule file over the
// history of the old rules, and compares with the new rules run live over
// the same stories: the same set must alert.
func TestReplayOfRuleEditMatchesLiveRun(t *testing.T) {
	eachState(t, testReplayOfRuleEditMatchesLiveRun)
}

func testReplayOfRuleEditMatchesLiveRun(t *testing.T, pg bool) {
	before := liveRun(t, rulesBefore, pg)
	after := liveRun(t, rulesAfter, pg)

	cfg, err := LoadConfig(before, nil)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(filepath.Dir(before), "rules.yaml"), []byte(rulesAfter), 0o644)
	rs, err := LoadRules(cfg, Lists{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := OpenState(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := Replay(context.Background(), cfg, rs, st, replay.Options{Since: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	live := alertedTitles(t, after)
	if got := titles(rep.Would); !slices.Equal(got, live) {
		t.Errorf("replay would alert %q;\nlive run of the new rules alerted %q", got, live)
	}
	wantNew := []string{"Unicorn convoy crosses the river", "Unicorn sanctions announced"}
	wantLost := []string{"Fake zebracorn photos debunked"}
	if got := titles(rep.New); !slices.Equal(got, wantNew) {
		t.Errorf("new %q, want %q", got, wantNew)
	}
	if got := titles(rep.Lost); !slices.Equal(got, wantLost) {
		t.Errorf("lost %q, want %q", got, wantLost)
	}
	if rep.Stories != len(replayStories) {
		t.Errorf("replayed %d stories, want %d", rep.Stories, len(replayStories))
	}
	if s := rep.Summary(); s != "+2 alerts, -1 alerts (new: uni 2; lost: zebra 1)" {
		t.Errorf("summary %q", s)
	}
}

// TestReloadReportsWhatNewRulesWouldChange edits the rules of a daemon
// with a week of history and reloads: the log and the admin notice say
// what the new rules would have changed. A reload that changes no rule
// says nothing of the kind.
func TestReloadReportsWhatNewRulesWouldChange(t *testing.T) {
	eachState(t, testReloadReportsWhatNewRulesWouldChange)
}

func testReloadReportsWhatNewRulesWouldChange(t *testing.T, pg bool) {
	cfgPath := liveRun(t, rulesBefore, pg)
	var logs strings.Builder // the app is not running: only this goroutine logs
	a, err := New(context.Background(), Options{ConfigPath: cfgPath, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs.String(), "Rules changed") {
		t.Errorf("a reload without rule changes reported one:\n%s", logs.String())
	}
	os.WriteFile(filepath.Join(filepath.Dir(cfgPath), "rules.yaml"), []byte(rulesAfter), 0o644)
	if err := a.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := logs.String()
	for _, want := range []string{"would have given +2 alerts, -1 alerts (new: uni 2; lost: zebra 1)",
		`title="Rules changed: +2 alerts, -1 alerts (new: uni 2; lost: zebra 1) over the last 7 days"`,
		"Lost: Fake zebracorn photos debunked"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

// The Gateway and the endpoint are set up at start: a reload that changes
// interactions is refused whole rather than half applied.
func TestReloadRefusesInteractionChanges(t *testing.T) {
	cfgPath := liveRun(t, rulesBefore, false)
	a, err := New(context.Background(), Options{ConfigPath: cfgPath})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	data, _ := os.ReadFile(cfgPath)
	extra := "interactions:\n  application_id: \"100000000000000002\"\n  gateway: false\n  listen: 127.0.0.1:0\n" +
		"  public_key: " + strings.Repeat("ab", 32) + "\n"
	os.WriteFile(cfgPath, append(data, extra...), 0o644)
	if err := a.Reload(context.Background()); err == nil || !strings.Contains(err.Error(), "interactions changed: restart") {
		t.Errorf("reload: %v", err)
	}
}
