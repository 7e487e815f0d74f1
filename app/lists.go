package app

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/sanctions"
	"github.com/sanctionwatch/sanctionwatch/store"
)

// listEntities turns the last good import of every configured sanctions
// list into rule entities, so that queries can ask for @list:NAME,
// @regime:dprk or @kind:vessel.
func listEntities(ctx context.Context, st *store.Store, lists []config.List) ([]*rules.Entity, error) {
	var out []*rules.Entity
	for _, l := range lists {
		imp, ok, err := st.LastListImport(ctx, l.Name)
		if err != nil {
			return nil, fmt.Errorf("load list %s: %w", l.Name, err)
		}
		if !ok {
			continue // not fetched yet; its first import triggers a reload
		}
		var parties []sanctions.Party
		if err := json.Unmarshal(imp.Parties, &parties); err != nil {
			return nil, fmt.Errorf("load list %s: %w", l.Name, err)
		}
		out = append(out, sanctions.Entities(l.Name, parties)...)
	}
	return out, nil
}
