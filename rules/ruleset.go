package rules

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// RuleSet is a compiled, immutable set of rules, lists and entities. It is
// safe for concurrent use; a reload builds a new one and swaps it in.
type RuleSet struct {
	rules []*rule
	terms []term
	// texts holds every term as written, back to back; textBuf while
	// compiling. exactSpans are the words of exact terms (see term.exact).
	texts      string
	textBuf    []byte
	exactSpans []int32
	refs       []leafRef          // the rule leaves each term satisfies, while compiling
	leafRefs   termTable[leafRef] // refs by term, once compiled
	auto       *automaton
	// ents are the entities by compiler slot (see entslots.go), which
	// groups and evidence refer to; entityCount counts the live ones.
	// Those a rule file defines or extends keep no aliases: their terms
	// hold them, and explanations and evidence read only names and ids.
	ents        []*Entity
	entityCount int
	lists       map[string][]int32 // list name -> term ids
	// Rule leaves naming a list or entities are filed by list or entity
	// (a group): groupEnt[g] is group g's entity slot, -1 for a list;
	// groupLeaves[g] the rule leaves naming it (groupRefs while
	// compiling); termGroups[t] the groups term t belongs to.
	groupEnt    []int32
	groupRefs   []groupLeaf
	groupLeaves termTable[ruleLeaf]
	termGroups  termTable[groupTerm]
	// context[t] are the context term ids a weak alias term t needs nearby
	// (only where t is used as a weak alias: see leafRef.weak).
	context map[int32][]int32
	// resolutionRules and regexRules are evaluated whenever a resolution is
	// found, or always: their leaves are not in the automaton.
	// unspaced[t] are the entity slots a Chinese or Japanese alias term t
	// names (see dropCoveredAliases).
	unspaced        termTable[int32]
	resolutionRules []int32
	regexRules      []int32
	// toks is the tokenizer addTerm reuses while compiling: a fresh one
	// per term built the Unicode folding chain again for every non-ASCII
	// alias, half of all allocation with a big list. Compile clears it.
	toks *norm.Tokens
	// evidence maps terms back to entities and lists; built by Compile
	// (see Evidence), shared by copies made by Without.
	evidence *evidenceIndex
}

// rule is one compiled rule.
type rule struct {
	id          string
	title       string
	description string
	severity    story.Severity
	routes      []string
	tags        []string
	query       string
	root        cnode
	leaves      []*leaf
	// leafFields[i] is leaves[i].fields, side by side: filing an
	// occurrence reads it for every leaf the term satisfies, and a leaf
	// of its own was a cache miss each (7% of matching CJK).
	leafFields []fieldMask
	file       string
	line       int
	// clauses holds the clause texts near misses show, read again from
	// query once, the first time a near miss asks (see clauseTexts). A
	// pointer, so that a copy of the rule (Without) is given its own.
	clauses *clauseCache
}

type clauseCache struct {
	once  sync.Once
	texts []string
}

// term is one word sequence the automaton finds: a list item, an entity
// alias, or a word or phrase written in a query. Its folded words live in
// the automaton, its text in RuleSet.texts; it holds no pointer.
type term struct {
	// text is where the term as written starts in texts, for
	// explanations; it ends where the next term's starts.
	text int32
	// exact, when not zero, is 1 + the index of the term's first word in
	// exactSpans: the words as they must appear in the original text, case
	// and all (acronyms that collide with words: "US", "IS"), as (start,
	// end) pairs of byte offsets within the term's text.
	exact    int32
	wild     uint16 // bit i set: word i is a prefix (maxTermWords fits)
	words    uint8
	unspaced bool // every word one character of an unspaced script
}

// leafRef says that a term written in a query satisfies leaf of rule.
type leafRef struct {
	rule, leaf, term int32
}

// groupLeaf says that a rule leaf names a group: a list or an entity.
type groupLeaf struct {
	group int32
	rl    ruleLeaf
}

type ruleLeaf struct{ rule, leaf int32 }

// groupTerm says that a term belongs to a group; a weak alias of an
// entity counts only with its context nearby.
type groupTerm struct {
	group int32
	weak  bool
}

// Stats counts what a rule set holds, for `validate` and logs.
type Stats struct {
	Rules, Terms, Entities, Lists int
}

// Stats returns the size of the rule set.
func (rs *RuleSet) Stats() Stats {
	return Stats{Rules: len(rs.rules), Terms: len(rs.terms), Entities: rs.entityCount, Lists: len(rs.lists)}
}

// RuleIDs returns the ids of all rules, in load order.
func (rs *RuleSet) RuleIDs() []string {
	ids := make([]string, len(rs.rules))
	for i, r := range rs.rules {
		ids[i] = r.id
	}
	return ids
}

// Routes returns every destination named by a rule, with the first rule
// naming it, so the caller can check them against its configuration.
func (rs *RuleSet) Routes() map[string]string {
	out := map[string]string{}
	for _, r := range rs.rules {
		for _, d := range r.routes {
			if _, ok := out[d]; !ok {
				out[d] = r.id
			}
		}
	}
	return out
}

func newRuleSet() *RuleSet {
	return &RuleSet{
		auto:     newAutomaton(),
		lists:    map[string][]int32{},
		context:  map[int32][]int32{},
		evidence: &evidenceIndex{},
	}
}

// addTerm registers a word sequence, returning its id. Terms are shared: the
// same alias used by many rules is scanned once. With wild set, a word of
// text ending in "*" matches any word that starts with it ("reimpose*
// sanctions"); exact terms must match the original text's case.
//
// The text is tokenised once, straight into the automaton: the state its
// words end in identifies them, so a term already known (the same word in
// several lists and languages) is found there, without a key or a map.
func (rs *RuleSet) addTerm(text string, wild, exact bool) (int32, bool) {
	if rs.toks == nil {
		rs.toks = &norm.Tokens{}
	}
	toks := rs.toks
	mask, ok := foldTerm(toks, text, wild)
	if !ok {
		return 0, false
	}
	state := rs.auto.path(toks, mask)
	found := int32(-1)
	rs.auto.endsAt(state, func(t int32) bool {
		if rs.sameCase(&rs.terms[t], toks, text, exact) {
			found = t
		}
		return found < 0
	})
	if found >= 0 {
		return found, true
	}
	id := int32(len(rs.terms))
	t := term{text: int32(len(rs.textBuf)), words: uint8(len(toks.List)), wild: mask, unspaced: unspacedWords(toks)}
	rs.textBuf = append(rs.textBuf, text...)
	if exact {
		t.exact = int32(len(rs.exactSpans)/2) + 1
		for _, tok := range toks.List {
			rs.exactSpans = append(rs.exactSpans, tok.Start, tok.End)
		}
	}
	rs.terms = append(rs.terms, t)
	rs.auto.end(id, state)
	return id, true
}

// sameCase reports whether term t, whose words are those in toks, is the
// term text makes: both match any case, or both the same exact words.
func (rs *RuleSet) sameCase(t *term, toks *norm.Tokens, text string, exact bool) bool {
	if (t.exact != 0) != exact {
		return false
	}
	if !exact {
		return true
	}
	for k, tok := range toks.List {
		a, b := rs.exactSpan(t, k)
		if string(rs.textBuf[a:b]) != text[tok.Start:tok.End] {
			return false
		}
	}
	return true
}

// exactSpan returns where word k of an exact term is written, in texts.
func (rs *RuleSet) exactSpan(t *term, k int) (start, end int32) {
	sp := rs.exactSpans[2*(int(t.exact)-1+k):]
	return t.text + sp[0], t.text + sp[1]
}

// foldTerm tokenises a term's text into toks and returns the set of its
// words that are wildcard stems. Every word of the text (split at spaces)
// must give at least one token; with wild, a "*" may only end a word,
// after a stem of minStem bytes or more.
func foldTerm(toks *norm.Tokens, text string, wild bool) (uint16, bool) {
	toks.Reset()
	toks.Tokenize(text)
	n := len(toks.List)
	if n == 0 || n > maxTermWords {
		return 0, false
	}
	if wild && strings.IndexByte(text, '*') >= 0 {
		return wordMask(toks, text, wild)
	}
	// Most terms hold no wildcard: looking only between their tokens,
	// rather than splitting the whole text into words, was a third of
	// folding the default pack's terms.
	return 0, wordsHeld(toks.List, text)
}

// wordMask is foldTerm's general path, once text is tokenised into toks:
// it walks the words of text, finds the tokens each holds, and marks the
// last token of a word ending in "*" as a stem.
func wordMask(toks *norm.Tokens, text string, wild bool) (uint16, bool) {
	n := len(toks.List)
	var mask uint16
	k := 0
	for start, end := range fields(text) {
		stemEnd := end
		isWild := wild && text[end-1] == '*'
		if isWild {
			stemEnd--
		}
		if wild && strings.IndexByte(text[start:stemEnd], '*') >= 0 {
			return 0, false
		}
		first := k
		for k < n && int(toks.List[k].Start) < end {
			k++
		}
		if k == first {
			return 0, false
		}
		if isWild {
			if len(toks.Fold(k-1)) < minStem {
				return 0, false
			}
			mask |= 1 << (k - 1)
		}
	}
	return mask, true
}

// wordsHeld reports whether every word of text holds one of its tokens,
// list, which lie in order inside its words. A word holding none lies
// wholly between two tokens, so only the text between them is read.
func wordsHeld(list []norm.Token, text string) bool {
	prev := 0
	for k := 0; k <= len(list); k++ {
		next := len(text)
		if k < len(list) {
			next = int(list[k].Start)
		}
		if next > prev && !gapHeld(text[prev:next], k > 0, k < len(list)) {
			return false
		}
		if k < len(list) {
			prev = max(prev, int(list[k].End))
		}
	}
	return true
}

// gapHeld reports whether every run of non-space in gap, text between
// tokens, touches a token: left and right say whether one ends at its
// start and one begins at its end.
func gapHeld(gap string, left, right bool) bool {
	inWord, held := left, left
	for i := 0; i < len(gap); {
		space, size := spaceAt(gap, i)
		switch {
		case space && inWord && !held:
			return false
		case space:
			inWord = false
		case !inWord:
			inWord, held = true, false
		}
		i += size
	}
	return !inWord || held || right
}

// fields yields the byte ranges of the words of s split at white space,
// as strings.Fields splits them.
func fields(s string) func(yield func(start, end int) bool) {
	return func(yield func(int, int) bool) {
		start := -1
		for i := 0; i < len(s); {
			space, size := spaceAt(s, i)
			switch {
			case space && start >= 0:
				if !yield(start, i) {
					return
				}
				start = -1
			case !space && start < 0:
				start = i
			}
			i += size
		}
		if start >= 0 {
			yield(start, len(s))
		}
	}
}

// spaceAt reports whether s holds white space at byte i, and its width;
// ASCII, most of every term, without decoding a rune.
func spaceAt(s string, i int) (bool, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return c == ' ' || c >= '\t' && c <= '\r', 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r), size
}

// unspacedWords reports whether every word of toks is one character of a
// script written without spaces (see dropCoveredAliases).
func unspacedWords(toks *norm.Tokens) bool {
	for i := range toks.List {
		w := toks.Fold(i)
		r, n := utf8.DecodeRune(w)
		if n != len(w) || !norm.Unspaced(r) {
			return false
		}
	}
	return len(toks.List) > 0
}

// termText returns term t as written, for explanations.
func (rs *RuleSet) termText(t int32) string {
	end := int32(len(rs.texts))
	if int(t)+1 < len(rs.terms) {
		end = rs.terms[t+1].text
	}
	return rs.texts[rs.terms[t].text:end]
}

// Without returns a rule set in which the rules with the given ids never
// fire. The receiver is not changed.
func (rs *RuleSet) Without(ids []string) *RuleSet {
	if len(ids) == 0 {
		return rs
	}
	off := map[string]bool{}
	for _, id := range ids {
		off[id] = true
	}
	out := *rs
	out.rules = make([]*rule, len(rs.rules))
	for i, r := range rs.rules {
		if off[r.id] {
			disabled := *r
			disabled.root, disabled.clauses = disabledNode{}, &clauseCache{}
			r = &disabled
		}
		out.rules[i] = r
	}
	return &out
}
