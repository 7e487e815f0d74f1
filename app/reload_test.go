package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	d := newDaemon(t)
	desk := d.discord.AddWebhook("222", "desktoken")
	stop, a := d.startApp(t)
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 2 })
	d.write(t, "myrules/desk.yaml", "rules:\n  - id: desk-rule\n    severity: high\n    route: [desk]\n    query: okapicorn\n")
	d.edit(t, func(c string) string {
		return strings.Replace(c, "routing:", fmt.Sprintf("  - name: desk\n    webhook: %s\nrouting:", desk), 1)
	})
	waitFor(t, "the reload", func() bool { return len(a.cfg.Load().Destinations) == 2 })
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
	d := newDaemon(t)
	other := newFeedServer(t)
	stop, a := d.startApp(t)
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 2 })
	before := a.cfg.Load()
	d.edit(t, func(c string) string {
		c = strings.Replace(c, "listen: 127.0.0.1:0", "listen: 127.0.0.1:1", 1)
		return strings.Replace(c, "feeds:\n", fmt.Sprintf("feeds:\n  - name: other\n    url: %s\n", other.URL), 1)
	})
	polls := d.feed.polls()
	waitFor(t, "more polls after the edit", func() bool { return d.feed.polls() >= polls+3 })
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

// TestReloadStormKeepsDaemonPolling edits a rule file every 400 ms for
// several intervals of a 2 s schedule: the feed must go on being polled.
func TestReloadStormKeepsDaemonPolling(t *testing.T) {
	d := newDaemon(t)
	d.edit(t, func(c string) string { return strings.Replace(c, `"@every 1s"`, `"@every 2s"`, 1) })
	stop := d.start(t)
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 1 })
	start := d.feed.polls()
	for i := range 20 { // 8 s
		d.write(t, "myrules/canary.yaml", canaryRule(fmt.Sprint("zebracorn", i)))
		time.Sleep(400 * time.Millisecond)
	}
	if n := d.feed.polls() - start; n < 3 {
		t.Errorf("the feed was polled %d times in 8 s of reloads on a 2 s schedule, want at least 3", n)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}
