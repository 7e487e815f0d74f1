package config_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
)

func TestLookupsAndEffectiveValues(t *testing.T) {
	c, err := parseFile(t, filepath.Join("testdata", "full.good.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	un, ok := c.Feed("un-news")
	if !ok || un.EffectiveSchedule(c.Watch) != "@hourly" || un.EffectiveTimeout(c.Watch) != 45*time.Second {
		t.Errorf("un-news: found %v, schedule %q, timeout %v", ok, un.EffectiveSchedule(c.Watch), un.EffectiveTimeout(c.Watch))
	}
	bbc, _ := c.Feed("bbc")
	if bbc.EffectiveSchedule(c.Watch) != "*/15 * * * *" || bbc.EffectiveTimeout(c.Watch) != time.Minute {
		t.Errorf("bbc: schedule %q, timeout %v; want the watch defaults", bbc.EffectiveSchedule(c.Watch), bbc.EffectiveTimeout(c.Watch))
	}
	if _, ok := c.Feed("nope"); ok {
		t.Error("found a feed that does not exist")
	}
	ops, ok := c.Destination("ops")
	if !ok || !ops.IsChannel() {
		t.Errorf("ops: found %v, channel %v", ok, ops.IsChannel())
	}
	if _, ok := c.Destination("nope"); ok {
		t.Error("found a destination that does not exist")
	}
}

// TestValuesDecode checks the parsed values of the full example, including
// units (MiB, days) and list defaults.
func TestValuesDecode(t *testing.T) {
	c, err := parseFile(t, filepath.Join("testdata", "full.good.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	w := c.Watch
	if w.MaxBodyBytes != 2<<20 || w.MaxBackoff != 36*time.Hour || w.Retention != 30*24*time.Hour || w.Backfill != 48*time.Hour {
		t.Errorf("watch: %+v", w)
	}
	if w.MaxRedirects != 0 || w.Jitter != 0 || c.Delivery.ShutdownGrace != 0 {
		t.Errorf("explicit zeros were replaced by defaults: %+v %+v", w, c.Delivery)
	}
	if c.Lists[0].MaxDrop != 0 || c.Lists[1].MaxDrop != 0.5 || c.Lists[1].Schedule != "@every 6h" {
		t.Errorf("lists: %+v", c.Lists)
	}
	if c.Feeds[0].Headers["Authorization"] != "Bearer anonymous" || !c.Feeds[0].RealertOnTitleChange {
		t.Errorf("feed: %+v", c.Feeds[0])
	}
	if d := config.Default(); d.Watch.Retention != 2160*time.Hour || d.Watch.MaxBodyBytes != 10<<20 {
		t.Errorf("defaults: %+v", d.Watch)
	}
}
