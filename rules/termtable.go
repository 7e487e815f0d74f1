package rules

import "slices"

// termTable holds a run of values for every term id, all in one array: a
// slice or a map entry per term costs 24 bytes or more for each of
// thousands of terms, most of them with one value or none.
type termTable[V any] struct {
	start []int32 // term t's values are vals[start[t]:start[t+1]]
	vals  []V
}

// of returns term t's values.
func (tt *termTable[V]) of(t int32) []V {
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
	tt := termTable[V]{start: start, vals: make([]V, start[terms])}
	next := slices.Clone(start[:terms])
	each(func(t int32, v V) {
		tt.vals[next[t]] = v
		next[t]++
	})
	return tt
}
