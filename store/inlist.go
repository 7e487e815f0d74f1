package store

import "strings"

// inBatch bounds the ids of one IN list (padding binds up to the next
// power of two, 512): far under SQLite's limit on a statement's variables
// (32766) and PostgreSQL's on its parameters (65535), with room for the
// few other arguments of the statement.
const inBatch = 500

// inBatches calls fn on vals in successive slices of at most inBatch,
// stopping at the first error.
func inBatches[T any](vals []T, fn func(batch []T) error) error {
	for start := 0; start < len(vals); start += inBatch {
		if err := fn(vals[start:min(start+inBatch, len(vals))]); err != nil {
			return err
		}
	}
	return nil
}

// inList returns the placeholders of an IN list holding vals, and vals as
// arguments, to follow the statement's other arguments. The list is padded
// with the last value to a power of two, so that a few statement texts
// serve every length and each is rewritten and prepared only once; a
// repeated value changes nothing in an IN list. vals must not be empty.
func inList[T any](vals []T) (string, []any) {
	n := 1
	for n < len(vals) {
		n *= 2
	}
	args := make([]any, n)
	for i := range n {
		args[i] = vals[min(i, len(vals)-1)]
	}
	return "?" + strings.Repeat(", ?", n-1), args
}
