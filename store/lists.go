package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// ListImport is the last good import of one sanctions list. Parties is
// opaque to the store: the sanctions package encodes and decodes it.
type ListImport struct {
	List      string
	Format    string
	Parties   []byte // JSON
	Entries   int
	Aliases   int
	FetchedAt time.Time
	ChangedAt time.Time
}

// ListStatus is what the lists command shows for one list: counts of the
// last good import and the outcome of the last attempt.
type ListStatus struct {
	List, Format     string
	Entries, Aliases int
	FetchedAt        time.Time
	ChangedAt        time.Time
	CheckedAt        time.Time
	LastError        string // "" when the last attempt succeeded
}

// SaveListImport replaces the last good import of a list and queues its
// change alerts in the same transaction, so that a crash never records a
// change without its alerts or alerts a change twice. It returns how many
// alerts were new to the outbox.
func (s *Store) SaveListImport(ctx context.Context, imp ListImport, alerts []story.Alert) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("save list %s: %w", imp.List, err)
	}
	defer tx.Rollback()
	fetched := formatTime(imp.FetchedAt)
	_, err = tx.ExecContext(ctx, `INSERT INTO list_imports
		(list, format, parties, entries, aliases, fetched_at, changed_at, checked_at, last_error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')
		ON CONFLICT (list) DO UPDATE SET format = excluded.format, parties = excluded.parties,
			entries = excluded.entries, aliases = excluded.aliases, fetched_at = excluded.fetched_at,
			changed_at = excluded.changed_at, checked_at = excluded.checked_at, last_error = ''`,
		imp.List, imp.Format, imp.Parties, imp.Entries, imp.Aliases, fetched,
		formatTime(imp.ChangedAt), fetched)
	if err != nil {
		return 0, fmt.Errorf("save list %s: %w", imp.List, err)
	}
	n, err := s.enqueueAlerts(ctx, tx, alerts)
	if err != nil {
		return 0, fmt.Errorf("save list %s: %w", imp.List, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("save list %s: %w", imp.List, err)
	}
	return n, nil
}

// RecordListFailure notes a failed or refused import of a list, keeping its
// last good import untouched. A list never imported gets a row without
// parties, so the lists command can show the error.
func (s *Store) RecordListFailure(ctx context.Context, list, format string, at time.Time, failure error) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO list_imports
		(list, format, parties, entries, aliases, fetched_at, changed_at, checked_at, last_error)
		VALUES (?, ?, '', 0, 0, '', '', ?, ?)
		ON CONFLICT (list) DO UPDATE SET checked_at = excluded.checked_at, last_error = excluded.last_error`,
		list, format, formatTime(at), failure.Error())
	if err != nil {
		return fmt.Errorf("record failure of list %s: %w", list, err)
	}
	return nil
}

// LastListImport returns the last good import of a list; ok is false when
// the list was never imported successfully.
func (s *Store) LastListImport(ctx context.Context, list string) (imp ListImport, ok bool, err error) {
	var fetched, changed string
	err = s.db.QueryRowContext(ctx, `SELECT list, format, parties, entries, aliases, fetched_at, changed_at
		FROM list_imports WHERE list = ? AND fetched_at != ''`, list).
		Scan(&imp.List, &imp.Format, &imp.Parties, &imp.Entries, &imp.Aliases, &fetched, &changed)
	if errors.Is(err, sql.ErrNoRows) {
		return ListImport{}, false, nil
	}
	if err != nil {
		return ListImport{}, false, fmt.Errorf("load list %s: %w", list, err)
	}
	imp.FetchedAt, imp.ChangedAt = parseTime(fetched), parseTime(changed)
	return imp, true, nil
}

// ListFetchedAt returns when the last good import of a list was fetched,
// without reading its parties: a caller holding that import's entities
// can tell whether they are still current. ok is false when the list was
// never imported successfully.
func (s *Store) ListFetchedAt(ctx context.Context, list string) (fetchedAt time.Time, ok bool, err error) {
	var fetched string
	err = s.db.QueryRowContext(ctx, `SELECT fetched_at FROM list_imports WHERE list = ? AND fetched_at != ''`, list).Scan(&fetched)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("load list %s: %w", list, err)
	}
	return parseTime(fetched), true, nil
}

// ListImports returns the status of every list ever fetched, by name.
func (s *Store) ListImports(ctx context.Context) ([]ListStatus, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT list, format, entries, aliases, fetched_at, changed_at,
		checked_at, last_error FROM list_imports ORDER BY list`)
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	return collectRows(rows, "list imports", func(r rowScanner) (ListStatus, error) {
		var st ListStatus
		var fetched, changed, checked string
		err := r.Scan(&st.List, &st.Format, &st.Entries, &st.Aliases, &fetched, &changed, &checked, &st.LastError)
		st.FetchedAt, st.ChangedAt, st.CheckedAt = parseTime(fetched), parseTime(changed), parseTime(checked)
		return st, err
	})
}
