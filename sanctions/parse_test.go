package sanctions

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func openFixture(tb testing.TB, name string) *os.File {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", filepath.FromSlash(name)))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

func readFixture(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", filepath.FromSlash(name)))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func fixtureOFAC(tb testing.TB) OFACFiles {
	return OFACFiles{
		Primary:  openFixture(tb, "ofac/SDN.CSV"),
		Alt:      openFixture(tb, "ofac/ALT.CSV"),
		Add:      openFixture(tb, "ofac/ADD.CSV"),
		Comments: openFixture(tb, "ofac/SDN_COMMENTS.CSV"),
	}
}

func TestParseUNFixture(t *testing.T) {
	ps, err := ParseUN(openFixture(t, "un/v1.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 4 {
		t.Fatalf("%d parties, want 4", len(ps))
	}
	ri := findParty(ps, "un:KPi.901")
	if ri == nil || ri.Name != "RI CHANG HO" || ri.Kind != KindPerson {
		t.Fatalf("KPi.901 = %+v", ri)
	}
	if !slices.Equal(ri.Programmes, []string{"1718", "DPRK"}) {
		t.Errorf("programmes %v, want [1718 DPRK]", ri.Programmes)
	}
	wantAliases := []Alias{{Name: "Chang", Quality: QualityLow, NeedsContext: true}}
	if !slices.Equal(ri.Aliases, wantAliases) {
		t.Errorf("aliases %+v, want %+v (Ri Chang-ho is the name itself)", ri.Aliases, wantAliases)
	}
	ship := findParty(ps, "un:KPe.902")
	if ship == nil || ship.Kind != KindVessel || !slices.Equal(ship.IMO(), []string{"9187629"}) {
		t.Errorf("KPe.902 = %+v, want a vessel with IMO 9187629", ship)
	}
	qd := findParty(ps, "un:QDi.901")
	if qd == nil || qd.Programmes[0] != "1267" || len(qd.Aliases) != 1 || qd.Countries[0] != "Syrian Arab Republic" {
		t.Errorf("QDi.901 = %+v", qd)
	}
}

func TestParseUNBadInput(t *testing.T) {
	good := readFixture(t, "un/v1.xml")
	tests := []struct {
		name, doc, want string
	}{
		{"truncated", good[:len(good)/2], "line"},
		{"no closing root", strings.TrimSuffix(strings.TrimSpace(good), "</CONSOLIDATED_LIST>"), "line"},
		{"html error page", "<html><body>502 Bad Gateway</body></html>", "root element"},
		{"empty", "", "truncated"},
		{"no reference", strings.Replace(good, "<REFERENCE_NUMBER>KPe.901</REFERENCE_NUMBER>", "", 1), "without REFERENCE_NUMBER"},
		{"garbage", "\x00\x01not xml", "line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := ParseUN(strings.NewReader(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %d parties, err %v; want an error containing %q", len(ps), err, tt.want)
			}
			if ps != nil {
				t.Errorf("returned %d parties with the error", len(ps))
			}
		})
	}
}

func TestParseOFACFixture(t *testing.T) {
	ps, err := ParseOFAC(fixtureOFAC(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 {
		t.Fatalf("%d parties, want 3", len(ps))
	}
	ivan := findParty(ps, "ofac:101")
	if ivan.Kind != KindPerson || !slices.Equal(ivan.Nationality, []string{"Russia"}) || !slices.Equal(ivan.Countries, []string{"Russia"}) {
		t.Errorf("ofac:101 = %+v", ivan)
	}
	if !slices.Contains(ivan.Aliases, Alias{Name: "VANYA", Quality: QualityWeak, NeedsContext: true}) {
		t.Errorf("ofac:101 aliases %+v lack weak VANYA", ivan.Aliases)
	}
	hope := findParty(ps, "ofac:102")
	wantIDs := []Identifier{{IDCallSign, "HPAB7"}, {IDIMO, "9187629"}, {IDMMSI, "123456789"}}
	if hope.Kind != KindVessel || !slices.Equal(hope.Identifiers, wantIDs) || !slices.Equal(hope.Programmes, []string{"DPRK3", "IRAN"}) {
		t.Errorf("ofac:102 = %+v", hope)
	}
	otc := findParty(ps, "ofac:103")
	if !slices.ContainsFunc(otc.Aliases, func(a Alias) bool { return a.Name == "OTC" }) {
		t.Errorf("ofac:103 aliases %+v lack OTC from the comments file", otc.Aliases)
	}
}

func TestParseOFACBadInput(t *testing.T) {
	good := readFixture(t, "ofac/SDN.CSV")
	tests := []struct {
		name, sdn, alt, want string
	}{
		{"truncated in a quote", good[:len(good)/3], "", "primary"},
		{"short row", "101,\"X\",\"individual\"\r\n", "", "3 fields, want 12"},
		{"bad ent_num", strings.Replace(good, "101,", "1O1,", 1), "", "not a number"},
		{"duplicate", good[:strings.Index(good, "\r\n")+2] + good, "", "duplicate ent_num 101"},
		{"data after EOF byte", good + "\r\n104,\"Y\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n", "", "end-of-file"},
		{"alt for unknown party", good, "999,1,\"aka\",\"X\",-0- \r\n", "alt: line 1: ent_num 999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := OFACFiles{Primary: strings.NewReader(tt.sdn)}
			if tt.alt != "" {
				files.Alt = strings.NewReader(tt.alt)
			}
			ps, err := ParseOFAC(files)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %d parties, err %v; want an error containing %q", len(ps), err, tt.want)
			}
		})
	}
}

func TestParseFTMFixture(t *testing.T) {
	ps, err := ParseFTM(openFixture(t, "entities.ftm.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 {
		t.Fatalf("%d parties %+v, want 3 (address and non-target skipped)", len(ps), ps)
	}
	ship := findParty(ps, "os:ship-1")
	if ship.Kind != KindVessel || !slices.Equal(ship.IMO(), []string{"9187629"}) || !slices.Equal(ship.Programmes, []string{"UN-1718"}) {
		t.Errorf("os:ship-1 = %+v", ship)
	}
	person := findParty(ps, "os:person-1")
	if !slices.Contains(person.Aliases, Alias{Name: "The Banker", Quality: QualityWeak, NeedsContext: true}) {
		t.Errorf("os:person-1 aliases %+v lack weak alias", person.Aliases)
	}
	if _, err := ParseFTM(strings.NewReader("{\"id\":\"x\",\"schema\":\"Person\"\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("truncated JSON: err %v, want line 1", err)
	}
}

func TestParseOSSimpleFixture(t *testing.T) {
	ps, err := ParseOSSimple(openFixture(t, "targets.simple.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 {
		t.Fatalf("%d parties, want 2", len(ps))
	}
	if p := findParty(ps, "os:NK-ship"); p.Kind != KindVessel || !slices.Equal(p.IMO(), []string{"9187629"}) || len(p.Aliases) != 1 {
		t.Errorf("os:NK-ship = %+v", p)
	}
	if _, err := ParseOSSimple(strings.NewReader("id,name\nx,y\n")); err == nil {
		t.Error("header without the needed columns accepted")
	}
}

func TestValidIMO(t *testing.T) {
	for s, want := range map[string]bool{"9187629": true, "9187628": false, "918762": false, "91876290": false, "91876a9": false, "9074729": true} {
		if got := ValidIMO(s); got != want {
			t.Errorf("ValidIMO(%q) = %v, want %v", s, got, want)
		}
	}
}
