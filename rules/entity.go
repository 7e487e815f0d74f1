package rules

// Entity is a named party that rules can refer to: a country, person,
// organisation, vessel, programme. Rule files define some; sanctions lists
// add thousands more.
type Entity struct {
	ID            string
	Name          string
	Kind          string
	Aliases       []string // matched case-insensitively as whole word sequences
	CaseSensitive []string // matched only with this exact case ("US", "IS")
	// Weak aliases count only when one of Context occurs within
	// ContextWindow words (a listed vessel's common-word name next to
	// "tanker" or its IMO number).
	Weak    []string
	Context []string
	List    string   // the sanctions list it came from, if any
	Regimes []string // programmes or UN regimes it falls under
	RefID   string   // reference id on its list
	Notes   string
	Links   []string
}

// ContextWindow is how near a context word must be to a weak alias.
const ContextWindow = 12

// entityKinds are the kinds an entity may have.
var entityKinds = []string{"country", "person", "organisation", "vessel", "aircraft", "programme", "group", "place", "weapon", "other"}

func knownKind(k string) bool {
	for _, e := range entityKinds {
		if e == k {
			return true
		}
	}
	return false
}

// detail describes an entity for an explanation: list, regime, reference.
func (e *Entity) detail() string {
	s := ""
	add := func(part string) {
		if part == "" {
			return
		}
		if s != "" {
			s += "; "
		}
		s += part
	}
	add(e.List)
	for _, r := range e.Regimes {
		add(r)
	}
	add(e.RefID)
	return s
}
