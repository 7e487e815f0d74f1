package sanctions

import (
	"errors"
	"fmt"
)

// ErrEmpty is returned by Guard for an import without a single entry.
var ErrEmpty = errors.New("list is empty")

// ShrinkError is returned by Guard when an import would shrink a list by
// more than allowed. Callers keep the last good import and tell the admin.
type ShrinkError struct {
	Old, New int
	MaxDrop  float64
}

func (e *ShrinkError) Error() string {
	return fmt.Sprintf("list shrank from %d to %d entries (%.0f%%), more than the %.0f%% allowed: refusing the import",
		e.Old, e.New, 100*float64(e.Old-e.New)/float64(e.Old), 100*e.MaxDrop)
}

// Guard refuses an import that is empty or, compared with the last good
// one, smaller by more than maxDrop (a share). A maxDrop of 0 is the
// user's "no check", not an unset value: config supplies the default.
func Guard(old, new []Party, maxDrop float64) error {
	if len(new) == 0 {
		return ErrEmpty
	}
	if maxDrop <= 0 || len(old) == 0 || len(new) >= len(old) {
		return nil
	}
	if float64(len(old)-len(new))/float64(len(old)) > maxDrop {
		return &ShrinkError{Old: len(old), New: len(new), MaxDrop: maxDrop}
	}
	return nil
}
