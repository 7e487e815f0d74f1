package rules

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// The shared vocabulary, as the pack's lists.yaml and entities.yaml hold it.
const extendBase = `
lists:
  weapons_strong: [artillery shell*, "155mm"]
entities:
  - id: dprk
    name: North Korea
    kind: country
    aliases: [North Korea]
rules:
  - id: dprk-arms
    severity: high
    query: '@dprk NEAR/10 $weapons_strong'
`

// A language file that extends both, named so it sorts before the base:
// extensions must not depend on file order.
const extendRussian = `
extend:
  lists:
    weapons_strong: [артиллерийск* снаряд*, "155-мм"]
  entities:
    dprk:
      aliases: [Северная Корея]
      case_sensitive: [КНДР]
`

func TestExtendGrowsListsAndEntitiesOfOtherFiles(t *testing.T) {
	rs := mustCompile(t,
		Source{Name: "a-ru.yaml", Data: []byte(extendRussian)},
		Source{Name: "z-base.yaml", Data: []byte(extendBase)})
	cases := []struct {
		title string
		fire  bool
	}{
		{"КНДР передала России артиллерийские снаряды", true},
		{"Северная Корея поставила 155-мм снаряды", true},
		{"North Korea ships artillery shells", true},
		{"кндр передала россии артиллерийские снаряды", false}, // КНДР is case-sensitive
		{"Северная Корея провела парад", false},
	}
	for _, c := range cases {
		fired := rs.Match(&story.Story{Title: c.title})
		if got := len(fired) > 0; got != c.fire {
			t.Errorf("%q: fired %v, want %v", c.title, ruleIDs(fired), c.fire)
		}
	}
}

func TestExtendHitExplainsWithTheEntity(t *testing.T) {
	rs := mustCompile(t, inline(extendBase), Source{Name: "ru.yaml", Data: []byte(extendRussian)})
	ms := rs.Match(&story.Story{Title: "КНДР передала 155-мм снаряды"})
	if len(ms) != 1 {
		t.Fatalf("fired %v", ruleIDs(ms))
	}
	var refs []string
	for _, h := range ms[0].Hits {
		refs = append(refs, string(h.Source)+":"+h.Ref)
	}
	if !slices.Contains(refs, "entity:dprk") || !slices.Contains(refs, "list:weapons_strong") {
		t.Errorf("hits %v lack entity:dprk and list:weapons_strong", refs)
	}
}

// An entity from a sanctions list can be extended, and the caller's entity
// is left as it was: the next reload compiles from the same value.
func TestExtendCopiesListEntities(t *testing.T) {
	listed := &Entity{ID: "un-kpe-001", Name: "KOREA MINING", Kind: "organisation",
		Aliases: []string{"Korea Mining Development"}, List: "un"}
	src := `
extend:
  entities:
    un-kpe-001:
      aliases: [조선광업개발]
rules:
  - id: listed
    severity: high
    query: '@list:un'
`
	rs, err := Compile([]Source{inline(src)}, Env{Lists: []string{"un"}, Entities: []*Entity{listed}})
	if err != nil {
		t.Fatal(err)
	}
	if ms := rs.Match(&story.Story{Title: "조선광업개발 회사가 거래"}); len(ms) != 1 {
		t.Errorf("extended alias did not fire: %v", ruleIDs(ms))
	}
	if len(listed.Aliases) != 1 {
		t.Errorf("the caller's entity was changed: %v", listed.Aliases)
	}
}

// TestDefaultPackLoadsLanguageFiles checks that every file in pack/lang is
// embedded, after the shared files whose lists it extends.
func TestDefaultPackLoadsLanguageFiles(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("pack", "lang", "*.yaml"))
	var names []string
	for _, s := range DefaultPack() {
		names = append(names, s.Name)
	}
	for _, f := range files {
		if !slices.Contains(names, "rules/"+filepath.ToSlash(f)) {
			t.Errorf("%s is not in the embedded pack %v", f, names)
		}
	}
	first := slices.IndexFunc(names, func(n string) bool { return strings.HasPrefix(n, "rules/pack/lang/") })
	if first >= 0 && slices.ContainsFunc(names[first:], func(n string) bool { return !strings.HasPrefix(n, "rules/pack/lang/") }) {
		t.Errorf("language files are not loaded last: %v", names)
	}
}
