package sanctions

import (
	"bytes"
	"testing"
)

// checkParties asserts what every successful parse must give: an ID, a
// name and a known kind for every party.
func checkParties(t *testing.T, ps []Party) {
	for _, p := range ps {
		if p.ID == "" || p.Name == "" {
			t.Fatalf("party without id or name: %+v", p)
		}
		switch p.Kind {
		case KindPerson, KindOrganisation, KindVessel, KindAircraft:
		default:
			t.Fatalf("party %s has kind %q", p.ID, p.Kind)
		}
		for _, id := range p.IMO() {
			if !ValidIMO(id) {
				t.Fatalf("party %s has invalid IMO %q", p.ID, id)
			}
		}
		Variants(p)
	}
}

func FuzzParseUN(f *testing.F) {
	f.Add([]byte(readFixture(f, "un/v1.xml")))
	f.Fuzz(func(t *testing.T, b []byte) {
		ps, err := ParseUN(bytes.NewReader(b))
		if err != nil && ps != nil {
			t.Fatal("parties returned with an error")
		}
		checkParties(t, ps)
	})
}

func FuzzParseOFAC(f *testing.F) {
	f.Add([]byte(readFixture(f, "ofac/SDN.CSV")))
	f.Fuzz(func(t *testing.T, b []byte) {
		ps, err := ParseOFAC(OFACFiles{Primary: bytes.NewReader(b)})
		if err != nil && ps != nil {
			t.Fatal("parties returned with an error")
		}
		checkParties(t, ps)
	})
}

func FuzzParseFTM(f *testing.F) {
	f.Add([]byte(readFixture(f, "entities.ftm.jsonl")))
	f.Fuzz(func(t *testing.T, b []byte) {
		ps, err := ParseFTM(bytes.NewReader(b))
		if err != nil && ps != nil {
			t.Fatal("parties returned with an error")
		}
		checkParties(t, ps)
	})
}
