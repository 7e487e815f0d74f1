package main

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/store/pgtest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// The reporting commands read a PostgreSQL state as they read a state
// file: nothing to show before any instance set it up, then its alerts;
// and the DSN's password shows nowhere. (The test server trusts local
// users, so the password is carried but never checked.)
func TestReportingCommandsOnPostgres(t *testing.T) {
	u, err := url.Parse(pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), "SECRET-PW")
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(filepath.Join(dir, "dsn"), []byte(u.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfgPath, []byte("state_dsn_file: dsn\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "", "status", "--config", cfgPath)
	if code == 0 || !strings.Contains(errOut, "nothing to show yet") {
		t.Fatalf("status before any start: code %d, %q %q", code, out, errOut)
	}
	st, err := store.OpenPostgres(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	a := story.Alert{Destination: "desk", Severity: story.SeverityHigh,
		Story:   story.Story{FeedID: "wire", FeedName: "wire", Key: "k1", Title: "US sanctions 16 firms"},
		Matches: []story.Match{{RuleID: "designations", Severity: story.SeverityHigh}}}
	if _, err := st.EnqueueAlerts(context.Background(), []story.Alert{a}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errOut = run(t, "", "alerts", "--config", cfgPath)
	if code != 0 || !strings.Contains(out, "US sanctions 16 firms") {
		t.Fatalf("alerts: code %d, %q %q", code, out, errOut)
	}
	code, out2, errOut2 := run(t, "", "status", "--config", cfgPath)
	if code != 0 || !strings.Contains(out2, "desk") {
		t.Fatalf("status: code %d, %q %q", code, out2, errOut2)
	}
	for _, s := range []string{out, errOut, out2, errOut2} {
		if strings.Contains(s, "SECRET") {
			t.Errorf("output shows the DSN's password: %s", s)
		}
	}
}
