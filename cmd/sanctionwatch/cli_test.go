package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestHelpExitsZeroEverywhere: -h and --help print usage and succeed, and
// no command takes "--help" for a file or a destination.
func TestHelpExitsZeroEverywhere(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"run", "--help"}, {"once", "-h"}, {"validate", "--help"}, {"test", "--help"},
		{"feeds", "--help"}, {"feeds", "import", "--help"}, {"lists", "--help"},
		{"lists", "diff", "--help"}, {"status", "--help"}, {"alerts", "--help"},
		{"send-test", "--help"},
	} {
		code, out, errOut := run(t, "", args...)
		if code != 0 || strings.Contains(errOut, "help requested") || strings.Contains(errOut, "open --help") {
			t.Errorf("%v: code %d, stdout %q, stderr %q", args, code, out, errOut)
		}
		if !strings.Contains(strings.ToLower(errOut), "usage") {
			t.Errorf("%v printed no usage: %q", args, errOut)
		}
	}
}

// TestReportsNeedNoSecretsAndCreateNothing: with a webhook from an unset
// variable and no state file, feeds, status and alerts say there is
// nothing yet, and leave no state file behind.
func TestReportsNeedNoSecretsAndCreateNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("state_file: state.db\ndestinations:\n  - name: alerts\n    webhook: ${DISCORD_WEBHOOK_URL}\n"), 0o644)
	for _, cmd := range []string{"feeds", "status", "alerts"} {
		code, _, errOut := run(t, "", cmd, "--config", cfg)
		if code != 1 || !strings.Contains(errOut, "no state file yet") || strings.Contains(errOut, "DISCORD_WEBHOOK_URL") {
			t.Errorf("%s: code %d, stderr %q", cmd, code, errOut)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "state.db")); err == nil {
		t.Fatal("a report created the state file")
	}
}

// alertingFeed serves one story the default pack alerts on.
func alertingFeed(t *testing.T) string {
	pub := time.Now().UTC().Format(time.RFC1123Z)
	body := fmt.Sprintf(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><guid>1</guid><title>EU extends arms embargo on Belarus</title><link>https://wire.example.org/1</link>
<pubDate>%s</pubDate><description>Ministers agreed to extend the arms embargo.</description></item>
</channel></rss>`, pub)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestReportsAfterOnePoll polls a local feed once, then reads the state
// as a user would: alerts in days, by rule, with plurals and as JSON.
func TestReportsAfterOnePoll(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf("state_file: state.db\nhttp:\n  listen: \"\"\nwatch:\n  backfill: 48h\n  allow_private: true\nfeeds:\n  - name: wire\n    url: %s\n",
		alertingFeed(t))), 0o644)
	if code, _, errOut := run(t, "", "once", "--config", cfg); code != 0 {
		t.Fatalf("once: %d %s", code, errOut)
	}
	code, out, errOut := run(t, "", "alerts", "--config", cfg, "--since", "2d")
	if code != 0 || !strings.HasSuffix(out, "\n1 alert, 1 event\n") || !strings.Contains(out, "arms-embargo") {
		t.Fatalf("alerts --since 2d: %d %q %s", code, out, errOut)
	}
	code, _, errOut = run(t, "", "alerts", "--config", cfg, "--rule", "arms-embargos")
	if code != 2 || !strings.Contains(errOut, `did you mean "arms-embargo"?`) {
		t.Fatalf("alerts --rule typo: %d %q", code, errOut)
	}
	var alerts []alertRow
	code, out, _ = run(t, "", "alerts", "--config", cfg, "--json", "--rule", "arms-embargo")
	if err := json.Unmarshal([]byte(out), &alerts); code != 0 || err != nil || len(alerts) != 1 || alerts[0].Feed != "wire" {
		t.Fatalf("alerts --json: %d %v %q", code, err, out)
	}
	var feeds []feedRow
	code, out, _ = run(t, "", "feeds", "--config", cfg, "--json")
	if err := json.Unmarshal([]byte(out), &feeds); code != 0 || err != nil || len(feeds) != 1 || feeds[0].Health != "ok" || feeds[0].Items != 1 {
		t.Fatalf("feeds --json: %d %v %q", code, err, out)
	}
	var st statusReport
	code, out, _ = run(t, "", "status", "--config", cfg, "--json")
	if err := json.Unmarshal([]byte(out), &st); code != 0 || err != nil || st.Feeds != 1 || st.AlertsByRule["arms-embargo"] != 1 {
		t.Fatalf("status --json: %d %v %q", code, err, out)
	}
}

func TestSendTestListsDestinations(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("state_file: state.db\ndestinations:\n  - name: desk\n    webhook: https://discord.com/api/webhooks/123/tok\n  - name: ops\n    webhook: https://discord.com/api/webhooks/124/tok\n"), 0o644)
	code, _, errOut := run(t, "", "send-test", "--config", cfg, "dsk")
	if code != 1 || !strings.Contains(errOut, `unknown destination "dsk"; configured: desk, ops`) {
		t.Fatalf("code %d, stderr %q", code, errOut)
	}
}

func TestNoColor(t *testing.T) {
	t.Parallel()
	e := &env{isTerminal: true, lookupEnv: func(string) (string, bool) { return "", false }}
	if !e.color() {
		t.Fatal("no color on a terminal")
	}
	e.lookupEnv = func(k string) (string, bool) { return "", k == "NO_COLOR" }
	if e.color() {
		t.Fatal("NO_COLOR (even empty) ignored")
	}
}

func TestFeedsImportDropsWhatCannotBePolled(t *testing.T) {
	t.Parallel()
	opml := `<?xml version="1.0"?><opml version="2.0"><body>
<outline text="A" xmlUrl="https://a.example.org/feed"/>
<outline text="Old FTP" xmlUrl="ftp://files.example.org/feed.xml"/>
<outline text="A again" xmlUrl="https://a.example.org/feed"/>
<outline text="B" xmlUrl="http://b.example.org/rss"/>
</body></opml>`
	path := filepath.Join(t.TempDir(), "subs.opml")
	os.WriteFile(path, []byte(opml), 0o644)
	code, out, errOut := run(t, "", "feeds", "import", path)
	if code != 0 || !strings.Contains(out, "# 2 feeds from") || strings.Contains(out, "ftp://") {
		t.Fatalf("code %d, out %q", code, out)
	}
	if !strings.Contains(errOut, "ftp://files.example.org/feed.xml is not an http or https URL") ||
		!strings.Contains(errOut, `already listed as "A"`) {
		t.Fatalf("stderr %q", errOut)
	}
}

func TestListsDiffDetectsFormatAndNamesChanges(t *testing.T) {
	t.Parallel()
	code, out, errOut := run(t, "", "lists", "diff", "../../sanctions/testdata/un/v1.xml", "../../sanctions/testdata/un/v2.xml")
	if code != 0 || !strings.Contains(out, "added:\n  ") || !strings.Contains(out, "[KP") {
		t.Fatalf("code %d, out %q, stderr %q", code, out, errOut)
	}
}

// lockedBuffer is a buffer a command may write while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestTestOnTerminalExplainsAndStopsOnCtrlC: with nothing piped in, test
// says what it waits for, and a cancelled context (Ctrl-C) ends the wait.
func TestTestOnTerminalExplainsAndStopsOnCtrlC(t *testing.T) {
	t.Parallel()
	pr, pw := io.Pipe() // a reader that blocks like an idle terminal
	defer pw.Close()
	var out bytes.Buffer
	var errOut lockedBuffer
	e := &env{stdin: pr, stdout: &out, stderr: &errOut, stdinTerminal: true,
		lookupEnv: func(string) (string, bool) { return "", false }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- dispatch(ctx, e, []string{"test"}) }()
	// Cancel once it waits for input: after it compiled the rules, which
	// takes seconds under -race, and said what it waits for.
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(errOut.String(), "Ctrl-D") {
		if time.Now().After(deadline) {
			t.Fatalf("test never said what it waits for; stderr %q", errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != 1 || !strings.Contains(errOut.String(), "interrupted") {
			t.Fatalf("code %d, stderr %q", code, errOut.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("test kept waiting after Ctrl-C")
	}
}
