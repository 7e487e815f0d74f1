package sanctions

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// OFACFiles are the four files of one OFAC CSV set, SDN (sdn.csv, alt.csv,
// add.csv, sdn_comments.csv) or Consolidated (cons_prim.csv, cons_alt.csv,
// cons_add.csv, cons_comments.csv). Only Primary is required; a nil reader
// is an absent file.
type OFACFiles struct {
	Primary, Alt, Add, Comments io.Reader
}

// Column counts of the OFAC CSV files, which have no header row.
const (
	ofacPrimaryCols  = 12
	ofacAltCols      = 5
	ofacAddCols      = 6
	ofacCommentsCols = 2
)

// ParseOFAC reads an OFAC CSV set. Rows join on ent_num; an alternate
// name, address or comment for an unknown ent_num, a row with the wrong
// number of columns or a broken quote is an error naming the file and line.
// Aliases in alt.csv are good; the "a.k.a. 'X'" names OFAC leaves in the
// remarks are its weak aliases.
func ParseOFAC(files OFACFiles) ([]Party, error) {
	if files.Primary == nil {
		return nil, errors.New("ofac: no primary file")
	}
	var parties []Party
	index := map[string]int{}
	remarks := map[string]*strings.Builder{}
	err := readOFAC("primary", files.Primary, ofacPrimaryCols, func(rec []string) error {
		if _, dup := index[rec[0]]; dup {
			return fmt.Errorf("duplicate ent_num %s", rec[0])
		}
		p, err := ofacParty(rec)
		if err != nil {
			return err
		}
		index[rec[0]] = len(parties)
		parties = append(parties, p)
		remarks[rec[0]] = new(strings.Builder)
		remarks[rec[0]].WriteString(nullable(rec[11]))
		return nil
	})
	if err != nil {
		return nil, err
	}
	lookup := func(ent string) (*Party, error) {
		i, ok := index[ent]
		if !ok {
			return nil, fmt.Errorf("ent_num %s is not in the primary file", ent)
		}
		return &parties[i], nil
	}
	if err := readOFACJoins(files, lookup, remarks); err != nil {
		return nil, err
	}
	for ent, i := range index {
		applyRemarks(&parties[i], remarks[ent].String())
	}
	return parties, nil
}

func readOFACJoins(files OFACFiles, lookup func(string) (*Party, error), remarks map[string]*strings.Builder) error {
	err := readOFAC("alt", files.Alt, ofacAltCols, func(rec []string) error {
		p, err := lookup(rec[0])
		if err == nil {
			p.addAlias(rec[3], altQuality(rec[4]))
		}
		return err
	})
	if err != nil {
		return err
	}
	err = readOFAC("add", files.Add, ofacAddCols, func(rec []string) error {
		p, err := lookup(rec[0])
		if err == nil {
			p.Countries = addUnique(p.Countries, nullable(rec[4]))
		}
		return err
	})
	if err != nil {
		return err
	}
	return readOFAC("comments", files.Comments, ofacCommentsCols, func(rec []string) error {
		if _, err := lookup(rec[0]); err != nil {
			return err
		}
		remarks[rec[0]].WriteString(nullable(rec[1]))
		return nil
	})
}

// readOFAC calls row for each record of one headerless OFAC CSV file. The
// files end with CRLF and a DOS end-of-file byte (0x1A) on a line of its
// own; anything after that byte is an error.
func readOFAC(name string, r io.Reader, cols int, row func([]string) error) error {
	if r == nil {
		return nil
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	ended := false
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("ofac %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "\x1a" && !ended {
			ended = true
			continue
		}
		err = checkOFACRow(rec, cols, ended)
		if err == nil {
			err = row(rec)
		}
		if err != nil {
			return fmt.Errorf("ofac %s: line %d: %w", name, line, err)
		}
	}
}

func checkOFACRow(rec []string, cols int, ended bool) error {
	switch {
	case ended:
		return errors.New("data after the end-of-file marker")
	case len(rec) != cols:
		return fmt.Errorf("%d fields, want %d (truncated or malformed row)", len(rec), cols)
	case strings.TrimSpace(rec[0]) == "" || strings.Trim(rec[0], "0123456789") != "":
		return fmt.Errorf("ent_num %q is not a number", rec[0])
	}
	return nil
}

// nullable turns OFAC's null marker "-0-" into "".
func nullable(s string) string {
	s = strings.TrimSpace(s)
	if s == "-0-" {
		return ""
	}
	return s
}

// ofacParty builds a party from a primary row: ent_num, SDN_Name, SDN_Type,
// Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner,
// Remarks.
func ofacParty(rec []string) (Party, error) {
	name := cleanName(rec[1])
	if name == "" {
		return Party{}, fmt.Errorf("ent_num %s has no name", rec[0])
	}
	p := Party{ID: "ofac:" + rec[0], List: "ofac", RefID: rec[0], Name: name, Kind: ofacKind(rec[2])}
	p.Programmes = ofacProgrammes(rec[3])
	p.addIdentifier(IDCallSign, nullable(rec[5]))
	p.Countries = addUnique(p.Countries, nullable(rec[9]))
	return p, nil
}

func ofacKind(t string) string {
	switch strings.ToLower(nullable(t)) {
	case "individual":
		return KindPerson
	case "vessel":
		return KindVessel
	case "aircraft":
		return KindAircraft
	}
	return KindOrganisation
}

// ofacProgrammes splits the program column: "DPRK3] [IRAN" or "[SDGT]".
func ofacProgrammes(s string) []string {
	var out []string
	for _, p := range strings.Split(nullable(s), "] [") {
		out = addUnique(out, strings.Trim(p, "[] "))
	}
	return out
}

// altQuality reads alt_remarks, where newer files mark weak aliases.
func altQuality(remarks string) string {
	if strings.Contains(strings.ToLower(remarks), "weak") {
		return QualityWeak
	}
	return QualityGood
}

var (
	remarkAKA   = regexp.MustCompile(`\b([afn])\.k\.a\.,?\s*'([^']+)'`)
	remarkMMSI  = regexp.MustCompile(`\bMMSI\s*(\d{9})\b`)
	remarkNatio = regexp.MustCompile(`\b(?:[Nn]ationality|[Cc]itizen) ([A-Z][A-Za-z .'-]+?)(?:;|\.|$)`)
)

// applyRemarks takes identifiers, weak aliases and nationalities from the
// remarks (with the continuation from the comments file appended).
// Each pattern runs only on remarks holding its literal part: most remarks
// hold none, and the backtracking matcher was a fifth of an import.
func applyRemarks(p *Party, remarks string) {
	if strings.Contains(remarks, "IMO") {
		for _, imo := range findIMOs(remarks) {
			p.addIdentifier(IDIMO, imo)
		}
	}
	if strings.Contains(remarks, "MMSI") {
		for _, m := range remarkMMSI.FindAllStringSubmatch(remarks, -1) {
			p.addIdentifier(IDMMSI, m[1])
		}
	}
	if !strings.Contains(remarks, ".k.a.") {
		applyNationality(p, remarks)
		return
	}
	for _, m := range remarkAKA.FindAllStringSubmatch(remarks, -1) {
		q := QualityWeak
		if m[1] != "a" {
			q = QualityGood // a former or new name, e.g. of a renamed tanker
		}
		p.addAlias(m[2], q)
	}
	applyNationality(p, remarks)
}

func applyNationality(p *Party, remarks string) {
	if !strings.Contains(remarks, "ationality") && !strings.Contains(remarks, "itizen") {
		return
	}
	for _, m := range remarkNatio.FindAllStringSubmatch(remarks, -1) {
		p.Nationality = addUnique(p.Nationality, m[1])
	}
}
