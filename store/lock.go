package store

import (
	"errors"
	"fmt"
	"os"
)

// ErrLocked means another process holds the state file.
var ErrLocked = errors.New("state file is in use by another sanctionwatch process")

// Lock is an exclusive hold on a state file, so that two daemons never
// poll and post from the same state (which would double every alert).
type Lock struct {
	f *os.File
}

// AcquireLock takes the lock file beside the state file at path. It fails
// at once with ErrLocked if another process holds it; the operating system
// releases the lock when the holder exits, however it exits.
func AcquireLock(path string) (*Lock, error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock state file: %w", err)
	}
	held, err := lockFile(f)
	if err != nil {
		f.Close()
		if held {
			return nil, fmt.Errorf("%s: %w", path, ErrLocked)
		}
		return nil, fmt.Errorf("lock state file: %w", err)
	}
	f.Truncate(0)
	fmt.Fprintf(f, "%d\n", os.Getpid())
	return &Lock{f: f}, nil
}

// Release lets another process take the state file.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	unlockFile(l.f)
	err := l.f.Close()
	l.f = nil
	return err
}
