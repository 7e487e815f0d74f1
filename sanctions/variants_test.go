package sanctions

import (
	"slices"
	"testing"
)

func TestVariants(t *testing.T) {
	tests := []struct {
		name  string
		party Party
		want  []Variant
	}{
		{"last, first reordered", Party{Kind: KindPerson, Name: "SAMPLE, Ivan Petrovich"},
			[]Variant{{"Ivan Petrovich SAMPLE", false}, {"Ivan SAMPLE", true}}},
		{"listed order kept", Party{Kind: KindPerson, Name: "KIM JONG UN"},
			[]Variant{{"KIM JONG UN", false}}},
		{"company form optional", Party{Kind: KindOrganisation, Name: "KOREA SAMPLE TRADING CORPORATION"},
			[]Variant{{"KOREA SAMPLE TRADING CORPORATION", false}, {"KOREA SAMPLE", false}}},
		{"two-word company form", Party{Kind: KindOrganisation, Name: "ORIENT TRADING CO., LTD."},
			[]Variant{{"ORIENT TRADING CO., LTD.", false}, {"ORIENT TRADING", false}}},
		{"stripped to one word dropped", Party{Kind: KindOrganisation, Name: "KOMID LLC"},
			[]Variant{{"KOMID LLC", false}}},
		{"s.a. de c.v.", Party{Kind: KindOrganisation, Name: "GRUPO MUNDO MARINO, S.A. DE C.V."},
			[]Variant{{"GRUPO MUNDO MARINO, S.A. DE C.V.", false}, {"GRUPO MUNDO MARINO", false}}},
		{"common words need context", Party{Kind: KindOrganisation, Name: "GOLDEN STAR"},
			[]Variant{{"GOLDEN STAR", true}}},
		{"single token needs context", Party{Kind: KindOrganisation, Name: "KOMID"},
			[]Variant{{"KOMID", true}}},
		{"short vessel name needs context", Party{Kind: KindVessel, Name: "OCEAN PEARL"},
			[]Variant{{"OCEAN PEARL", true}}},
		{"surname first in Cyrillic reordered", Party{Kind: KindPerson, Name: "Умаров Доку Хаматович"},
			[]Variant{{"Умаров Доку Хаматович", false}, {"Доку Хаматович Умаров", false}, {"Доку Умаров", true}}},
		{"Hangul full name stands alone", Party{Kind: KindPerson, Name: "김정은"},
			[]Variant{{"김정은", false}}},
		{"Han full name stands alone", Party{Kind: KindPerson, Name: "金正恩"},
			[]Variant{{"金正恩", false}}},
		{"two Han characters need context", Party{Kind: KindOrganisation, Name: "朝鲜"},
			[]Variant{{"朝鲜", true}}},
		{"one or two letters dropped", Party{Kind: KindOrganisation, Name: "AB"}, nil},
		{"weak alias needs context, good alias wins over it", Party{Kind: KindOrganisation, Name: "TANCHON COMMERCIAL BANK",
			Aliases: []Alias{{"TANCHON BANK", QualityLow, true}, {"KOREA CHANGGWANG CREDIT BANK", QualityGood, false}, {"X", QualityGood, false}}},
			[]Variant{{"TANCHON COMMERCIAL BANK", false}, {"TANCHON BANK", true}, {"KOREA CHANGGWANG CREDIT BANK", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Variants(tt.party); !slices.Equal(got, tt.want) {
				t.Errorf("Variants(%q) = %+v, want %+v", tt.party.Name, got, tt.want)
			}
		})
	}
}

func TestContext(t *testing.T) {
	ship := Party{Kind: KindVessel, Identifiers: []Identifier{{IDIMO, "9187629"}}}
	if c := Context(ship); !slices.Contains(c, "9187629") || !slices.Contains(c, "tanker") {
		t.Errorf("vessel context %v lacks its IMO number or shipping words", c)
	}
	org := Party{Kind: KindOrganisation, Programmes: []string{"DPRK3"}, Countries: []string{"Democratic People's Republic of Korea"}}
	if c := Context(org); !slices.Contains(c, "North Korea") || !slices.Contains(c, "Pyongyang") {
		t.Errorf("DPRK3 context %v lacks North Korea words", c)
	}
	ru := Party{Kind: KindPerson, Programmes: []string{"RUSSIA-EO14024"}}
	if c := Context(ru); !slices.Contains(c, "Russia") {
		t.Errorf("RUSSIA-EO14024 context %v lacks Russia", c)
	}
}
