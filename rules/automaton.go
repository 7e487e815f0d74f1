package rules

import (
	"bytes"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
)

// maxTermWords bounds phrase length, and with it the work per token: the
// scan never looks further ahead than this.
const maxTermWords = 12

// minStem is the shortest wildcard stem; shorter ones would match too much.
const minStem = 3

// automaton is a trie over words: every term of every rule, list and
// entity, in one structure, so a story is scanned once whatever the number
// of rules. It holds no pointers: states are int32, edges live in
// open-addressing tables keyed by (state, word hash), words in one arena.
// A list of half a million names makes millions of states, and a graph of
// per-state maps and slices cost the garbage collector a scan of every one
// of them on every cycle for the life of the rule set.
type automaton struct {
	words wordTable
	edges edgeTable
	wild  wildTable    // wildcard edges, keyed by the first minStem bytes
	flags []stateFlags // per state: which kinds of edges leave it
	// While terms are added, the terms ending at a state are a chain:
	// outHead[state] is 1 + the first, termNext[t] 1 + the next. finish
	// turns the chains into outStart and outTerms: the terms ending at
	// state s are outTerms[outStart[s]:outStart[s+1]], in term order.
	outHead, termNext  []int32
	outStart, outTerms []int32
	states             int32
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

func newAutomaton() *automaton {
	return &automaton{flags: []stateFlags{0}, outHead: []int32{0}, states: 1}
}

// reserve makes room for about n more terms of up to the given number of
// words in all, so that adding a rule file's terms or a list's names does
// not grow the per-state slices step by step. The edge and word tables are
// sized for n: sized for every word, they would double for the words
// terms share, and a list's names are made of far fewer distinct words.
func (a *automaton) reserve(n, words int) {
	a.flags = grow(a.flags, words)
	a.outHead = grow(a.outHead, words)
	a.termNext = grow(a.termNext, n)
	a.edges.reserve(&a.words, n)
	a.words.reserve(n)
}

func grow[S ~[]E, E any](s S, n int) S {
	if cap(s)-len(s) >= n {
		return s
	}
	out := make(S, len(s), len(s)+n)
	copy(out, s)
	return out
}

func (a *automaton) newState() int32 {
	a.states++
	a.flags = append(a.flags, 0)
	a.outHead = append(a.outHead, 0)
	return a.states - 1
}

// path follows, creating them where missing, the edges for the words of
// toks (token hashes and folds); wild has bit i set where word i is a
// wildcard stem. It returns the state the words end in: two terms end in
// the same state exactly when their words and stems are the same.
func (a *automaton) path(toks *norm.Tokens, wild uint16) int32 {
	state := int32(0)
	for i := range toks.List {
		fold := toks.Fold(i)
		if wild&(1<<i) != 0 {
			state = a.addWild(state, fold)
			continue
		}
		h := toks.List[i].Hash
		if state == 0 {
			b := rootBit(h)
			a.rootWords[b/64] |= 1 << (b % 64)
		}
		next := a.edges.get(&a.words, state, h, fold)
		if next == 0 {
			next = a.newState()
			a.edges.put(&a.words, state, a.words.intern(h, fold), next)
			a.flags[state] |= hasEdges
		}
		state = next
	}
	return state
}

// endsAt returns the terms that end at state while terms are added.
func (a *automaton) endsAt(state int32, each func(t int32) bool) {
	for t := a.outHead[state]; t != 0; t = a.termNext[t-1] {
		if !each(t - 1) {
			return
		}
	}
}

// end records that term id (the next in order) ends at state.
func (a *automaton) end(id, state int32) {
	a.termNext = append(a.termNext, 0)
	if a.outHead[state] == 0 {
		a.outHead[state] = id + 1
		return
	}
	t := a.outHead[state]
	for a.termNext[t-1] != 0 {
		t = a.termNext[t-1]
	}
	a.termNext[t-1] = id + 1
}

// finish lays the terms ending at each state out in one array, once every
// term is added.
func (a *automaton) finish() {
	a.outStart = make([]int32, a.states+1)
	n := int32(0)
	for s := range a.states {
		a.outStart[s] = n
		for t := a.outHead[s]; t != 0; t = a.termNext[t-1] {
			n++
		}
	}
	a.outStart[a.states] = n
	a.outTerms = make([]int32, 0, n)
	for s := range a.states {
		for t := a.outHead[s]; t != 0; t = a.termNext[t-1] {
			a.outTerms = append(a.outTerms, t-1)
		}
	}
	a.outHead, a.termNext = nil, nil
	a.flags = trim(a.flags)
	a.edges.fit(&a.words)
	a.wild.fit()
	// Words are only looked up, and their hashes read, while adding.
	a.words.slots, a.words.hash = nil, nil
	a.words.arena, a.words.off = trim(a.words.arena), trim(a.words.off)
}

// stateFlags say which kinds of edges leave a state.
type stateFlags uint8

const (
	hasWild  stateFlags = 1 << iota // a wildcard edge
	hasEdges                        // a plain edge
)

// next returns the state a plain edge for a word (hash h, folded fold)
// leads to from state, or 0. Most lookups while matching find nothing:
// the word is no term's next word, or the state ends a term and nothing
// goes on from it. Those are answered without a probe of the edge table
// where the root's bit filter or the state's flags can tell, so that a
// table filled closer to its size costs matching little.
func (a *automaton) next(state int32, h uint64, fold []byte) int32 {
	if state == 0 {
		b := rootBit(h)
		if a.rootWords[b/64]&(1<<(b%64)) == 0 {
			return 0
		}
	} else if a.flags[state]&hasEdges == 0 {
		return 0
	}
	return a.edges.get(&a.words, state, h, fold)
}

// out returns the terms that end at state.
func (a *automaton) out(state int32) []int32 {
	return a.outTerms[a.outStart[state]:a.outStart[state+1]]
}

func (a *automaton) addWild(from int32, stem []byte) int32 {
	pk := prefixKey(stem)
	found := int32(0)
	a.wild.each(from, pk, func(e *wildEdge) bool {
		if bytes.Equal(a.words.bytes(e.word), stem) {
			found = e.to
			return false
		}
		return true
	})
	if found != 0 {
		return found
	}
	to := a.newState()
	a.wild.put(wildEdge{prefix: pk, from: from, to: to, word: a.words.intern(norm.Hash(stem), stem)})
	if from == 0 {
		b := stemBit(stem)
		a.rootStems[b/64] |= 1 << (b % 64)
	}
	a.flags[from] |= hasWild
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
	if len(fold) < minStem || a.flags[0]&hasWild == 0 {
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
		if a.flags[state]&hasWild != 0 {
			a.walkWild(toks, i, j, state, fold, emit)
		}
		state = a.next(state, toks.List[j].Hash, fold)
		if state == 0 {
			return
		}
		for _, id := range a.out(state) {
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
	if a.next(state, h, fold) != 0 {
		return true
	}
	if a.flags[state]&hasWild == 0 || len(fold) < minStem {
		return false
	}
	found := false
	a.wild.each(state, prefixKey(fold), func(e *wildEdge) bool {
		found = bytes.HasPrefix(fold, a.words.bytes(e.word))
		return !found
	})
	return found
}

// step takes one reading of token j from state and walks on from there.
func (a *automaton) step(toks *norm.Tokens, i, j int, state int32, h uint64, fold []byte, emit func(int32, int, int)) {
	if a.flags[state]&hasWild != 0 {
		a.walkWild(toks, i, j, state, fold, emit)
	}
	next := a.next(state, h, fold)
	if next == 0 {
		return
	}
	for _, id := range a.out(next) {
		emit(id, i, j)
	}
	a.walk(toks, i, j+1, next, emit)
}

func (a *automaton) walkWild(toks *norm.Tokens, i, j int, from int32, fold []byte, emit func(int32, int, int)) {
	if len(fold) < minStem {
		return
	}
	a.wild.each(from, prefixKey(fold), func(e *wildEdge) bool {
		if bytes.HasPrefix(fold, a.words.bytes(e.word)) {
			for _, id := range a.out(e.to) {
				emit(id, i, j)
			}
			a.walk(toks, i, j+1, e.to, emit)
		}
		return true
	})
}
