package sanctions

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// TestEntitiesMatchNewsText loads the fixture lists as rule entities and
// checks the guards against noise: weak names need context, IMO numbers
// stand alone, personal names match in news order.
func TestEntitiesMatchNewsText(t *testing.T) {
	un, err := ParseUN(mustOpen(t, "testdata/un/v1.xml"))
	if err != nil {
		t.Fatal(err)
	}
	ofac, err := ParseOFAC(OFACFiles{Primary: mustOpen(t, "testdata/ofac/SDN.CSV"), Alt: mustOpen(t, "testdata/ofac/ALT.CSV"),
		Add: mustOpen(t, "testdata/ofac/ADD.CSV"), Comments: mustOpen(t, "testdata/ofac/SDN_COMMENTS.CSV")})
	if err != nil {
		t.Fatal(err)
	}
	ents := append(Entities("un", un), Entities("ofac", ofac)...)
	rs, err := rules.Compile([]rules.Source{{Name: "t.yaml", Data: []byte(`rules:
  - id: un
    severity: high
    query: '@list:un'
  - id: ofac-vessel
    severity: high
    query: '@list:ofac AND @kind:vessel'
  - id: dprk-regime
    severity: high
    query: '@regime:dprk'
`)}}, rules.Env{Entities: ents, Lists: []string{"un", "ofac"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want string
	}{
		{"Officials met Ri Chang-ho in Beijing", "un,dprk-regime"},
		{"RI CHANG HO was seen in Dandong", "un,dprk-regime"},
		{"Korea Sample Trading Corporation shipped coal", "un,dprk-regime"},
		{"The tanker HOPE switched off its transponder", "ofac-vessel"},
		// The fixtures list this IMO number twice: as UN vessel GOLDEN STAR and OFAC vessel HOPE.
		{"A ship with IMO 9187629 loaded oil off Nampo", "un,ofac-vessel,dprk-regime"},
		{"The Golden Star tanker docked", "un,dprk-regime"},
		{"Golden Star awards for film", ""},
		{"We hope the talks succeed", ""},
		{"Chang said the weather was fine", ""},
	}
	for _, tt := range tests {
		var ids []string
		for _, m := range rs.Match(&story.Story{Title: tt.text}) {
			ids = append(ids, m.RuleID)
		}
		if got := strings.Join(ids, ","); got != tt.want {
			t.Errorf("%q: rules %q, want %q", tt.text, got, tt.want)
		}
	}
}

func mustOpen(t *testing.T, name string) *os.File {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestUNRegimesUseTheRulesIDs: a party on the UN 1267 list falls under the
// regime rules call isil-alqaida, whether its programme came as the
// committee's number or the list's short name.
func TestUNRegimesUseTheRulesIDs(t *testing.T) {
	p := Party{ID: "un:QDi.001", Name: "Example Person", Kind: KindPerson, RefID: "QDi.001",
		Programmes: unProgrammes("QDi.001", "Al-Qaida")}
	ents := Entities("un", []Party{p})
	if len(ents) != 1 || !slices.Equal(ents[0].Regimes, []string{"isil-alqaida", "1267", "al-qaida"}) {
		t.Fatalf("regimes = %v", ents[0].Regimes)
	}
	stored := Party{ID: "un:QDe.002", Name: "Example Front", Kind: KindOrganisation,
		Programmes: []string{"1267", "ISIL/Al-Qaida"}}
	if got := Entities("un", []Party{stored})[0].Regimes; !slices.Equal(got, []string{"isil-alqaida", "1267"}) {
		t.Fatalf("regimes of a stored import = %v", got)
	}
}
