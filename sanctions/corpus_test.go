package sanctions

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/internal/corpus"
)

func openCorpus(tb testing.TB, name string) *os.File {
	tb.Helper()
	f, err := os.Open(corpus.Path(tb, filepath.Join("corpus", "sanctions", name)))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

func findParty(ps []Party, id string) *Party {
	for i := range ps {
		if ps[i].ID == id {
			return &ps[i]
		}
	}
	return nil
}

func TestCorpusUN(t *testing.T) {
	ps, err := ParseUN(openCorpus(t, "un-sc-consolidated-2026-02-27.xml"))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	dprk := 0
	for _, p := range ps {
		kinds[p.Kind]++
		if slices.Contains(p.Programmes, "1718") {
			dprk++
		}
	}
	t.Logf("%d parties, %d aliases, kinds %v", len(ps), AliasCount(ps), kinds)
	if len(ps) != 1003 || kinds[KindPerson] != 730 || kinds[KindOrganisation] != 273 {
		t.Fatalf("got %d parties %v, want 1003: 730 persons and 273 organisations", len(ps), kinds)
	}
	if dprk != 155 {
		t.Errorf("1718 regime: %d parties, want 155", dprk)
	}
	komid := findParty(ps, "un:KPe.001")
	if komid == nil || komid.Name != "KOREA MINING DEVELOPMENT TRADING CORPORATION" {
		t.Fatalf("KPe.001 = %+v", komid)
	}
	if !slices.ContainsFunc(komid.Aliases, func(a Alias) bool { return a.Name == "KOMID" }) {
		t.Errorf("KPe.001 aliases %v lack KOMID", komid.Aliases)
	}
	if komid.Listed.Format("2006-01-02") != "2009-04-24" || !slices.Contains(komid.Countries, "Democratic People's Republic of Korea") {
		t.Errorf("KPe.001 listed %v countries %v", komid.Listed, komid.Countries)
	}
}

func TestCorpusOFACSDN(t *testing.T) {
	ps, err := ParseOFAC(OFACFiles{
		Primary:  openCorpus(t, "ofac-sdn-2021-07.csv"),
		Alt:      openCorpus(t, "ofac-sdn-alt-2021-07.csv"),
		Add:      openCorpus(t, "ofac-sdn-add-2021-07.csv"),
		Comments: openCorpus(t, "ofac-sdn-comments-2021-07.csv"),
	})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, p := range ps {
		kinds[p.Kind]++
	}
	t.Logf("%d parties, %d aliases, kinds %v", len(ps), AliasCount(ps), kinds)
	if len(ps) != 8976 || kinds[KindVessel] != 406 || kinds[KindAircraft] != 277 {
		t.Fatalf("got %d parties %v, want 8976 with 406 vessels and 277 aircraft", len(ps), kinds)
	}
	ship := findParty(ps, "ofac:15036")
	if ship == nil || ship.Name != "ARTAVIL" || !slices.Contains(ship.IMO(), "9187629") {
		t.Fatalf("ofac:15036 = %+v, want ARTAVIL with IMO 9187629", ship)
	}
	if !slices.Contains(ship.Programmes, "IRAN") {
		t.Errorf("ARTAVIL programmes %v", ship.Programmes)
	}
	for _, want := range []string{"ABADAN", "SHONA", "ALPHA"} {
		if !slices.ContainsFunc(ship.Aliases, func(a Alias) bool { return a.Name == want }) {
			t.Errorf("ARTAVIL aliases %v lack %s", ship.Aliases, want)
		}
	}
	bnc := findParty(ps, "ofac:306")
	if bnc == nil || !slices.Contains(bnc.Aliases, Alias{Name: "BNC", Quality: QualityWeak, NeedsContext: true}) {
		t.Errorf("ofac:306 = %+v, want weak alias BNC", bnc)
	}
}

func TestCorpusOFACConsolidated(t *testing.T) {
	ps, err := ParseOFAC(OFACFiles{
		Primary:  openCorpus(t, "ofac-cons-prim-2025-12.csv"),
		Alt:      openCorpus(t, "ofac-cons-alt-2025-12.csv"),
		Add:      openCorpus(t, "ofac-cons-add-2025-12.csv"),
		Comments: openCorpus(t, "ofac-cons-comments-2025-12.csv"),
	})
	if err != nil {
		t.Fatal(err)
	}
	russia := 0
	for _, p := range ps {
		if slices.Contains(p.Programmes, "RUSSIA-EO14024") {
			russia++
		}
	}
	t.Logf("%d parties, %d aliases", len(ps), AliasCount(ps))
	if len(ps) != 442 || russia != 93 {
		t.Fatalf("got %d parties, %d under RUSSIA-EO14024; want 442 and 93", len(ps), russia)
	}
}

func TestCorpusFTM(t *testing.T) {
	tests := []struct {
		file string
		want int
	}{
		{"opensanctions-eu_fsf-sample.ftm.jsonl", 6},
		{"opensanctions-delta-20240527.jsonl", 2},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			ps, err := ParseFTM(openCorpus(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != tt.want {
				t.Fatalf("%d parties, want %d", len(ps), tt.want)
			}
			for _, p := range ps {
				if p.Name == "" || p.Kind == "" {
					t.Errorf("party %+v lacks name or kind", p)
				}
			}
		})
	}
}
