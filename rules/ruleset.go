package rules

import (
	"strconv"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// RuleSet is a compiled, immutable set of rules, lists and entities. It is
// safe for concurrent use; a reload builds a new one and swaps it in.
type RuleSet struct {
	rules    []*rule
	terms    []term
	refs     [][]leafRef        // per term: the rule leaves it satisfies, while compiling
	leafRefs termTable[leafRef] // refs once compiled
	auto     *automaton
	entities map[string]*Entity
	lists    map[string][]int32 // list name -> term ids
	// Rule leaves naming a list or entities are filed by list or entity
	// (a group): groupIndex numbers those rules name ("$list", "@id"),
	// termGroups[t] are the groups term t belongs to.
	groupIndex map[string]int32
	groups     []group
	termGroups termTable[groupTerm]
	// context[t] are the context term ids a weak alias term t needs nearby
	// (only where t is used as a weak alias: see leafRef.weak).
	context map[int32][]int32
	// resolutionRules and regexRules are evaluated whenever a resolution is
	// found, or always: their leaves are not in the automaton.
	// unspaced[t] are the entities a Chinese or Japanese alias term t
	// names (see dropCoveredAliases).
	unspaced        map[int32][]string
	resolutionRules []int32
	regexRules      []int32
	termIndex       map[string]int32
	// toks is the tokenizer addTerm reuses while compiling: a fresh one
	// per term built the Unicode folding chain again for every non-ASCII
	// alias, half of all allocation with a big list. Compile clears it.
	toks *norm.Tokens
	// keyBuf and words are addTerm's other scratch while compiling: the
	// key of the term being added, and one copy of each folded word, which
	// the terms and the automaton's edges then share. Compile clears them.
	keyBuf []byte
	words  map[string]string
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
	file        string
	line        int
}

// leafRef says that a term written in a query satisfies leaf of rule.
type leafRef struct {
	rule, leaf, term int32
}

// group is a list or an entity that rules name, with the rule leaves that
// name it.
type group struct {
	entity *Entity // nil for a list
	leaves []ruleLeaf
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
	return Stats{Rules: len(rs.rules), Terms: len(rs.terms), Entities: len(rs.entities), Lists: len(rs.lists)}
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
		auto:       newAutomaton(),
		entities:   map[string]*Entity{},
		lists:      map[string][]int32{},
		groupIndex: map[string]int32{},
		context:    map[int32][]int32{},
		termIndex:  map[string]int32{},
		evidence:   &evidenceIndex{},
	}
}

// addTerm registers a word sequence, returning its id. Terms are shared: the
// same alias used by many rules is scanned once. With wild set, a word of
// text ending in "*" matches any word that starts with it ("reimpose*
// sanctions"); exact terms must match the original text's case.
func (rs *RuleSet) addTerm(text string, wild, exact bool) (int32, bool) {
	if rs.toks == nil {
		rs.toks = &norm.Tokens{}
		rs.words = map[string]string{}
	}
	t, ok := parseTerm(rs.toks, rs.words, text, wild, exact)
	if !ok {
		return 0, false
	}
	// A term already known (the same word in several lists and languages)
	// costs a lookup, not a key.
	rs.keyBuf = appendTermKey(rs.keyBuf[:0], &t)
	if id, ok := rs.termIndex[string(rs.keyBuf)]; ok {
		return id, true
	}
	id := int32(len(rs.terms))
	rs.terms = append(rs.terms, t)
	rs.refs = append(rs.refs, nil)
	rs.termIndex[string(rs.keyBuf)] = id
	rs.auto.add(id, &rs.terms[id])
	return id, true
}

// parseTerm folds a term's words as the scanner will see them, with toks
// as scratch and words holding the folded words seen so far.
func parseTerm(toks *norm.Tokens, words map[string]string, text string, wild, exact bool) (term, bool) {
	t := term{text: text, words: make([]string, 0, strings.Count(text, " ")+1)}
	for raw := range strings.FieldsSeq(text) {
		stem, isWild := strings.CutSuffix(raw, "*")
		isWild = isWild && wild
		toks.Reset()
		toks.Tokenize(stem)
		if len(toks.List) == 0 || strings.Contains(stem, "*") && wild {
			return t, false
		}
		for i := range toks.List {
			t.words = append(t.words, intern(words, toks.Fold(i)))
			if exact {
				tok := toks.List[i]
				t.exact = append(t.exact, stem[tok.Start:tok.End])
			}
		}
		if isWild {
			if len(t.words[len(t.words)-1]) < minStem {
				return t, false
			}
			t.wild |= 1 << (len(t.words) - 1)
		}
	}
	return t, len(t.words) > 0 && len(t.words) <= maxTermWords
}

// intern returns the one copy of a folded word, making it the first time.
func intern(words map[string]string, w []byte) string {
	if s, ok := words[string(w)]; ok {
		return s
	}
	s := string(w)
	words[s] = s
	return s
}

// appendTermKey appends the key that identifies a term for sharing to b.
// It runs once per alias of every listed party, so it reuses one buffer.
func appendTermKey(b []byte, t *term) []byte {
	for _, w := range t.words {
		b = append(append(b, w...), ' ')
	}
	b = strconv.AppendUint(append(b, '*'), uint64(t.wild), 16)
	if t.exact != nil {
		b = append(b, '=')
		for _, w := range t.exact {
			b = append(append(b, w...), ' ')
		}
	}
	return b
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
			disabled.root = &orNode{src: "disabled"}
			r = &disabled
		}
		out.rules[i] = r
	}
	return &out
}
