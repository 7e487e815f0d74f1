package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// run calls the command line as a user would, with no environment.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut,
		lookupEnv: func(string) (string, bool) { return "", false }}
	code = dispatch(context.Background(), e, args)
	return code, out.String(), errOut.String()
}

func TestValidateDefaults(t *testing.T) {
	t.Parallel()
	code, out, errOut := run(t, "", "validate")
	if code != 0 || !strings.HasPrefix(out, "ok: ") {
		t.Fatalf("validate: code %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestValidateReportsEveryError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rules := "rules:\n  - id: r1\n    severity: hihg\n    query: $nolist\n"
	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(rules), 0o644)
	cfg := "rules:\n  default_pack: false\n  paths: [bad.yaml]\nwatch:\n  schedul: \"@every 1m\"\n"
	os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o644)
	code, _, errOut := run(t, "", "validate", "--config", filepath.Join(dir, "config.yaml"))
	if code == 0 {
		t.Fatal("validate passed a bad config")
	}
	if !strings.Contains(errOut, "config.yaml:5:3") || !strings.Contains(errOut, "schedul") {
		t.Errorf("config error without position: %q", errOut)
	}
	// Rules are checked once the config is valid.
	os.WriteFile(filepath.Join(dir, "config.yaml"), []byte("rules:\n  default_pack: false\n  paths: [bad.yaml]\n"), 0o644)
	code, _, errOut = run(t, "", "validate", "--config", filepath.Join(dir, "config.yaml"))
	for _, want := range []string{"bad.yaml:3:15: rule \"r1\": unknown severity", "bad.yaml:4:12: rule \"r1\": unknown list $nolist"} {
		if code == 0 || !strings.Contains(errOut, want) {
			t.Errorf("want %q in %q (code %d)", want, errOut, code)
		}
	}
}

func TestTestCommandOnFeedJSON(t *testing.T) {
	t.Parallel()
	code, out, errOut := run(t, "", "test", "--json", "testdata/wire.xml")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one line per item, got %d: %s", len(lines), out)
	}
	var first, second testJSON
	json.Unmarshal([]byte(lines[0]), &first)
	json.Unmarshal([]byte(lines[1]), &second)
	if len(first.Matches) == 0 || first.Link != "https://wire.example.org/1" {
		t.Errorf("first item: %+v", first)
	}
	if len(second.Matches) != 0 || second.Title == "" {
		t.Errorf("second item should be listed without matches: %+v", second)
	}
	var sawResolution bool
	for _, m := range first.Matches {
		for _, h := range m.Hits {
			sawResolution = sawResolution || h.Ref == "2397"
		}
	}
	if !sawResolution {
		t.Errorf("UNSCR 2397 not among the hits: %s", lines[0])
	}
}

func TestTestCommandOnStdinWithRule(t *testing.T) {
	t.Parallel()
	code, out, _ := run(t, "EU extends arms embargo on Belarus\nMinisters agreed.", "test", "--rule", "arms-embargo", "-")
	if code != 0 || !strings.Contains(out, "rule arms-embargo") || !strings.Contains(out, "[arms embargo]") {
		t.Fatalf("code %d, out %q", code, out)
	}
	code, _, errOut := run(t, "", "test", "--rule", "no-such-rule", "-")
	if code == 0 || !strings.Contains(errOut, "unknown rule") {
		t.Fatalf("unknown rule accepted: %d %q", code, errOut)
	}
}

func TestTestCommandShowsLanguage(t *testing.T) {
	t.Parallel()
	code, out, errOut := run(t, "Северная Корея передала России артиллерийские снаряды\nКНДР отправила снаряды.\n", "test", "-")
	if code != 0 || !strings.Contains(out, "language: Russian (ru)") && !strings.Contains(out, "[ru]") {
		t.Fatalf("code %d, out %q, err %q", code, out, errOut)
	}
	code, out, _ = run(t, "북한이 러시아에 포탄을 보냈다\n", "test", "--json", "-")
	var got testJSON
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || got.Lang != "ko" {
		t.Fatalf("code %d, err %v, json %q", code, err, out)
	}
}

func TestUnknownCommand(t *testing.T) {
	t.Parallel()
	if code, _, _ := run(t, "", "frobnicate"); code != 2 {
		t.Fatalf("code %d, want 2", code)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	code, out, _ := run(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "sanctionwatch ") || !strings.Contains(out, "go1.") {
		t.Fatalf("version: %d %q", code, out)
	}
}

// TestListsThroughOnceAndTest imports a sanctions list with `once`, then
// checks that `test` explains a listed name with its list, regime and
// reference id.
func TestListsThroughOnceAndTest(t *testing.T) {
	t.Parallel()
	fixture, err := filepath.Abs("../../sanctions/testdata/un/v1.xml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg := "state_file: state.db\nhttp:\n  listen: \"\"\nlists:\n  - name: un\n    format: un-xml\n    url: " + fixture + "\n"
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(cfg), 0o644)
	if code, _, errOut := run(t, "", "once", "--config", path); code != 0 {
		t.Fatalf("once: %d %s", code, errOut)
	}
	code, out, errOut := run(t, "", "lists", "--config", path)
	if code != 0 || !strings.Contains(out, "un-xml") {
		t.Fatalf("lists: %d %q %s", code, out, errOut)
	}
	code, out, errOut = run(t, "Officials met Ri Chang-ho in Beijing\n", "test", "--config", path, "-")
	if code != 0 || !strings.Contains(out, "rule listed-un") || !strings.Contains(out, "KPi.901") || !strings.Contains(out, "1718") {
		t.Fatalf("test: %d %q %s", code, out, errOut)
	}
}

// test --json takes a feed's items in publication order and gives each an
// event: two reports of one designation share it, another designation of
// the same day does not.
func TestTestCommandGroupsEvents(t *testing.T) {
	code, out, errOut := run(t, "", "test", "--json", "testdata/events.xml")
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	var got []testJSON
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var j testJSON
		if err := json.Unmarshal([]byte(line), &j); err != nil {
			t.Fatal(err)
		}
		got = append(got, j)
	}
	if len(got) != 3 || got[0].ID != "first" || got[1].ID != "other" || got[2].ID != "late" {
		t.Fatalf("want the items in publication order, got %+v", got)
	}
	if got[0].Event == "" || got[2].Event != got[0].Event || got[1].Event == got[0].Event {
		t.Errorf("events %q %q %q: want first and late together, other apart", got[0].Event, got[1].Event, got[2].Event)
	}
	code, out, _ = run(t, "", "test", "testdata/events.xml")
	if code != 0 || !strings.Contains(out, `report 2, first "US sanctions 16 firms over Iranian oil shipments"`) {
		t.Errorf("terminal output does not say which event the late report joined:\n%s", out)
	}
}

// TestTestRefusesNonText gives `test` random bytes and a binary (the test
// binary itself): both must be refused with a clear error, never matched.
func TestTestRefusesNonText(t *testing.T) {
	t.Parallel()
	noise := make([]byte, 1<<20)
	rand.NewChaCha8([32]byte{1}).Read(noise)
	code, out, errOut := run(t, string(noise), "test", "-")
	if code == 0 || !strings.Contains(errOut, "not text") || strings.Contains(out, "ALERT") {
		t.Fatalf("random bytes: code %d, stderr %q, stdout %.200q", code, errOut, out)
	}
	self, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	code, out, errOut = run(t, "", "test", self)
	if code == 0 || !strings.Contains(errOut, "not text") || out != "" {
		t.Fatalf("binary: code %d, stderr %q, stdout %.200q", code, errOut, out)
	}
}

// TestTestURLUsesGuardedFetcher checks that `test URL` fetches like the
// daemon: a loopback address is refused unless the config allows it, and
// the server hears nothing.
func TestTestURLUsesGuardedFetcher(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		w.Write([]byte("EU extends arms embargo on Belarus\n"))
	}))
	defer srv.Close()
	code, _, errOut := run(t, "", "test", srv.URL+"/story.txt")
	if code == 0 || !strings.Contains(errOut, "refusing to connect") || hits.Load() != 0 {
		t.Fatalf("loopback URL: code %d, stderr %q, %d requests reached the server", code, errOut, hits.Load())
	}
}
