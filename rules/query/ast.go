package query

import "regexp"

// Node is a node of the syntax tree. String returns the canonical form of
// the subtree, which parses back to an equal tree; Pos is where the node
// starts in the query (for Not, Near and Scope: the operator or field).
type Node interface {
	Pos() Pos
	String() string
}

// Or matches when any of Xs matches. Chains are flattened: Xs never holds
// an Or.
type Or struct {
	At Pos
	Xs []Node
}

// And matches when all of Xs match, written with AND or by juxtaposition.
// Chains are flattened: Xs never holds an And.
type And struct {
	At Pos
	Xs []Node
}

// Not matches when X does not; written NOT x or -x.
type Not struct {
	At Pos
	X  Node
}

// Near matches when L and R occur within N words of each other; when
// Ordered (ONEAR, PRE), L must come before R.
type Near struct {
	At      Pos
	L, R    Node
	N       int
	Ordered bool
}

// Scope restricts X to one story field (see Fields).
type Scope struct {
	At    Pos
	Field string
	X     Node
}

// Term is a bare word or a quoted phrase. Words are kept as written (a
// bare word is one string even when it holds hyphens, slashes or dots;
// a phrase is split on spaces only): the rule engine tokenises them the
// same way it tokenises stories. Wildcard marks a trailing "*" on the last
// word, which is not included in Words.
type Term struct {
	At       Pos
	Words    []string
	Wildcard bool
	Phrase   bool
}

// ListRef names a term list of the rule files: $name.
type ListRef struct {
	At   Pos
	Name string
}

// EntityRef selects entities of the rule files. By is "id" (@name),
// "kind" (@kind:vessel), "list" (@list:name) or "regime" (@regime:dprk).
type EntityRef struct {
	At   Pos
	By   string
	Name string
}

// ResolutionRef matches a UN Security Council resolution by number, or
// any resolution when Number is 0 (resolution:*).
type ResolutionRef struct {
	At     Pos
	Number int
}

// LangRef matches stories in a language, by ISO 639-1 code (lang:ko). It
// is a condition on the whole story: it has no position, so it cannot be
// an operand of NEAR.
type LangRef struct {
	At   Pos
	Code string
}

// RegimeRef matches any resolution of a UN sanctions regime (regime:dprk).
type RegimeRef struct {
	At   Pos
	Name string
}

// Regex is an RE2 pattern, already compiled into Re (with case folding
// when Fold). Pattern is the text between the slashes, as written.
type Regex struct {
	At      Pos
	Pattern string
	Fold    bool
	Re      *regexp.Regexp
}

func (n *Or) Pos() Pos            { return n.At }
func (n *And) Pos() Pos           { return n.At }
func (n *Not) Pos() Pos           { return n.At }
func (n *Near) Pos() Pos          { return n.At }
func (n *Scope) Pos() Pos         { return n.At }
func (n *Term) Pos() Pos          { return n.At }
func (n *ListRef) Pos() Pos       { return n.At }
func (n *EntityRef) Pos() Pos     { return n.At }
func (n *ResolutionRef) Pos() Pos { return n.At }
func (n *RegimeRef) Pos() Pos     { return n.At }
func (n *LangRef) Pos() Pos       { return n.At }
func (n *Regex) Pos() Pos         { return n.At }

func (n *Or) String() string            { return format(n) }
func (n *And) String() string           { return format(n) }
func (n *Not) String() string           { return format(n) }
func (n *Near) String() string          { return format(n) }
func (n *Scope) String() string         { return format(n) }
func (n *Term) String() string          { return format(n) }
func (n *ListRef) String() string       { return format(n) }
func (n *EntityRef) String() string     { return format(n) }
func (n *ResolutionRef) String() string { return format(n) }
func (n *RegimeRef) String() string     { return format(n) }
func (n *LangRef) String() string       { return format(n) }
func (n *Regex) String() string         { return format(n) }
