package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
)

// ErrNoState means the state file does not exist yet: nothing has run.
var ErrNoState = errors.New("no state file yet (run the daemon or 'once' first)")

// OpenReadOnly opens an existing state file for reading only, for the
// commands that report on it (feeds, status, alerts, lists). It never
// creates the file or migrates it, so it is safe beside a running daemon
// and on a file the user may not write; a missing file is ErrNoState.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", path, ErrNoState)
		}
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?mode=ro&_pragma=busy_timeout(5000)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return newStore(db, &dialect{}), nil
}

// CheckWritable fails when the state file (or, for a new one, its folder)
// cannot be written, so a daemon says so at start rather than at its
// first write minutes later.
func CheckWritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("state file %s is not writable: %w", path, err)
	}
	return f.Close()
}
