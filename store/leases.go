package store

import (
	"context"
	"fmt"
	"time"
)

// Lease is one named piece of work held by one instance until Expires.
type Lease struct {
	Name, Owner string
	Expires     time.Time
}

// takeLeaseSQL takes a free or expired lease, or renews the owner's own,
// in one statement: a row changes only when the WHERE of the update holds,
// so two instances racing for a free lease cannot both get it.
const takeLeaseSQL = `INSERT INTO leases (name, owner, expires) VALUES (?, ?, ?)
ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
WHERE leases.owner = excluded.owner OR leases.expires <= ?`

// TakeLease takes or renews name for owner until now+ttl, when the lease
// is free, expired or already owner's, and reports whether owner holds it.
// A lease held by another owner and not yet expired is left alone (false).
func (s *Store) TakeLease(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	if ttl <= 0 {
		return false, fmt.Errorf("take lease %s: ttl %v is not positive", name, ttl)
	}
	stmt, err := s.prepared(ctx, takeLeaseSQL)
	if err != nil {
		return false, fmt.Errorf("take lease %s: %w", name, err)
	}
	now := s.now()
	res, err := stmt.ExecContext(ctx, name, owner, stateTime(now.Add(ttl)), stateTime(now))
	if err != nil {
		return false, fmt.Errorf("take lease %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("take lease %s: %w", name, err)
	}
	return n == 1, nil
}

// ReleaseLeases gives back every lease owner holds: an instance's clean
// stop, in one statement however many feeds it polled, so that another
// instance can take them at once instead of waiting for them to expire.
// An owner that holds none is not an error.
func (s *Store) ReleaseLeases(ctx context.Context, owner string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM leases WHERE owner = ?`, owner); err != nil {
		return fmt.Errorf("release leases of %s: %w", owner, err)
	}
	return nil
}

// Leases lists every lease recorded, expired ones included (a lease is
// taken over, not removed, when it expires), by name.
func (s *Store) Leases(ctx context.Context) ([]Lease, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, owner, expires FROM leases ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list leases: %w", err)
	}
	return collectRows(rows, "list leases", scanLease)
}

func scanLease(r rowScanner) (Lease, error) {
	var l Lease
	var exp string
	if err := r.Scan(&l.Name, &l.Owner, &exp); err != nil {
		return l, err
	}
	var err error
	if l.Expires, err = parseStateTime(exp); err != nil {
		return l, fmt.Errorf("lease %s: %w", l.Name, err)
	}
	return l, nil
}

// Instance is one running sanctionwatch on this state.
type Instance struct {
	ID, Host      string
	Started, Seen time.Time
}

// forgetInstances is how long an instance that stopped beating stays
// listed: long enough to see which one died and when, short enough that
// restarts (each with a new id) do not pile up.
const forgetInstances = 24 * time.Hour

const beatSQL = `INSERT INTO instances (id, host, started, seen) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET host = excluded.host, seen = excluded.seen`

// Beat records that in is alive: its row is created or its Seen moved on
// (to now when in.Seen is zero).
func (s *Store) Beat(ctx context.Context, in Instance) error {
	if in.Seen.IsZero() {
		in.Seen = s.now()
	}
	if in.Started.IsZero() {
		in.Started = in.Seen
	}
	stmt, err := s.prepared(ctx, beatSQL)
	if err != nil {
		return fmt.Errorf("beat %s: %w", in.ID, err)
	}
	if _, err := stmt.ExecContext(ctx, in.ID, in.Host, stateTime(in.Started), stateTime(in.Seen)); err != nil {
		return fmt.Errorf("beat %s: %w", in.ID, err)
	}
	return nil
}

// ForgetInstances drops the instances silent for a day: daily work (the
// prune), not every beat's, since Instances leaves them out anyway.
func (s *Store) ForgetInstances(ctx context.Context) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM instances WHERE seen < ?`, stateTime(s.now().Add(-forgetInstances)))
	if err != nil {
		return 0, fmt.Errorf("forget silent instances: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Instances lists the instances that beat within the last day, first
// started first.
func (s *Store) Instances(ctx context.Context) ([]Instance, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, host, started, seen FROM instances WHERE seen >= ?
		ORDER BY started, id`, stateTime(s.now().Add(-forgetInstances)))
	if err != nil {
		return nil, fmt.Errorf("list instances: %w", err)
	}
	return collectRows(rows, "list instances", scanInstance)
}

func scanInstance(r rowScanner) (Instance, error) {
	var in Instance
	var started, seen string
	if err := r.Scan(&in.ID, &in.Host, &started, &seen); err != nil {
		return in, err
	}
	var err error
	if in.Started, err = parseStateTime(started); err != nil {
		return in, fmt.Errorf("instance %s: %w", in.ID, err)
	}
	if in.Seen, err = parseStateTime(seen); err != nil {
		return in, fmt.Errorf("instance %s: %w", in.ID, err)
	}
	return in, nil
}

// ClearLeases drops every lease. It is for a store only one instance can
// use at a time (the SQLite file under its lock): there, every lease found
// at start belongs to a process that died, and waiting for them to expire
// would only hold the new process back.
func (s *Store) ClearLeases(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM leases`); err != nil {
		return fmt.Errorf("clear leases: %w", err)
	}
	return nil
}
