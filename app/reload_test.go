package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// edit rewrites the daemon's config.yaml with f.
func (d *daemon) edit(t *testing.T, f func(string) string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(d.dir, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d.write(t, "config.yaml", f(string(data)))
}

// TestReloadAddsDestinationWithItsWorker adds a destination and a rule
// routed to it while the daemon runs: its alert must be posted without a
// restart (the sender used to route to it but never start its worker).
func TestReloadAddsDestinationWithItsWorker(t *testing.T) {
	t.Parallel()
	d := newDaemon(t)
	desk := d.discord.AddWebhook("222", "desktoken")
	stop, a := d.startApp(t)
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 2 })
	d.editAndWait(t, false, func() {
		d.write(t, "myrules/desk.yaml", "rules:\n  - id: desk-rule\n    severity: high\n    route: [desk]\n    query: okapicorn\n")
		d.edit(t, func(c string) string {
			return strings.Replace(c, "routing:", fmt.Sprintf("  - name: desk\n    webhook: %s\nrouting:", desk), 1)
		})
	})
	// A reload that saw the rule file alone was refused (it routes to an
	// unknown destination): the one applied saw both edits.
	if n := len(a.cfg.Load().Destinations); n != 2 {
		t.Fatalf("%d destinations after the reload, want 2", n)
	}
	d.feed.add("o1", "An okapicorn was seen", "")
	waitFor(t, "the alert at the new destination", func() bool { return len(d.discord.MessagesTo("222")) == 1 })
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// TestReloadRefusedWhole changes http.listen (which needs a restart) and
// adds a feed in the same edit: the reload is refused whole, so the new
// feed is never polled and the old config stays.
func TestReloadRefusedWhole(t *testing.T) {
	t.Parallel()
	d := newDaemon(t)
	other := newFeedServer(t)
	stop, a := d.startApp(t)
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 2 })
	before := a.cfg.Load()
	d.editAndWait(t, true, func() {
		d.edit(t, func(c string) string {
			c = strings.Replace(c, "listen: 127.0.0.1:0", "listen: 127.0.0.1:1", 1)
			return strings.Replace(c, "feeds:\n", fmt.Sprintf("feeds:\n  - name: other\n    url: %s\n", other.URL), 1)
		})
	})
	waitMorePolls(t, d.feed, 3) // had the new feed been added, it would be polled by now
	if other.polls() != 0 {
		t.Errorf("a feed from a refused reload was polled %d times", other.polls())
	}
	if a.cfg.Load() != before {
		t.Error("a refused reload replaced the config")
	}
	_, metrics := get(t, a, "/metrics")
	if !strings.Contains(metrics, "sanctionwatch_config_last_reload_successful 0") {
		t.Error("the refused reload is not shown in /metrics")
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// TestReloadStormKeepsDaemonPolling edits a rule file every 400 ms (each
// edit a reload, as that is longer than the debounce) on a 2 s schedule:
// the feed must go on being polled. A reload that restarted the schedule
// would push the next poll back at every edit, and the feed would never
// be polled again.
func TestReloadStormKeepsDaemonPolling(t *testing.T) {
	t.Parallel()
	d := newDaemon(t)
	d.edit(t, func(c string) string { return strings.Replace(c, `"@every 1s"`, `"@every 2s"`, 1) })
	stop := d.start(t)
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 1 })
	start := d.feed.polls()
	applied0, _ := d.reloads.counts()
	deadline := time.Now().Add(time.Minute)
	for i := 0; d.feed.polls() < start+3; i++ {
		if time.Now().After(deadline) {
			t.Fatalf("the feed was polled %d times in a minute of reloads on a 2 s schedule, want 3", d.feed.polls()-start)
		}
		d.write(t, "myrules/canary.yaml", canaryRule(fmt.Sprint("zebracorn", i)))
		time.Sleep(400 * time.Millisecond) // the storm's pace, not a wait for an event
	}
	if applied, _ := d.reloads.counts(); applied-applied0 < 3 {
		t.Errorf("%d reloads applied during the storm, want at least 3", applied-applied0)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// TestReloadWatchesAddedRulePath adds a rule folder to rules.paths while
// the daemon runs: an edit in that folder must then reload the rules as an
// edit in the folders watched from the start does.
func TestReloadWatchesAddedRulePath(t *testing.T) {
	d := newDaemon(t)
	stop, a := d.startApp(t)
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 2 })
	d.write(t, "extra/extra.yaml", "rules:\n  - id: extra\n    severity: low\n    query: okapifish\n")
	d.edit(t, func(c string) string { return strings.Replace(c, "paths: [myrules]", "paths: [myrules, extra]", 1) })
	waitFor(t, "the reload adding extra", func() bool { return len(a.cfg.Load().Rules.Paths) == 2 })
	// The folder is watched a moment after the reload that adds it is
	// visible, so the edit is written again until a reload picks it up.
	fires := func() bool {
		return len(a.rules.Load().Match(&story.Story{Title: "A quaggafish was seen"})) > 0
	}
	waitFor(t, "a reload on an edit in extra", func() bool {
		d.write(t, "extra/extra.yaml", "rules:\n  - id: extra\n    severity: low\n    query: quaggafish\n")
		for range 20 {
			if fires() {
				return true
			}
			time.Sleep(100 * time.Millisecond)
		}
		return false
	})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// The event filer is built once, at start, with events.merge: a reload
// that changes it is refused with the key named, rather than accepted
// while the daemon goes on grouping (or not) as before.
func TestReloadRefusesEventsMergeChange(t *testing.T) {
	old := config.Default()
	cfg := config.Default()
	cfg.Events.Merge = false
	_, err := restartOnly(context.Background(), old, cfg)
	if err == nil || !strings.Contains(err.Error(), "events.merge") {
		t.Fatalf("reload turning merging off = %v, want it refused naming events.merge", err)
	}
	cfg = config.Default()
	cfg.Events.Window = 24 * time.Hour
	if _, err := restartOnly(context.Background(), old, cfg); err == nil || !strings.Contains(err.Error(), "events.window changed from 48h0m0s to 24h0m0s") {
		t.Fatalf("reload shortening the window = %v, want it refused naming events.window", err)
	}
	if _, err := restartOnly(context.Background(), old, config.Default()); err != nil {
		t.Fatalf("reload with events.merge unchanged = %v", err)
	}
}
