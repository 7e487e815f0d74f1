package config_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// state_dsn selects PostgreSQL; its value is a secret, in every message.
func TestStateDSN(t *testing.T) {
	env := map[string]string{"PG": "postgres://sw:SECRET20@db:5432/sw"}
	lookup := func(name string) (string, bool) { v, ok := env[name]; return v, ok }
	tests := []struct{ name, doc, err string }{
		{"url from env", "state_dsn: ${PG}", ""},
		{"short form", "state: ${PG}", ""},
		{"short form not a url", "state: state.db", "t.yaml:1:8: state takes a postgres:// URL (value not shown); a state file goes in state_file"},
		{"short form and dsn", "state: ${PG}\nstate_dsn: ${PG}", "t.yaml:1:8: set state or state_dsn (or state_dsn_file), not both"},
		{"key=value", "state_dsn: 'host=db dbname=sw password=SECRET21'", ""},
		{"unset", "state_file: x.db", ""},
		{"other scheme", "state_dsn: 'mysql://u:SECRET22@db/sw'", "t.yaml:1:12: state_dsn must be a postgres:// or postgresql:// URL (value not shown)"},
		{"not a dsn", "state_dsn: SECRET23", "t.yaml:1:12: state_dsn must be a postgres:// URL or key=value settings"},
		{"url in state_file", "state_file: 'postgres://u:SECRET24@db/sw'", "t.yaml:1:13: state_file holds a PostgreSQL URL: put it in state_dsn"},
		{"dsn and file", "state_dsn: ${PG}\nstate_dsn_file: testdata/secrets/token", "t.yaml:2:17: state: set state_dsn or state_dsn_file, not both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Parse("t.yaml", []byte(tt.doc), lookup)
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c.Postgres() == strings.HasPrefix(tt.doc, "state_file") || c.State != "" {
					t.Errorf("Postgres() = %v for %q", c.Postgres(), tt.doc)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("got %v\nwant %s", err, tt.err)
			}
			assertNoSecret(t, tt.name, err.Error())
		})
	}
}

// state_dsn_file is read like token_file, relative to the config's folder.
func TestStateDSNFile(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "secrets", "pg"), "postgres://sw:pw@db/sw\n")
	write(t, filepath.Join(dir, "c.yaml"), "state_dsn_file: secrets/pg\n")
	c, err := config.Load(filepath.Join(dir, "c.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.StateDSN.Reveal(); got != "postgres://sw:pw@db/sw" || !c.Postgres() {
		t.Errorf("state_dsn from file = %q", got)
	}
}
