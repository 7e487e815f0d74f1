package config

import (
	"net/url"
	"strings"
)

// Postgres reports whether the state is kept in PostgreSQL (state_dsn set)
// rather than in the SQLite state file.
func (c *Config) Postgres() bool { return c.StateDSN != "" }

// settleState moves the short form "state: postgres://..." into StateDSN,
// so everything after loading reads one field.
func (ch *checker) settleState(c *Config) {
	if c.State == "" {
		return
	}
	switch {
	case c.StateDSN != "" || c.StateDSNFile != "":
		ch.errorf("state", "set state or state_dsn (or state_dsn_file), not both")
	case !isPostgresURL(c.State.Reveal()):
		ch.errorf("state", "state takes a postgres:// URL (value not shown); a state file goes in state_file")
	default:
		c.StateDSN = c.State
	}
	c.State = ""
}

// validateStateDSN checks the form of state_dsn, and that no PostgreSQL
// URL sits in state_file, where it would be taken for a file name and,
// worse, printed in logs with its password. Messages never show the DSN.
func (ch *checker) validateStateDSN(c *Config) {
	if isPostgresURL(c.StateFile) {
		ch.errorf("state_file", "state_file holds a PostgreSQL URL: put it in state_dsn (or state_dsn_file), which is kept secret")
	}
	if c.StateDSN == "" || ch.bad["state_dsn"] {
		return
	}
	dsn := c.StateDSN.Reveal()
	if strings.Contains(dsn, "://") {
		if !isPostgresURL(dsn) {
			ch.errorf("state_dsn", "state_dsn must be a postgres:// or postgresql:// URL (value not shown)")
		} else if _, err := url.Parse(dsn); err != nil {
			ch.errorf("state_dsn", "state_dsn is not a valid URL (value not shown)")
		}
		return
	}
	if !strings.Contains(dsn, "=") {
		ch.errorf("state_dsn", "state_dsn must be a postgres:// URL or key=value settings such as \"host=db dbname=sanctionwatch\" (value not shown)")
	}
}

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}
