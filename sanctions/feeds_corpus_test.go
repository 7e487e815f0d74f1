package sanctions_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/feed"
	"github.com/sanctionwatch/sanctionwatch/internal/corpus"
	"github.com/sanctionwatch/sanctionwatch/internal/corpuslists"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// TestListedNamesInRealFeeds runs the real UN and OFAC SDN lists over the
// real feeds of the shared corpus and logs every item that names a listed
// party, for judging the guards against noise by hand. It fails if the
// count jumps, which would mean a guard stopped working.
func TestListedNamesInRealFeeds(t *testing.T) {
	dir := corpus.Path(t, "corpus")
	ents := corpuslists.Entities(t)
	rs, err := rules.Compile([]rules.Source{{Name: "lists.yaml", Data: []byte(
		"rules:\n  - id: listed\n    severity: high\n    query: '@list:un OR @list:ofac'\n")}}, rules.Env{Entities: ents, Lists: []string{"un", "ofac"}})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "feeds", "*"))
	items, matched := 0, 0
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := feed.Parse(feed.Source{ID: "corpus", Name: filepath.Base(f)}, body, time.Now())
		stories := doc.Stories()
		if err != nil {
			t.Logf("%s: %v", filepath.Base(f), err)
			continue
		}
		for i := range stories {
			items++
			for _, m := range rs.Match(&stories[i]) {
				matched++
				t.Logf("%s: %q: %s", filepath.Base(f), stories[i].Title, describe(m.Hits))
			}
		}
	}
	t.Logf("%d of %d items name a listed party", matched, items)
	if matched > items/20 {
		t.Errorf("%d of %d items match a listed name: the noise guards look broken", matched, items)
	}
}

func describe(hits []story.Hit) string {
	var parts []string
	for _, h := range hits {
		parts = append(parts, h.Text+" = "+h.Name+" ["+h.Detail+"]")
	}
	return strings.Join(parts, "; ")
}
