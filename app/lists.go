package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/sanctions"
	"github.com/sanctionwatch/sanctionwatch/store"
)

// Lists is what a state file holds of the configured sanctions lists.
type Lists struct {
	Entities []*rules.Entity // from the last good import of each list
	Pending  []string        // configured lists never imported
}

// listEntities turns the last good import of every configured sanctions
// list into rule entities, so that queries can ask for @list:NAME,
// @regime:dprk or @kind:vessel.
func listEntities(ctx context.Context, st *store.Store, lists []config.List) (Lists, error) {
	var out Lists
	for _, l := range lists {
		imp, ok, err := st.LastListImport(ctx, l.Name)
		if err != nil {
			return Lists{}, fmt.Errorf("load list %s: %w", l.Name, err)
		}
		if !ok {
			out.Pending = append(out.Pending, l.Name) // its first import triggers a reload
			continue
		}
		var parties []sanctions.Party
		if err := json.Unmarshal(imp.Parties, &parties); err != nil {
			return Lists{}, fmt.Errorf("load list %s: %w", l.Name, err)
		}
		out.Entities = append(out.Entities, sanctions.Entities(l.Name, parties)...)
	}
	return out, nil
}

// readLists reads the imported lists from cfg's state file without
// writing to it; with no state file every list is pending.
func readLists(ctx context.Context, cfg *config.Config) (Lists, error) {
	if len(cfg.Lists) == 0 {
		return Lists{}, nil
	}
	st, err := store.OpenReadOnly(ctx, cfg.StateFile)
	if errors.Is(err, store.ErrNoState) {
		all := Lists{}
		for _, l := range cfg.Lists {
			all.Pending = append(all.Pending, l.Name)
		}
		return all, nil
	}
	if err != nil {
		return Lists{}, err
	}
	defer st.Close()
	return listEntities(ctx, st, cfg.Lists)
}
