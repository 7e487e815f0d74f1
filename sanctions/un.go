package sanctions

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// unRecord is one INDIVIDUAL or ENTITY of the UN consolidated list, with only
// the fields we keep.
type unRecord struct {
	DataID      string      `xml:"DATAID"`
	Names       []string    `xml:"FIRST_NAME"`
	Second      string      `xml:"SECOND_NAME"`
	Third       string      `xml:"THIRD_NAME"`
	Fourth      string      `xml:"FOURTH_NAME"`
	ListType    string      `xml:"UN_LIST_TYPE"`
	Ref         string      `xml:"REFERENCE_NUMBER"`
	ListedOn    string      `xml:"LISTED_ON"`
	Comments    string      `xml:"COMMENTS1"`
	Original    string      `xml:"NAME_ORIGINAL_SCRIPT"`
	Nationality []string    `xml:"NATIONALITY>VALUE"`
	Aliases     []unAlias   `xml:"INDIVIDUAL_ALIAS"`
	EntAliases  []unAlias   `xml:"ENTITY_ALIAS"`
	Addresses   []unAddress `xml:"INDIVIDUAL_ADDRESS"`
	EntAddress  []unAddress `xml:"ENTITY_ADDRESS"`
}

type unAlias struct {
	Quality string `xml:"QUALITY"`
	Name    string `xml:"ALIAS_NAME"`
}

type unAddress struct {
	Country string `xml:"COUNTRY"`
}

// ParseUN reads the UN Security Council consolidated list XML. Every
// INDIVIDUAL becomes a person and every ENTITY an organisation (a vessel
// when its comments give an IMO number and call it a vessel). The list must
// be complete: a document that ends before </CONSOLIDATED_LIST>, has another
// root, or holds a record without a reference number is an error naming the
// line, never a partial import.
func ParseUN(r io.Reader) ([]Party, error) {
	d := xml.NewDecoder(r)
	var out []Party
	depth, closed := 0, false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, unError(d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 && t.Name.Local != "CONSOLIDATED_LIST" {
				return nil, unError(d, fmt.Errorf("root element is <%s>, want <CONSOLIDATED_LIST>", t.Name.Local))
			}
			if t.Name.Local == "INDIVIDUAL" || t.Name.Local == "ENTITY" {
				p, err := decodeUNRecord(d, t)
				if err != nil {
					return nil, unError(d, err)
				}
				out = append(out, p)
				continue
			}
			depth++
		case xml.EndElement:
			depth--
			closed = depth == 0
		}
	}
	if !closed {
		return nil, unError(d, errors.New("document ends before </CONSOLIDATED_LIST>: truncated"))
	}
	return out, nil
}

func unError(d *xml.Decoder, err error) error {
	line, _ := d.InputPos()
	return fmt.Errorf("un xml: line %d: %w", line, err)
}

func decodeUNRecord(d *xml.Decoder, start xml.StartElement) (Party, error) {
	var rec unRecord
	if err := d.DecodeElement(&rec, &start); err != nil {
		return Party{}, err
	}
	ref := strings.TrimSpace(rec.Ref)
	if ref == "" {
		return Party{}, fmt.Errorf("%s %s without REFERENCE_NUMBER", start.Name.Local, rec.DataID)
	}
	p := Party{
		ID:         "un:" + ref,
		List:       "un",
		Kind:       KindPerson,
		RefID:      ref,
		Name:       cleanName(strings.Join(append(rec.Names, rec.Second, rec.Third, rec.Fourth), " ")),
		Programmes: unProgrammes(ref, strings.TrimSpace(rec.ListType)),
	}
	if p.Name == "" {
		return Party{}, fmt.Errorf("%s %s has no name", start.Name.Local, ref)
	}
	if start.Name.Local == "ENTITY" {
		p.Kind = KindOrganisation
	}
	if t, err := time.Parse(time.DateOnly, strings.TrimSpace(rec.ListedOn)); err == nil {
		p.Listed = t
	}
	rec.fill(&p)
	return p, nil
}

// fill copies aliases, countries and identifiers into p.
func (rec *unRecord) fill(p *Party) {
	for _, a := range append(rec.Aliases, rec.EntAliases...) {
		p.addAlias(a.Name, unQuality(a.Quality))
	}
	p.addAlias(rec.Original, QualityGood)
	for _, n := range rec.Nationality {
		p.Nationality = addUnique(p.Nationality, n)
	}
	for _, a := range append(rec.Addresses, rec.EntAddress...) {
		p.Countries = addUnique(p.Countries, a.Country)
	}
	for _, imo := range findIMOs(rec.Comments) {
		p.addIdentifier(IDIMO, imo)
	}
	if p.Kind == KindOrganisation && len(p.Identifiers) > 0 &&
		strings.Contains(strings.ToLower(rec.Comments), "vessel") {
		p.Kind = KindVessel
	}
}

// unQuality maps the list's QUALITY values. "a.k.a." and "f.k.a." appear on
// entities and are names in their own right.
func unQuality(q string) string {
	if strings.EqualFold(strings.TrimSpace(q), "low") {
		return QualityLow
	}
	return QualityGood
}
