package config_test

import (
	"path/filepath"
	"testing"

	sanctionwatch "github.com/sanctionwatch/sanctionwatch"
	"github.com/sanctionwatch/sanctionwatch/config"
)

// noEnv is a lookup in which no variable is set.
func noEnv(string) (string, bool) { return "", false }

// TestRepositoryConfigIsValid loads the config.yaml users start from, both
// as a file and as the copy built into the binary.
func TestRepositoryConfigIsValid(t *testing.T) {
	file, err := config.Load(filepath.Join("..", "config.yaml"))
	if err != nil {
		t.Fatalf("repository config.yaml:\n%v", err)
	}
	embedded, err := config.Parse(config.EmbeddedName, sanctionwatch.DefaultConfig, noEnv)
	if err != nil {
		t.Fatalf("embedded config.yaml:\n%v", err)
	}
	if len(file.Feeds) < 15 || len(file.Feeds) != len(embedded.Feeds) {
		t.Errorf("feeds: file %d, embedded %d; want the same, at least 15", len(file.Feeds), len(embedded.Feeds))
	}
	if len(embedded.Destinations) != 0 {
		t.Errorf("default config has %d destinations; want none (alerts print to the terminal)", len(embedded.Destinations))
	}
	if embedded.StateFile != "sanctionwatch.db" {
		t.Errorf("embedded state_file = %q; want it relative to the working directory", embedded.StateFile)
	}
}

// TestRepositoryConfigMatchesDefaults checks that the documented values in
// config.yaml are the real defaults, so the file does not lie.
func TestRepositoryConfigMatchesDefaults(t *testing.T) {
	c, err := config.Parse(config.EmbeddedName, sanctionwatch.DefaultConfig, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	d := config.Default()
	if c.Watch != d.Watch || c.HTTP != d.HTTP || c.Log != d.Log || c.Delivery != d.Delivery || c.Discord != d.Discord || c.Routing != d.Routing {
		t.Errorf("config.yaml documents values that differ from Default():\nfile    %+v\ndefault %+v", c.Watch, d.Watch)
	}
	if c.StateFile != d.StateFile || c.Rules.DefaultPack != d.Rules.DefaultPack {
		t.Errorf("state_file or rules.default_pack differ from Default()")
	}
	if c.Events != d.Events || c.History != d.History {
		t.Errorf("config.yaml's events or history differ from Default():\nfile    %+v %+v\ndefault %+v %+v", c.Events, c.History, d.Events, d.History)
	}
}

// TestEventsMergeAsWritten: merging is on unless the file says otherwise,
// and a written false stays false (a default of true must not overwrite it).
func TestEventsMergeAsWritten(t *testing.T) {
	if !mergeOf(t, "") || !mergeOf(t, "events:\n  window: 24h\n") {
		t.Error("merging is off in a file that does not turn it off")
	}
	if mergeOf(t, "events:\n  merge: false\n") || mergeOf(t, "events:\n  escalate_after: 2\n  merge: false\n") {
		t.Error("a written events.merge: false was read as true")
	}
}

// mergeOf parses src and returns its events.merge.
func mergeOf(t *testing.T, src string) bool {
	t.Helper()
	c, err := config.Parse("config.yaml", []byte(src), noEnv)
	if err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	return c.Events.Merge
}

// TestEmptyFileIsDefault: an empty file is the defaults, unchanged.
func TestEmptyFileIsDefault(t *testing.T) {
	c, err := config.Parse("empty.yaml", nil, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if c.Watch != config.Default().Watch || c.StateFile != "sanctionwatch.db" {
		t.Errorf("empty file did not give the defaults: %+v", c)
	}
}

// BenchmarkParseDefault measures a reload's config stage on the default
// config.yaml (about two dozen feeds).
func BenchmarkParseDefault(b *testing.B) {
	b.SetBytes(int64(len(sanctionwatch.DefaultConfig)))
	for b.Loop() {
		if _, err := config.Parse(config.EmbeddedName, sanctionwatch.DefaultConfig, noEnv); err != nil {
			b.Fatal(err)
		}
	}
}
