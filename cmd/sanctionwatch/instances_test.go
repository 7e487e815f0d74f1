package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store"
)

// status lists the instances that beat, which of them are gone, and what
// each holds, with a lease of an instance that never beat on a row of its own.
func TestStatusShowsInstancesAndLeases(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("state_file: state.db\n"), 0o644)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	beats := []store.Instance{
		{ID: "h1-10-aa", Host: "h1", Started: now.Add(-time.Hour), Seen: now.Add(-2 * time.Minute)},
		{ID: "h2-20-bb", Host: "h2", Started: now.Add(-time.Minute), Seen: now},
	}
	for _, in := range beats {
		if err := st.Beat(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range []struct{ name, owner string }{
		{"feed:a", "h2-20-bb"}, {"feed:b", "h2-20-bb"}, {"dest:alerts", "h2-20-bb"}, {"lists", "once-run"},
	} {
		if ok, err := st.TakeLease(ctx, l.name, l.owner, time.Hour); !ok || err != nil {
			t.Fatalf("take %s: %v %v", l.name, ok, err)
		}
	}
	if ok, err := st.TakeLease(ctx, "feed:c", "h1-10-aa", time.Millisecond); !ok || err != nil {
		t.Fatalf("take feed:c: %v %v", ok, err)
	}
	st.Close()
	time.Sleep(5 * time.Millisecond) // feed:c has expired: held by nobody

	code, out, errOut := run(t, "", "status", "--config", cfg, "--json")
	var rep statusReport
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil {
		t.Fatalf("status --json: %d %v %s", code, err, errOut)
	}
	type row struct {
		ID     string
		Alive  bool
		Leases []string
	}
	var got []row
	for _, r := range rep.Instances {
		got = append(got, row{r.ID, r.Alive, r.Leases})
	}
	want := []row{
		{"h1-10-aa", false, []string{}},
		{"h2-20-bb", true, []string{"dest:alerts", "feed:a", "feed:b"}},
		{"once-run", false, []string{"lists"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("instances:\n got %+v\nwant %+v", got, want)
	}
	code, out, errOut = run(t, "", "status", "--config", cfg)
	if code != 0 || !strings.Contains(out, "2 feeds, dest:alerts") || !strings.Contains(out, "(gone)") {
		t.Fatalf("status: %d %s\n%s", code, errOut, out)
	}
}
