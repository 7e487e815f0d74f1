package config_test

import (
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// A zero the user wrote is kept as zero, not replaced by the default.
func TestHistoryZeroIsKept(t *testing.T) {
	c, err := config.Parse("zero.yaml", []byte("history:\n  text_cap: 0\n  retention: 0s\n"), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if c.History.TextCap != 0 || c.History.Retention != 0 || c.History.Keeps() {
		t.Errorf("history %+v: want zeros kept and nothing kept", c.History)
	}
	d, err := config.Parse("empty.yaml", []byte("state_file: x.db\n"), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if d.History.TextCap != 64<<10 || d.History.Retention != 30*24*time.Hour || !d.History.Keeps() {
		t.Errorf("defaults %+v", d.History)
	}
	if d.Interactions.Enabled() || !d.Interactions.Gateway || d.Interactions.PermissionBit() != 1<<5 {
		t.Errorf("interaction defaults %+v", d.Interactions)
	}
}
