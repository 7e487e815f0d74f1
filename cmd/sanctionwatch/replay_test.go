package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// historyDir writes a config with one rule and a state file holding two
// stories' text, one of which alerted under an older rule.
func historyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "r.yaml"), []byte("rules:\n  - id: tankers\n    title: Tankers\n    severity: high\n    query: tanker*\n"), 0o644)
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("state_file: state.db\nrules:\n  default_pack: false\n  paths: [r.yaml]\nfeeds:\n  - name: wire\n    url: http://127.0.0.1:1/feed\n"), 0o644)
	st, err := store.Open(context.Background(), filepath.Join(dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.SetTextCap(1 << 10)
	tanker := story.Story{FeedID: "wire", Key: "k1", Title: "Tanker seized off Oman"}
	frigate := story.Story{FeedID: "wire", Key: "k2", Title: "Frigate sold to Egypt"}
	old := story.Alert{Destination: "terminal", Story: frigate, Matches: []story.Match{{RuleID: "ships", Severity: story.SeverityHigh}},
		Severity: story.SeverityHigh}
	if _, err := st.CommitPoll(context.Background(), store.Poll{Feed: store.FeedState{ID: "wire"},
		Stories: []story.Story{tanker, frigate}, Alerts: []story.Alert{old}}); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestReplayCommand(t *testing.T) {
	cfg := historyDir(t)
	code, out, errOut := run(t, "", "replay", "--config", cfg, "--since", "1d", "--explain")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	for _, want := range []string{"2 stories seen since", "1 would alert; +1 alerts, -1 alerts (new: tankers 1; lost: ships 1)",
		"+ ", "wire  Tanker seized off Oman [tankers]", `"Tanker"`, "Frigate sold to Egypt [was ships]"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = run(t, "", "replay", "--config", cfg, "--json")
	var rep struct {
		Stories int
		New     []struct{ Title string }
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.Stories != 2 || len(rep.New) != 1 {
		t.Errorf("json: code %d %q %s", code, out, errOut)
	}
	if code, _, _ = run(t, "", "replay", "--config", cfg, "--since", "soon"); code != 2 {
		t.Errorf("bad --since accepted: %d", code)
	}
}
