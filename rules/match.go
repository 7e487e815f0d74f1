package rules

import (
	"sort"
	"sync"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// MatchOptions narrows which rules are evaluated.
type MatchOptions struct {
	// Allow, if set, is asked about each rule before it is evaluated (a
	// feed limited to some rules or tags, `test --rule`).
	Allow func(id string, tags []string) bool
	// Explain adds near misses: rules some of whose terms were found but
	// whose query failed, with the clauses that failed.
	Explain bool
}

// NearMiss is a rule that saw some of its terms but did not fire.
type NearMiss struct {
	RuleID string      `json:"rule"`
	Failed []string    `json:"failed"` // the top-level clauses that did not hold
	Hits   []story.Hit `json:"hits"`
}

// Result is the verdict on one story.
type Result struct {
	Matches    []story.Match `json:"matches"`
	NearMisses []NearMiss    `json:"near_misses,omitempty"`
}

// scratch holds per-story working memory, pooled so that matching a story
// allocates little.
type scratch struct {
	toks  norm.Tokens
	occs  []occ
	res   []resolutionHit
	texts [8]string
	// byRule[r][leaf] lists the occurrences that satisfy a leaf of rule
	// r; touched lists the rules with any, so reset clears only those.
	byRule [][][]int32
	// store keeps each rule's leaf slices of owner between stories, so a
	// story allocates only when it finds more than the last one did.
	store   [][][]int32
	owner   *RuleSet
	touched []int32
	order   []int32
	// st is the state of the rule being evaluated (see stateFor), one
	// per scratch: a state per rule evaluated was a fifth of what
	// matching a story allocated. noLeaves is all nil.
	st       evalState
	noLeaves [][]int32
}

var scratchPool = sync.Pool{New: func() any { return &scratch{} }}

// release returns sc to the pool without the story's texts: a pooled
// scratch kept the last story it read alive, and a rule set's last
// example its whole rule file.
func (sc *scratch) release() {
	sc.texts, sc.st = [8]string{}, evalState{}
	scratchPool.Put(sc)
}

// Match runs every rule on s and returns those that fire, each with its
// evidence, in rule order.
func (rs *RuleSet) Match(s *story.Story) []story.Match {
	return rs.MatchWith(s, MatchOptions{}).Matches
}

// MatchWith is Match with options.
func (rs *RuleSet) MatchWith(s *story.Story, opts MatchOptions) Result {
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	sc.reset()
	rs.scanStory(sc, s, allFields)
	rs.collect(sc, opts)
	lang := storyLang{s: s}
	var res Result
	for _, ri := range sc.order {
		r := rs.rules[ri]
		st := rs.stateFor(sc, ri, &lang)
		ok, hits := r.root.eval(st)
		if ok {
			res.Matches = append(res.Matches, rs.explain(r, sc, hits))
		} else if opts.Explain && sc.byRule[ri] != nil {
			res.NearMisses = append(res.NearMisses, rs.nearMiss(r, sc, st))
		}
	}
	return res
}

func (sc *scratch) reset() {
	sc.occs = sc.occs[:0]
	for _, ri := range sc.touched {
		sc.byRule[ri] = nil
	}
	sc.touched = sc.touched[:0]
	sc.order = sc.order[:0]
}

// maxOccs bounds the occurrences recorded per story, and with it the memory
// a hostile 10 MB story can take; rules see the first maxOccs.
const maxOccs = 1 << 17

// scanStory tokenises each field once and records every term and
// resolution found.
func (rs *RuleSet) scanStory(sc *scratch, s *story.Story, fields fieldMask) {
	for f, field := range story.Fields {
		text := s.Text(field)
		if fields&(1<<f) == 0 {
			text = ""
		}
		sc.texts[f] = text
		if text == "" {
			continue
		}
		sc.toks.Reset()
		sc.toks.Tokenize(text)
		first := len(sc.occs)
		rs.auto.scan(&sc.toks, func(t int32, i, j int) {
			if len(sc.occs) >= maxOccs {
				return
			}
			if rs.terms[t].exact != 0 && !rs.exactAt(&rs.terms[t], &sc.toks, text, i) {
				return
			}
			a, b := sc.toks.List[i], sc.toks.List[j]
			sc.occs = append(sc.occs, occ{term: t, field: uint8(f), first: a.Pos, last: b.Pos,
				start: a.Start, end: b.End})
		})
		sc.occs = rs.dropCoveredAliases(sc.occs, first)
		rs.checkContext(sc, first)
		sc.res = findResolutions(&sc.toks, text, sc.res[:0])
		for _, h := range sc.res {
			a, b := sc.toks.List[h.first], sc.toks.List[h.last]
			sc.occs = append(sc.occs, occ{kind: occResolution, res: int32(h.number), field: uint8(f),
				first: a.Pos, last: b.Pos, start: a.Start, end: b.End})
		}
	}
}

// exactAt checks a case-sensitive term against the original text, where
// the case must also tell something: an all-capitals alias found in text
// shouted in capitals all around it does not count.
func (rs *RuleSet) exactAt(t *term, toks *norm.Tokens, text string, i int) bool {
	lower := false
	for k := range int(t.words) {
		a, b := rs.exactSpan(t, k)
		w := rs.texts[a:b]
		tok := toks.List[i+k]
		if text[tok.Start:tok.End] != w {
			return false
		}
		lower = lower || hasLower(w)
	}
	return lower || caseTells(toks, text, i, i+int(t.words)-1)
}

// checkContext marks weak-alias occurrences of this field (from index
// first on) whose context is missing, so that weak references skip them.
func (rs *RuleSet) checkContext(sc *scratch, first int) {
	if len(rs.context) == 0 {
		return
	}
	for i := first; i < len(sc.occs); i++ {
		o := &sc.occs[i]
		ctx, weak := rs.context[o.term]
		o.noContext = weak && !hasNear(sc.occs[first:], ctx, o)
	}
}

func hasNear(occs []occ, ctx []int32, o *occ) bool {
	for k := range occs {
		c := &occs[k]
		if c.kind != occTerm || c.first-o.last > 2*ContextWindow || o.first-c.last > 2*ContextWindow {
			continue
		}
		for _, t := range ctx {
			if c.term == t {
				return true
			}
		}
	}
	return false
}

// collect files occurrences under the rule leaves they satisfy and lists
// the rules to evaluate, in rule order.
func (rs *RuleSet) collect(sc *scratch, opts MatchOptions) {
	sc.prepare(rs)
	anyRes := false
	for i := range sc.occs {
		o := &sc.occs[i]
		if o.kind != occTerm {
			anyRes = anyRes || o.kind == occResolution
			continue
		}
		rs.fileOcc(sc, o, int32(i), -1)
	}
	sc.order = append(sc.order, sc.touched...)
	if anyRes {
		sc.order = append(sc.order, rs.resolutionRules...)
	}
	sc.order = append(sc.order, rs.regexRules...)
	sort.Slice(sc.order, func(i, j int) bool { return sc.order[i] < sc.order[j] })
	sc.order = dedupSorted(sc.order)
	if opts.Allow != nil {
		kept := sc.order[:0]
		for _, ri := range sc.order {
			if opts.Allow(rs.rules[ri].id, rs.rules[ri].tags) {
				kept = append(kept, ri)
			}
		}
		sc.order = kept
	}
}

// fileOcc files term occurrence i under the rule leaves it satisfies:
// of every rule, or only of rule only when it is not negative.
func (rs *RuleSet) fileOcc(sc *scratch, o *occ, i, only int32) {
	for _, ref := range rs.leafRefs.of(o.term) {
		if only < 0 || ref.rule == only {
			rs.file(sc, ref.rule, ref.leaf, o, i)
		}
	}
	for _, gt := range rs.termGroups.of(o.term) {
		if gt.weak && o.noContext {
			continue
		}
		for _, rl := range rs.groupLeaves.of(gt.group) {
			if only < 0 || rl.rule == only {
				rs.file(sc, rl.rule, rl.leaf, o, i)
			}
		}
	}
}

// prepare sizes the per-rule scratch for rs.
func (sc *scratch) prepare(rs *RuleSet) {
	if len(sc.byRule) < len(rs.rules) {
		sc.byRule = make([][][]int32, len(rs.rules))
	}
	if sc.owner != rs {
		sc.owner, sc.store = rs, make([][][]int32, len(rs.rules))
	}
}

// holds reports whether rule ri fires on s, without explaining why: the
// check of a rule's examples while compiling. Only the rule's own leaves
// are filled; a rule none of whose terms occur cannot hold (see
// matchesNothing), so evaluating it unasked gives what Match gives.
func (rs *RuleSet) holds(ri int32, s *story.Story) bool {
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	sc.reset()
	rs.scanStory(sc, s, allFields)
	sc.prepare(rs)
	for i := range sc.occs {
		o := &sc.occs[i]
		if o.kind != occTerm {
			continue
		}
		rs.fileOcc(sc, o, int32(i), ri)
	}
	ok, _ := rs.rules[ri].root.eval(rs.stateFor(sc, ri, &storyLang{s: s}))
	return ok
}

// stateFor returns the state rule ri is evaluated in, over the
// occurrences filed in sc; a rule none of whose leaves were filed gets
// empty ones.
func (rs *RuleSet) stateFor(sc *scratch, ri int32, lang *storyLang) *evalState {
	leaves := sc.byRule[ri]
	if leaves == nil {
		// A rule evaluated with nothing filed (resolutions, regular
		// expressions) reads empty leaves, never writes them.
		n := len(rs.rules[ri].leaves)
		if len(sc.noLeaves) < n {
			sc.noLeaves = make([][]int32, n)
		}
		leaves = sc.noLeaves[:n]
	}
	sc.st = evalState{occs: sc.occs, leaves: leaves, texts: &sc.texts, extra: &sc.occs, lang: lang}
	return &sc.st
}

// file records occurrence i under a leaf of a rule, if the leaf searches
// the occurrence's field.
func (rs *RuleSet) file(sc *scratch, rule, leaf int32, o *occ, i int32) {
	r := rs.rules[rule]
	if r.leafFields[leaf]&(1<<o.field) == 0 {
		return
	}
	leaves := sc.byRule[rule]
	if leaves == nil {
		leaves = sc.store[rule]
		if leaves == nil {
			leaves = make([][]int32, len(r.leaves))
			sc.store[rule] = leaves
		}
		for k := range leaves {
			leaves[k] = leaves[k][:0]
		}
		sc.byRule[rule] = leaves
		sc.touched = append(sc.touched, rule)
	}
	leaves[leaf] = append(leaves[leaf], i)
}

func dedupSorted(xs []int32) []int32 {
	if len(xs) < 2 {
		return xs
	}
	out := xs[:1]
	for _, x := range xs[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}
