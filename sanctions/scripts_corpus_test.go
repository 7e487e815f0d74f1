package sanctions

import (
	"testing"

	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// TestListedNamesInOtherScripts loads the real UN list and an OpenSanctions
// release and checks that names written in Cyrillic or Arabic on the list,
// as news in those languages writes them, fire the listed-party rule.
func TestListedNamesInOtherScripts(t *testing.T) {
	un, err := ParseUN(openCorpus(t, "un-sc-consolidated-2026-02-27.xml"))
	if err != nil {
		t.Fatal(err)
	}
	os, err := ParseFTM(openCorpus(t, "opensanctions-delta-20240527.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	ents := append(Entities("un", un), Entities("opensanctions", os)...)
	rs, err := rules.Compile([]rules.Source{{Name: "t.yaml", Data: []byte(`rules:
  - {id: listed-un, severity: high, query: '@list:un'}
  - {id: listed-os, severity: high, query: '@list:opensanctions'}
`)}}, rules.Env{Lists: []string{"un", "opensanctions"}, Entities: ents})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		// UN NAME_ORIGINAL_SCRIPT, as listed and in news order.
		{"Силовики сообщили о гибели Умарова Доку Хаматовича", ""},
		{"Умаров Доку Хаматович объявлен в розыск", "listed-un"},
		{"Доку Хаматович Умаров объявлен в розыск", "listed-un"},
		// A short form is shared by many people: like "Hassan OMAR", it
		// needs context, and the list's context words are English.
		{"Доку Умаров объявлен в розыск", ""},
		{"وقال عزت ابراهيم الدوري في تسجيل صوتي", "listed-un"},
		{"ظهر وعزت ابراهيم الدوري في التسجيل", "listed-un"},
		// OpenSanctions names in all scripts.
		{"Ал Кайда в Ирак пое отговорност за атаката", "listed-os"},
	}
	for _, tt := range tests {
		var ids string
		for _, m := range rs.Match(&story.Story{Title: tt.text}) {
			if ids != "" {
				ids += ","
			}
			ids += m.RuleID
		}
		if ids != tt.want {
			t.Errorf("%q fired %q, want %q", tt.text, ids, tt.want)
		}
	}
}
