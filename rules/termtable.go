package rules

import (
	"math"
	"slices"
)

// termTable holds a run of values for every term id, all in one array: a
// slice or a map entry per term costs 24 bytes or more for each of
// thousands of terms, most of them with one value or none.
type termTable[V any] struct {
	// Term t's values are vals[start[t]:start[t+1]]. The offsets are
	// kept in 16 bits (start16) when vals is that short, as it is for
	// every table of a rule pack: a table has an offset per term, and
	// with five tables they were a tenth of the default pack's set.
	start   []int32
	start16 []uint16
	vals    []V
}

// of returns term t's values.
func (tt *termTable[V]) of(t int32) []V {
	if tt.start16 != nil {
		if int(t)+1 >= len(tt.start16) {
			return nil
		}
		return tt.vals[tt.start16[t]:tt.start16[t+1]]
	}
	if int(t)+1 >= len(tt.start) {
		return nil
	}
	return tt.vals[tt.start[t]:tt.start[t+1]]
}

// newTermTable fills a table for terms term ids from each, which must
// call add with the same pairs every time it is called: once to count
// them, once to place them.
func newTermTable[V any](terms int, each func(add func(t int32, v V))) termTable[V] {
	start := make([]int32, terms+1)
	each(func(t int32, _ V) { start[t+1]++ })
	for i := 1; i <= terms; i++ {
		start[i] += start[i-1]
	}
	tt := termTable[V]{vals: make([]V, start[terms])}
	next := slices.Clone(start[:terms])
	each(func(t int32, v V) {
		tt.vals[next[t]] = v
		next[t]++
	})
	if start[terms] > math.MaxUint16 {
		tt.start = start
		return tt
	}
	tt.start16 = make([]uint16, len(start))
	for i, s := range start {
		tt.start16[i] = uint16(s)
	}
	return tt
}
