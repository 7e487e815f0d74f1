package rules

import (
	"bytes"
	"slices"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
)

// maxTermWords bounds phrase length, and with it the work per token: the
// scan never looks further ahead than this.
const maxTermWords = 12

// minStem is the shortest wildcard stem; shorter ones would match too much.
const minStem = 3

// term is one word sequence the automaton finds: a list item, an entity
// alias, or a word or phrase written in a query.
type term struct {
	words []string // folded
	wild  uint16   // bit i set: word i is a prefix (maxTermWords fits)
	text  string   // as written, for explanations
	// exact, when set, holds the words as they must appear in the original
	// text, case and all (acronyms that collide with words: "US", "IS").
	exact []string
}

// automaton is a trie over words: every term of every rule, list and
// entity, in one structure, so a story is scanned once whatever the number
// of rules. Edges live in one open-addressing table keyed by (state, word
// hash); a token that starts no term costs one probe.
type automaton struct {
	edges   edgeTable
	wild    map[wildKey][]wildEdge // wildcard edges, keyed by the first minStem bytes
	hasWild []bool                 // per state: any wildcard edge leaves it
	out     [][]int32              // per state: the terms that end there
	states  int32
	// rootWords and rootStems are bit filters of the words and wildcard
	// stems that start a term: most tokens start none, and one cached bit
	// test turns them away before a probe of the (large) edge table.
	rootWords [rootBits / 64]uint64
	rootStems [stemBits / 64]uint64
}

const (
	rootBits = 1 << 20 // 128 KiB
	stemBits = 1 << 18 // 32 KiB
)

func rootBit(h uint64) uint64 { return h >> (64 - 20) }

func stemBit(fold []byte) uint32 {
	k := uint32(fold[0]) | uint32(fold[1])<<8 | uint32(fold[2])<<16
	return (k * 2654435761) >> (32 - 18)
}

type wildKey struct {
	from   int32
	prefix [minStem]byte
}

type wildEdge struct {
	stem []byte
	to   int32
}

func newAutomaton() *automaton {
	return &automaton{
		wild:    make(map[wildKey][]wildEdge),
		hasWild: []bool{false},
		out:     [][]int32{nil},
		states:  1,
	}
}

// reserve makes room for about n more edges and states, so that adding
// a rule file's terms does not grow the tables step by step. The edge
// table is sized as growing would leave it for n edges.
func (a *automaton) reserve(n int) {
	a.hasWild = slices.Grow(a.hasWild, n)
	a.out = slices.Grow(a.out, n)
	if 2*(a.edges.used+n) > len(a.edges.slots) {
		a.edges.resize(a.edges.used + n)
	}
}

func (a *automaton) newState() int32 {
	a.states++
	a.hasWild = append(a.hasWild, false)
	a.out = append(a.out, nil)
	return a.states - 1
}

// add inserts term id with the given folded words.
func (a *automaton) add(id int32, t *term) {
	state := int32(0)
	for i, w := range t.words {
		if t.wild&(1<<i) != 0 {
			state = a.addWild(state, w)
			continue
		}
		h := norm.HashString(w)
		if state == 0 {
			b := rootBit(h)
			a.rootWords[b/64] |= 1 << (b % 64)
		}
		next := a.edges.get(state, h, []byte(w))
		if next == 0 {
			next = a.newState()
			a.edges.put(state, h, w, next)
		}
		state = next
	}
	a.out[state] = append(a.out[state], id)
}

func (a *automaton) addWild(from int32, stem string) int32 {
	var k wildKey
	k.from = from
	copy(k.prefix[:], stem)
	for _, e := range a.wild[k] {
		if string(e.stem) == stem {
			return e.to
		}
	}
	to := a.newState()
	a.wild[k] = append(a.wild[k], wildEdge{stem: []byte(stem), to: to})
	if from == 0 {
		b := stemBit([]byte(stem))
		a.rootStems[b/64] |= 1 << (b % 64)
	}
	a.hasWild[from] = true
	return to
}

// scan reports every term found in toks as (term, first token, last token).
func (a *automaton) scan(toks *norm.Tokens, emit func(term int32, first, last int)) {
	for i := range toks.List {
		if a.mayStart(toks, i) {
			a.walk(toks, i, i, 0, emit)
		}
	}
}

// mayStart reports whether token i, or one of its readings, can start a
// term, by the root filters.
func (a *automaton) mayStart(toks *norm.Tokens, i int) bool {
	if a.rootMay(toks.List[i].Hash, toks.Fold(i)) {
		return true
	}
	for _, r := range toks.Readings(i) {
		if a.rootMay(r.Hash, toks.AltFold(&r)) {
			return true
		}
	}
	return false
}

func (a *automaton) rootMay(h uint64, fold []byte) bool {
	b := rootBit(h)
	if a.rootWords[b/64]&(1<<(b%64)) != 0 {
		return true
	}
	if len(fold) < minStem || !a.hasWild[0] {
		return false
	}
	sb := stemBit(fold)
	return a.rootStems[sb/64]&(1<<(sb%64)) != 0
}

// walk follows the trie from state over token j onwards, for terms that
// start at token i. Wildcard edges and a token's other readings can make
// more than one path live, so it branches; maxTermWords bounds the depth.
func (a *automaton) walk(toks *norm.Tokens, i, j int, state int32, emit func(int32, int, int)) {
	for ; j < len(toks.List) && j-i < maxTermWords; j++ {
		fold := toks.Fold(j)
		if toks.List[j].Alt != 0 && !a.knows(state, toks.List[j].Hash, fold) {
			a.stepReading(toks, i, j, state, emit)
			return
		}
		if a.hasWild[state] {
			a.walkWild(toks, i, j, state, fold, emit)
		}
		state = a.edges.get(state, toks.List[j].Hash, fold)
		if state == 0 {
			return
		}
		for _, id := range a.out[state] {
			emit(id, i, j)
		}
	}
}

// stepReading goes on from state with the first reading of token j that
// the trie knows there, if any. The word as written is preferred, then
// the least stripped reading: ولبنان is لبنان, never بنان, when the rules
// know Lebanon; والعقوبات is العقوبات where a rule has that term, and
// عقوبات only where none has.
func (a *automaton) stepReading(toks *norm.Tokens, i, j int, state int32, emit func(int32, int, int)) {
	for _, r := range toks.Readings(j) {
		fold := toks.AltFold(&r)
		if a.knows(state, r.Hash, fold) {
			a.step(toks, i, j, state, r.Hash, fold, emit)
			return
		}
	}
}

// knows reports whether a word (hash h, folded fold) leads anywhere from
// state, by a plain or a wildcard edge.
func (a *automaton) knows(state int32, h uint64, fold []byte) bool {
	if a.edges.get(state, h, fold) != 0 {
		return true
	}
	if !a.hasWild[state] || len(fold) < minStem {
		return false
	}
	var k wildKey
	k.from = state
	copy(k.prefix[:], fold)
	for _, e := range a.wild[k] {
		if bytes.HasPrefix(fold, e.stem) {
			return true
		}
	}
	return false
}

// step takes one reading of token j from state and walks on from there.
func (a *automaton) step(toks *norm.Tokens, i, j int, state int32, h uint64, fold []byte, emit func(int32, int, int)) {
	if a.hasWild[state] {
		a.walkWild(toks, i, j, state, fold, emit)
	}
	next := a.edges.get(state, h, fold)
	if next == 0 {
		return
	}
	for _, id := range a.out[next] {
		emit(id, i, j)
	}
	a.walk(toks, i, j+1, next, emit)
}

func (a *automaton) walkWild(toks *norm.Tokens, i, j int, from int32, fold []byte, emit func(int32, int, int)) {
	if len(fold) < minStem {
		return
	}
	var k wildKey
	k.from = from
	copy(k.prefix[:], fold)
	for _, e := range a.wild[k] {
		if !bytes.HasPrefix(fold, e.stem) {
			continue
		}
		for _, id := range a.out[e.to] {
			emit(id, i, j)
		}
		a.walk(toks, i, j+1, e.to, emit)
	}
}

// edgeTable maps (state, word) to the next state. Slots with to == 0 are
// empty: the root is never the target of an edge.
type edgeTable struct {
	slots []edge
	used  int
}

type edge struct {
	hash uint64
	from int32
	to   int32
	word string
}

func slotOf(from int32, h uint64) uint64 {
	return h ^ (uint64(from) * 0x9e3779b97f4a7c15)
}

func (t *edgeTable) get(from int32, h uint64, word []byte) int32 {
	if len(t.slots) == 0 {
		return 0
	}
	mask := uint64(len(t.slots) - 1)
	for i := slotOf(from, h) & mask; ; i = (i + 1) & mask {
		e := &t.slots[i]
		if e.to == 0 {
			return 0
		}
		if e.hash == h && e.from == from && e.word == string(word) {
			return e.to
		}
	}
}

func (t *edgeTable) put(from int32, h uint64, word string, to int32) {
	if 2*(t.used+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	i := slotOf(from, h) & mask
	for t.slots[i].to != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = edge{hash: h, from: from, to: to, word: word}
	t.used++
}

func (t *edgeTable) grow() { t.resize(t.used + 1) }

// resize rehashes the table into one of at least 4n slots, so that it is
// at most a quarter full with n edges.
func (t *edgeTable) resize(n int) {
	old := t.slots
	size := 64
	for size < 4*n {
		size *= 2
	}
	t.slots = make([]edge, size)
	t.used = 0
	for _, e := range old {
		if e.to != 0 {
			t.put(e.from, e.hash, e.word, e.to)
		}
	}
}
