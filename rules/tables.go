package rules

import "bytes"

// The automaton's tables: open addressing with linear probing over flat
// slices of plain values, at most half full (the edge table two thirds:
// see fittedSize), so that a lookup is a probe or a few and the garbage
// collector has nothing to scan. Once built they are cut to their final
// count (see fit).

// wordTable interns folded words: word i is arena[off[i]:off[i+1]].
type wordTable struct {
	arena []byte
	off   []int32
	hash  []uint64
	slots []int32 // 1 + word id; 0 is empty
}

func (w *wordTable) bytes(id int32) []byte { return w.arena[w.off[id]:w.off[id+1]] }

// intern returns the id of word b (hash h), adding it the first time.
func (w *wordTable) intern(h uint64, b []byte) int32 {
	if len(w.off) == 0 {
		w.off = append(w.off, 0)
	}
	if 2*len(w.hash)+2 > len(w.slots) {
		w.rehash(2 * len(w.hash))
	}
	mask := uint64(len(w.slots) - 1)
	i := h & mask
	for ; w.slots[i] != 0; i = (i + 1) & mask {
		id := w.slots[i] - 1
		if w.hash[id] == h && bytes.Equal(w.bytes(id), b) {
			return id
		}
	}
	id := int32(len(w.hash))
	w.arena = append(w.arena, b...)
	w.off = append(w.off, int32(len(w.arena)))
	w.hash = append(w.hash, h)
	w.slots[i] = id + 1
	return id
}

// reserve makes room for up to n more words.
func (w *wordTable) reserve(n int) {
	if 2*(len(w.hash)+n)+2 > len(w.slots) {
		w.hash = grow(w.hash, n)
		w.off = grow(w.off, n+1)
		w.arena = grow(w.arena, 8*n)
		w.rehash(len(w.hash) + n)
	}
}

func (w *wordTable) rehash(n int) {
	w.slots = make([]int32, tableSize(n))
	mask := uint64(len(w.slots) - 1)
	for id, h := range w.hash {
		i := h & mask
		for w.slots[i] != 0 {
			i = (i + 1) & mask
		}
		w.slots[i] = int32(id) + 1
	}
}

// tableSize is the power of two, 64 or more, that holds n entries at most
// half full.
func tableSize(n int) int {
	size := 64
	for size < 2*n {
		size *= 2
	}
	return size
}

// fittedSize is the power of two, 64 or more, that holds n entries at most
// two thirds full. Kept at most half full, the edge table was a quarter to
// a half full when done: the default pack's 16,800 edges sat in 65,536
// slots, a megabyte. Two thirds full, a probe for a word that is not there
// reads five slots on average instead of two and a half, in a table half
// the size; matching skips most such probes (see automaton.next).
func fittedSize(n int) int {
	size := 64
	for 2*size < 3*n {
		size *= 2
	}
	return size
}

// edgeTable maps (state, word) to the next state. Slots with to == 0 are
// empty: the root is never the target of an edge. tag is the high half of
// the word's hash, which turns away almost every other word before its
// bytes are compared.
type edgeTable struct {
	slots []edge
	used  int
}

type edge struct {
	tag      uint32
	from, to int32
	word     int32
}

func edgeSlot(from int32, h uint64) uint64 {
	return h ^ (uint64(from) * 0x9e3779b97f4a7c15)
}

func (t *edgeTable) get(words *wordTable, from int32, h uint64, word []byte) int32 {
	if len(t.slots) == 0 {
		return 0
	}
	mask := uint64(len(t.slots) - 1)
	tag := uint32(h >> 32)
	for i := edgeSlot(from, h) & mask; ; i = (i + 1) & mask {
		e := &t.slots[i]
		if e.to == 0 {
			return 0
		}
		if e.tag == tag && e.from == from && bytes.Equal(words.bytes(e.word), word) {
			return e.to
		}
	}
}

// put adds an edge known to be missing.
func (t *edgeTable) put(words *wordTable, from, word, to int32) {
	if 3*(t.used+1) > 2*len(t.slots) {
		t.resize(words, t.used+1)
	}
	t.place(edge{tag: uint32(words.hash[word] >> 32), from: from, to: to, word: word}, words.hash[word])
	t.used++
}

func (t *edgeTable) place(e edge, h uint64) {
	mask := uint64(len(t.slots) - 1)
	i := edgeSlot(e.from, h) & mask
	for t.slots[i].to != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = e
}

// reserve makes room for n more edges without growing step by step.
func (t *edgeTable) reserve(words *wordTable, n int) {
	if 3*(t.used+n) > 2*len(t.slots) {
		t.resize(words, t.used+n)
	}
}

// resize rehashes the table into one that holds n edges, and at least
// twice those it has, at most two thirds full.
func (t *edgeTable) resize(words *wordTable, n int) {
	t.rehash(words, fittedSize(max(n, 2*t.used)))
}

// fit rehashes the table to fittedSize of its edges, once no more will be
// added (a table reserved for more than came); words must still hold
// their hashes.
func (t *edgeTable) fit(words *wordTable) {
	if size := fittedSize(t.used); size < len(t.slots) {
		t.rehash(words, size)
	}
}

func (t *edgeTable) rehash(words *wordTable, size int) {
	old := t.slots
	t.slots = make([]edge, size)
	for _, e := range old {
		if e.to != 0 {
			t.place(e, words.hash[e.word])
		}
	}
}

// wildTable holds wildcard edges: from a state, a stem that a word must
// start with. They are keyed by the state and the stem's first minStem
// bytes, so several edges can share a key; each walks them all.
type wildTable struct {
	slots []wildEdge
	used  int
}

type wildEdge struct {
	prefix   uint32 // the stem's first minStem bytes
	from, to int32
	word     int32 // the stem
}

func prefixKey(b []byte) uint32 { return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 }

func wildSlot(from int32, prefix uint32) uint64 {
	return (uint64(prefix)*0x9e3779b97f4a7c15 ^ uint64(from)*0xbf58476d1ce4e5b9) >> 17
}

// each calls f on every edge from state with the given prefix, until f
// returns false.
func (t *wildTable) each(from int32, prefix uint32, f func(*wildEdge) bool) {
	if len(t.slots) == 0 {
		return
	}
	mask := uint64(len(t.slots) - 1)
	for i := wildSlot(from, prefix) & mask; t.slots[i].to != 0; i = (i + 1) & mask {
		e := &t.slots[i]
		if e.from == from && e.prefix == prefix && !f(e) {
			return
		}
	}
}

func (t *wildTable) put(e wildEdge) {
	if 2*(t.used+1) > len(t.slots) {
		t.rehash(tableSize(t.used + 1))
	}
	t.place(e)
	t.used++
}

// fit rehashes the table to fittedSize of its edges, once no more will be
// added.
func (t *wildTable) fit() {
	if size := fittedSize(t.used); size < len(t.slots) {
		t.rehash(size)
	}
}

func (t *wildTable) rehash(size int) {
	old := t.slots
	t.slots = make([]wildEdge, size)
	for _, o := range old {
		if o.to != 0 {
			t.place(o)
		}
	}
}

func (t *wildTable) place(e wildEdge) {
	mask := uint64(len(t.slots) - 1)
	i := wildSlot(e.from, e.prefix) & mask
	for t.slots[i].to != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = e
}
