package sanctions

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// MaxFTMLine bounds one JSON line of a FollowTheMoney export. The largest
// real entities (a terrorist group with hundreds of aliases in thirty
// scripts) are well under 1 MiB.
const MaxFTMLine = 8 << 20

// ftmEntity is one FollowTheMoney entity; a delta line wraps it as
// {"op": "ADD", "entity": {...}}.
type ftmEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Caption    string              `json:"caption"`
	Properties map[string][]string `json:"properties"`
	FirstSeen  string              `json:"first_seen"`
	Target     *bool               `json:"target"`
}

type ftmLine struct {
	ftmEntity
	Op     string     `json:"op"`
	Entity *ftmEntity `json:"entity"`
}

// ftmKinds maps the schemata we import; others (Address, Sanction,
// Ownership...) describe parties rather than being ones and are skipped.
var ftmKinds = map[string]string{
	"Person":       KindPerson,
	"Company":      KindOrganisation,
	"Organization": KindOrganisation,
	"LegalEntity":  KindOrganisation,
	"PublicBody":   KindOrganisation,
	"Vessel":       KindVessel,
	"Airplane":     KindAircraft,
}

// ParseFTM reads OpenSanctions FollowTheMoney JSON lines, plain entities or
// delta lines ({"op","entity"}; DEL lines are skipped, as a delta is not a
// whole list). Entities flagged "target": false are context, not
// designations, and are skipped. A line that is not JSON, an entity without
// id or name, or a line over MaxFTMLine is an error naming the line.
func ParseFTM(r io.Reader) ([]Party, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxFTMLine)
	var out []Party
	for n := 1; sc.Scan(); n++ {
		p, ok, err := parseFTMLine(sc.Bytes())
		if err != nil {
			return nil, fmt.Errorf("ftm: line %d: %w", n, err)
		}
		if ok {
			out = append(out, p)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ftm: after %d entities: %w", len(out), err)
	}
	return out, nil
}

func parseFTMLine(line []byte) (Party, bool, error) {
	if len(strings.TrimSpace(string(line))) == 0 {
		return Party{}, false, nil
	}
	var l ftmLine
	if err := json.Unmarshal(line, &l); err != nil {
		return Party{}, false, err
	}
	e := &l.ftmEntity
	if l.Entity != nil {
		if l.Op != "" && l.Op != "ADD" && l.Op != "MOD" {
			return Party{}, false, nil
		}
		e = l.Entity
	}
	kind, ok := ftmKinds[e.Schema]
	if !ok || (e.Target != nil && !*e.Target) {
		return Party{}, false, nil
	}
	return ftmParty(e, kind)
}

func ftmParty(e *ftmEntity, kind string) (Party, bool, error) {
	if e.ID == "" {
		return Party{}, false, errors.New("entity without id")
	}
	props := e.Properties
	name := cleanName(e.Caption)
	if name == "" && len(props["name"]) > 0 {
		name = cleanName(props["name"][0])
	}
	if name == "" {
		return Party{}, false, fmt.Errorf("entity %s has no name", e.ID)
	}
	p := Party{ID: "os:" + e.ID, List: "opensanctions", Kind: kind, Name: name, RefID: e.ID}
	for _, key := range []string{"name", "alias", "previousName"} {
		for _, a := range props[key] {
			p.addAlias(a, QualityGood)
		}
	}
	for _, a := range props["weakAlias"] {
		p.addAlias(a, QualityWeak)
	}
	fillFTM(&p, props)
	if t, err := time.Parse("2006-01-02", firstDate(props["createdAt"], e.FirstSeen)); err == nil {
		p.Listed = t
	}
	return p, true, nil
}

// fillFTM copies programmes, countries and identifiers.
func fillFTM(p *Party, props map[string][]string) {
	for _, key := range []string{"program", "programId"} {
		for _, v := range props[key] {
			p.Programmes = addUnique(p.Programmes, v)
		}
	}
	for _, v := range props["nationality"] {
		p.Nationality = addUnique(p.Nationality, v)
	}
	for _, key := range []string{"country", "jurisdiction", "flag"} {
		for _, v := range props[key] {
			p.Countries = addUnique(p.Countries, v)
		}
	}
	for _, v := range props["imoNumber"] {
		if v = strings.TrimPrefix(strings.TrimSpace(v), "IMO"); ValidIMO(strings.TrimSpace(v)) {
			p.addIdentifier(IDIMO, strings.TrimSpace(v))
		}
	}
	for _, v := range props["mmsi"] {
		p.addIdentifier(IDMMSI, strings.TrimSpace(v))
	}
	for _, v := range props["callSign"] {
		p.addIdentifier(IDCallSign, strings.TrimSpace(v))
	}
}

// firstDate returns the first ten characters of the first date given.
func firstDate(dates []string, fallback string) string {
	d := fallback
	if len(dates) > 0 {
		d = dates[0]
	}
	if len(d) >= 10 {
		return d[:10]
	}
	return d
}
