package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// MuteKind says what a mute silences.
type MuteKind string

// The things a mute can silence.
const (
	MuteRule   MuteKind = "rule"
	MuteFeed   MuteKind = "feed"
	MuteEntity MuteKind = "entity"
	MuteTag    MuteKind = "tag"
)

// MuteKinds lists every kind, in the order commands show them.
var MuteKinds = []MuteKind{MuteRule, MuteFeed, MuteEntity, MuteTag}

// ParseMuteKind reads a kind by name; ok is false for unknown names.
func ParseMuteKind(s string) (MuteKind, bool) {
	for _, k := range MuteKinds {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// Mute silences alerts of one rule, feed, entity or tag until Expires.
type Mute struct {
	ID       int64
	Kind     MuteKind
	Value    string
	Created  time.Time
	Expires  time.Time
	By       string // who muted: a Discord user or "cli"
	Reason   string
	Lifted   time.Time // zero while in force
	LiftedBy string
}

const muteColumns = `id, kind, value, created_at, expires_at, created_by, reason, lifted_at, lifted_by`

func scanMute(r rowScanner) (Mute, error) {
	var m Mute
	var kind, created, expires, lifted string
	if err := r.Scan(&m.ID, &kind, &m.Value, &created, &expires, &m.By, &m.Reason, &lifted, &m.LiftedBy); err != nil {
		return m, err
	}
	m.Kind = MuteKind(kind)
	m.Created, m.Expires, m.Lifted = parseTime(created), parseTime(expires), parseTime(lifted)
	return m, nil
}

// AddMute records a mute lasting for d from now and returns it with its id.
func (s *Store) AddMute(ctx context.Context, kind MuteKind, value string, d time.Duration, by, reason string) (Mute, error) {
	var m Mute
	err := s.inTx(ctx, "add mute", func(tx *sqlTx, _ string) error {
		var err error
		m, err = s.addMute(ctx, tx, kind, value, d, by, reason)
		return err
	})
	return m, err
}

func (s *Store) addMute(ctx context.Context, tx *sqlTx, kind MuteKind, value string, d time.Duration, by, reason string) (Mute, error) {
	if _, ok := ParseMuteKind(string(kind)); !ok || value == "" || d <= 0 {
		return Mute{}, fmt.Errorf("mute %s %q for %v: want a rule, feed, entity or tag and a positive duration", kind, value, d)
	}
	now := s.now()
	m := Mute{Kind: kind, Value: value, Created: now, Expires: now.Add(d), By: by, Reason: reason}
	err := tx.QueryRowContext(ctx, `INSERT INTO mutes (kind, value, created_at, expires_at, created_by, reason)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, string(kind), value, formatTime(m.Created), formatTime(m.Expires),
		by, reason).Scan(&m.ID)
	return m, err
}

// ActiveMutes lists the mutes in force now, soonest to expire first.
// Expired mutes drop out by themselves; nothing needs to remove them.
func (s *Store) ActiveMutes(ctx context.Context) ([]Mute, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+muteColumns+` FROM mutes
		WHERE lifted_at = '' AND expires_at > ? ORDER BY expires_at, id`, formatTime(s.now()))
	if err != nil {
		return nil, fmt.Errorf("active mutes: %w", err)
	}
	return collectRows(rows, "active mutes", scanMute)
}

// ErrNoMute is returned when there is no mute in force to lift.
var ErrNoMute = errors.New("no such mute in force")

// LiftMutes ends the mutes in force of kind and value now, and returns how
// many; ErrNoMute when there were none.
func (s *Store) LiftMutes(ctx context.Context, kind MuteKind, value, by string) (int, error) {
	var n int
	err := s.inTx(ctx, fmt.Sprintf("lift mute %s %s", kind, value), func(tx *sqlTx, now string) error {
		var err error
		n, err = liftMutes(ctx, tx, kind, value, by, now)
		return err
	})
	return n, err
}

func liftMutes(ctx context.Context, tx *sqlTx, kind MuteKind, value, by, now string) (int, error) {
	res, err := tx.ExecContext(ctx, `UPDATE mutes SET lifted_at = ?, lifted_by = ?
		WHERE kind = ? AND value = ? AND lifted_at = '' AND expires_at > ?`, now, by, string(kind), value, now)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		return 0, ErrNoMute
	}
	return int(n), nil
}
