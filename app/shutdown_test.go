package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/delivery/discord/discordtest"
)

// setGrace rewrites the daemon's shutdown_grace.
func (d *daemon) setGrace(t *testing.T, grace string) {
	t.Helper()
	d.edit(t, func(c string) string { return strings.Replace(c, "shutdown_grace: 2s", "shutdown_grace: "+grace, 1) })
}

// TestStopWhileDrainingPostsOnce stops the daemon while it posts a backlog
// of 25 alerts, then restarts it: every story is posted exactly once.
func TestStopWhileDrainingPostsOnce(t *testing.T) {
	t.Parallel()
	d := newDaemon(t)
	d.setGrace(t, "1s")
	d.discord.Intercept(func(discordtest.Request) *discordtest.Reply {
		time.Sleep(50 * time.Millisecond) // a slow Discord keeps requests in flight
		return nil
	})
	stop := d.start(t)
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 2 })
	// Each sighting gives its own count, so each is an event of its own.
	for i := range 25 {
		d.feed.add(fmt.Sprint("z", i), fmt.Sprintf("zebracorn sighting %02d", 10+i), "")
	}
	waitFor(t, "a few posts", func() bool { return d.messagesContaining("zebracorn") >= 3 })
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	stop = d.start(t)
	waitFor(t, "the whole backlog", func() bool { return d.messagesContaining("zebracorn") >= 25 })
	waitMorePolls(t, d.feed, 1) // time for a repeat to show, were there one
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if n := queued(t, filepath.Join(d.dir, "state.db")); n != 0 {
		t.Errorf("%d alerts still queued after the whole backlog was posted", n)
	}
	for i := range 25 {
		if n := d.messagesContaining(fmt.Sprintf("zebracorn sighting %02d", 10+i)); n != 1 {
			t.Errorf("story %02d posted %d times, want 1", i, n)
		}
	}
}

// TestStopWithinGraceWhenDiscordHangs stops the daemon while every Discord
// request hangs: Run must return within the grace (plus scheduling slack),
// and the alert must stay queued for the next start.
func TestStopWithinGraceWhenDiscordHangs(t *testing.T) {
	t.Parallel()
	d := newDaemon(t)
	d.setGrace(t, "1s")
	release := make(chan struct{})
	d.discord.Intercept(func(discordtest.Request) *discordtest.Reply {
		<-release
		return nil
	})
	t.Cleanup(func() { close(release) }) // runs before the server closes
	stop := d.start(t)
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 2 })
	d.feed.add("z1", "zebracorn sighting", "")
	d.feed.add("z2", "another zebracorn sighting", "")
	waitFor(t, "a hanging request", func() bool { return len(d.discord.Requests()) > 0 })
	start := time.Now()
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	// Without the grace, Run would wait for the hung request's own 30 s
	// timeout; the bound leaves a loaded machine plenty of slack over 1 s.
	if took := time.Since(start); took > 15*time.Second {
		t.Fatalf("Run took %s to stop with a 1s grace while Discord hung", took)
	}
	if n := queued(t, filepath.Join(d.dir, "state.db")); n == 0 {
		t.Fatal("the unsent alerts were not kept queued")
	}
}

// TestOnceHonoursShortGrace runs `once` while every Discord request hangs:
// it must give up after the 1s shutdown_grace written in the config, not
// after a floor of its own, and keep the alert queued.
func TestOnceHonoursShortGrace(t *testing.T) {
	d := newDaemon(t)
	d.setGrace(t, "1s")
	once := func() {
		t.Helper()
		a, err := New(context.Background(), Options{ConfigPath: filepath.Join(d.dir, "config.yaml")})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Once(context.Background()); err != nil {
			t.Fatalf("Once: %v", err)
		}
	}
	once() // records the backlog
	release := make(chan struct{})
	d.discord.Intercept(func(discordtest.Request) *discordtest.Reply {
		<-release
		return nil
	})
	t.Cleanup(func() { close(release) }) // runs before the server closes
	d.feed.add("z1", "zebracorn sighting", "")
	start := time.Now()
	once()
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("once took %s with a 1s grace while Discord hung", took)
	}
	if n := queued(t, filepath.Join(d.dir, "state.db")); n == 0 {
		t.Error("the unsent alert was not kept queued")
	}
}
