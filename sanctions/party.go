// Package sanctions turns published sanctions lists (UN Security Council
// consolidated XML, OFAC CSV, OpenSanctions exports) into Parties: the
// designated people, organisations, vessels and aircraft that stories are
// matched against. It also compares two imports of a list and turns the
// differences into alerts, because a new designation is news in itself.
package sanctions

import "time"

// The kinds of party a list designates.
const (
	KindPerson       = "person"
	KindOrganisation = "organisation"
	KindVessel       = "vessel"
	KindAircraft     = "aircraft"
)

// Alias qualities, from the lists' own grading. A "good" alias is a name the
// party is known by; "low" (UN) and "weak" (OFAC, OpenSanctions) aliases are
// vague nicknames or transliterations that only count with context.
const (
	QualityGood = "good"
	QualityLow  = "low"
	QualityWeak = "weak"
)

// Identifier types that parsers fill in.
const (
	IDIMO      = "imo"
	IDMMSI     = "mmsi"
	IDCallSign = "call_sign"
)

// Party is one designated person, organisation, vessel or aircraft.
type Party struct {
	// ID is stable across imports: a list prefix and the list's own
	// reference ("un:KPe.001", "ofac:12345", "os:NK-2Ka3..."), so that a diff
	// can tell a changed entry from a new one.
	ID          string       `json:"id"`
	List        string       `json:"list"`
	Kind        string       `json:"kind"`
	Name        string       `json:"name"`
	Aliases     []Alias      `json:"aliases,omitempty"`
	Programmes  []string     `json:"programmes,omitempty"`
	RefID       string       `json:"ref_id"`
	Nationality []string     `json:"nationality,omitempty"`
	Countries   []string     `json:"countries,omitempty"` // from addresses and list country fields
	Identifiers []Identifier `json:"identifiers,omitempty"`
	Listed      time.Time    `json:"listed,omitzero"`
}

// Alias is another name of a party.
type Alias struct {
	Name    string `json:"name"`
	Quality string `json:"quality"`
	// NeedsContext is set by the parser when the list itself says the alias
	// is weak; Variants adds its own reasons.
	NeedsContext bool `json:"needs_context,omitempty"`
}

// Identifier is a number that names a party on its own, such as an IMO
// number.
type Identifier struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// addAlias appends an alias unless the party already has that name.
func (p *Party) addAlias(name, quality string) {
	name = cleanName(name)
	if name == "" || sameName(name, p.Name) {
		return
	}
	for _, a := range p.Aliases {
		if sameName(a.Name, name) {
			return
		}
	}
	weak := quality != QualityGood
	p.Aliases = append(p.Aliases, Alias{Name: name, Quality: quality, NeedsContext: weak})
}

// addIdentifier appends an identifier unless it is already there.
func (p *Party) addIdentifier(typ, value string) {
	if value == "" {
		return
	}
	for _, id := range p.Identifiers {
		if id.Type == typ && id.Value == value {
			return
		}
	}
	p.Identifiers = append(p.Identifiers, Identifier{Type: typ, Value: value})
}

// IMO returns the party's IMO numbers.
func (p *Party) IMO() []string {
	var out []string
	for _, id := range p.Identifiers {
		if id.Type == IDIMO {
			out = append(out, id.Value)
		}
	}
	return out
}

// Programme returns the party's first programme, the one alerts group by.
func (p *Party) Programme() string {
	if len(p.Programmes) == 0 {
		return ""
	}
	return p.Programmes[0]
}

// AliasCount counts the aliases of all parties, for the lists command.
func AliasCount(ps []Party) int {
	n := 0
	for i := range ps {
		n += len(ps[i].Aliases)
	}
	return n
}
