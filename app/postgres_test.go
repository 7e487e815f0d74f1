package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store/pgtest"
)

// stateConfig is the config line of a fresh state in dir: a state file,
// or when pg a fresh PostgreSQL database, named through state_dsn_file as
// a deployment would keep the secret.
func stateConfig(t *testing.T, dir string, pg bool) string {
	t.Helper()
	if !pg {
		return "state_file: state.db"
	}
	path := filepath.Join(dir, "secrets", "state_dsn")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(pgtest.DSN(t)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return "state_dsn_file: secrets/state_dsn"
}

// eachState runs fn as two subtests, on a state file and on PostgreSQL.
func eachState(t *testing.T, fn func(t *testing.T, pg bool)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, false) })
	t.Run("postgres", func(t *testing.T) { fn(t, true) })
}

// usePostgres moves the daemon's state into a fresh PostgreSQL database.
func (d *daemon) usePostgres(t *testing.T) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(d.dir, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d.write(t, "config.yaml", strings.Replace(string(data), "state_file: state.db", stateConfig(t, d.dir, true), 1))
}

// A feed's new story reaches Discord once with the state on PostgreSQL,
// and a restart on the same database neither posts it again nor alerts
// the backlog.
func TestDaemonOnPostgres(t *testing.T) {
	t.Parallel()
	d := newDaemon(t)
	d.usePostgres(t)
	d.feed.add("old-1", "An old zebracorn story", "backlog")
	stop := d.start(t)
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 2 })
	d.feed.add("new-1", "A zebracorn seen in the wild", "")
	waitFor(t, "the alert", func() bool { return d.messagesContaining("in the wild") == 1 })
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}

	stop = d.start(t)
	waitMorePolls(t, d.feed, 2)
	d.feed.add("new-2", "A second zebracorn", "")
	waitFor(t, "the alert after a restart", func() bool { return d.messagesContaining("second zebracorn") == 1 })
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if n := d.messagesContaining("in the wild"); n != 1 {
		t.Errorf("the first story was posted %d times, want 1", n)
	}
	if n := d.messagesContaining("old zebracorn"); n != 0 {
		t.Errorf("the backlog story was posted %d times", n)
	}
	if _, err := os.Stat(filepath.Join(d.dir, "state.db")); err == nil {
		t.Error("a state file was made beside a PostgreSQL state")
	}

	cfg, err := LoadConfigToRead(filepath.Join(d.dir, "config.yaml"), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	st, err := OpenStateReadOnly(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	recent, err := st.RecentAlerts(context.Background(), 24*time.Hour, "canary")
	if err != nil || len(recent) != 2 {
		t.Fatalf("recent canary alerts on the shared state: %d, %v; want 2", len(recent), err)
	}
}
