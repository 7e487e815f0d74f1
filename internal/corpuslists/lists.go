// Package corpuslists loads the real sanctions lists of the shared test
// corpus as rule entities, for tests that run rules over real feeds.
package corpuslists

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/internal/corpus"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/sanctions"
)

// Entities returns the parties of the UN consolidated list and the OFAC
// SDN list of the corpus as entities of lists "un" and "ofac", or skips
// the test when the corpus is absent.
func Entities(tb testing.TB) []*rules.Entity {
	tb.Helper()
	dir := corpus.Path(tb, "corpus/sanctions")
	var out []*rules.Entity
	for _, src := range []config.List{
		{Name: "un", Format: "un-xml", URL: filepath.Join(dir, "un-sc-consolidated-2026-02-27.xml")},
		{Name: "ofac", Format: "ofac-csv", URL: filepath.Join(dir, "ofac-sdn-2021-07.csv")},
	} {
		parties, err := sanctions.Load(context.Background(), src, nil)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, sanctions.Entities(src.Name, parties)...)
	}
	return out
}
