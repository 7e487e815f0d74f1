package app

import (
	"context"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/store"
)

// openState opens the daemon's state. A PostgreSQL database (state_dsn)
// is shared with the other instances by design, so it takes no lock; a
// state file is locked, since a second daemon on it would post every
// alert twice. The lock is nil for PostgreSQL.
func openState(ctx context.Context, cfg *config.Config) (*store.Store, *store.Lock, error) {
	if cfg.Postgres() {
		st, err := store.OpenPostgres(ctx, cfg.StateDSN.Reveal())
		return st, nil, err
	}
	lock, err := store.AcquireLock(cfg.StateFile)
	if err != nil {
		return nil, nil, err
	}
	// A state file the daemon cannot write would otherwise be noticed at
	// the first poll's commit, minutes after a start that looked fine.
	if err := store.CheckWritable(cfg.StateFile); err != nil {
		lock.Release()
		return nil, nil, err
	}
	st, err := store.Open(ctx, cfg.StateFile)
	if err != nil {
		lock.Release()
		return nil, nil, err
	}
	// Under the file lock no other instance is alive: every lease in the
	// file is a dead process's, and its work is ours at once. (On
	// PostgreSQL the leases are live instances' and stay.)
	if err := st.ClearLeases(ctx); err != nil {
		st.Close()
		lock.Release()
		return nil, nil, err
	}
	return st, lock, nil
}

// OpenState opens cfg's state for the commands that write a little beside
// a running daemon (send-test, replay, mutes): no lock is taken.
func OpenState(ctx context.Context, cfg *config.Config) (*store.Store, error) {
	if cfg.Postgres() {
		return store.OpenPostgres(ctx, cfg.StateDSN.Reveal())
	}
	return store.Open(ctx, cfg.StateFile)
}

// OpenStateReadOnly opens cfg's state for the commands that only report
// on it; state never set up is store.ErrNoState.
func OpenStateReadOnly(ctx context.Context, cfg *config.Config) (*store.Store, error) {
	if cfg.Postgres() {
		return store.OpenPostgresReadOnly(ctx, cfg.StateDSN.Reveal())
	}
	return store.OpenReadOnly(ctx, cfg.StateFile)
}

// dryRunState points a dry run at a state file of its own: a dry run
// marks what it prints as sent, which on the real state (a shared
// database above all) would keep those alerts from ever reaching Discord.
func dryRunState(cfg *config.Config) {
	cfg.StateDSN = ""
	cfg.StateFile += ".dry-run"
}

// stateName says where the state is kept, without the DSN's secrets.
func stateName(cfg *config.Config) string {
	if cfg.Postgres() {
		return "postgresql (state_dsn)"
	}
	return cfg.StateFile
}
