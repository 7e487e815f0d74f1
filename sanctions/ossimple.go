package sanctions

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ossColumns are the columns of OpenSanctions' targets.simple.csv that we
// need; the header must name them all.
var ossColumns = []string{"id", "schema", "name", "aliases", "countries", "identifiers", "sanctions", "first_seen"}

// ParseOSSimple reads OpenSanctions' targets.simple.csv: a header row, then
// one row per target with multiple values joined by ";". Rows of schemata
// that are not parties are skipped. A missing column, a short row or a
// broken quote is an error naming the line.
func ParseOSSimple(r io.Reader) ([]Party, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("opensanctions csv: header: %w", err)
	}
	col, err := ossIndex(head)
	if err != nil {
		return nil, fmt.Errorf("opensanctions csv: header: %w", err)
	}
	var out []Party
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("opensanctions csv: %w", err)
		}
		p, ok, err := ossParty(rec, col)
		if err != nil {
			line, _ := cr.FieldPos(0)
			return nil, fmt.Errorf("opensanctions csv: line %d: %w", line, err)
		}
		if ok {
			out = append(out, p)
		}
	}
}

func ossIndex(head []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(strings.TrimSpace(h), "\ufeff")] = i
	}
	for _, c := range ossColumns {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("no %q column", c)
		}
	}
	return col, nil
}

func ossParty(rec []string, col map[string]int) (Party, bool, error) {
	get := func(c string) string { return rec[col[c]] }
	kind, ok := ftmKinds[get("schema")]
	if !ok {
		return Party{}, false, nil
	}
	id, name := strings.TrimSpace(get("id")), cleanName(get("name"))
	if id == "" || name == "" {
		return Party{}, false, errors.New("row without id or name")
	}
	p := Party{ID: "os:" + id, List: "opensanctions", Kind: kind, Name: name, RefID: id}
	for _, a := range splitMulti(get("aliases")) {
		p.addAlias(a, QualityGood)
	}
	p.Countries = splitMulti(get("countries"))
	for _, v := range splitMulti(get("identifiers")) {
		if ValidIMO(strings.TrimPrefix(v, "IMO")) {
			p.addIdentifier(IDIMO, strings.TrimPrefix(v, "IMO"))
		}
	}
	p.Programmes = splitMulti(get("sanctions"))
	return p, true, nil
}

// splitMulti splits a ";"-joined cell into its trimmed, non-empty values.
func splitMulti(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ";") {
		out = addUnique(out, v)
	}
	return out
}
