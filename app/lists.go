package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

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
// @regime:dprk or @kind:vessel. cache, when not nil, keeps each list's
// entities by the time of its import: turning parties into entities costs
// as much as compiling them, and most reloads (an edited rule file) see the
// same imports again.
func listEntities(ctx context.Context, st *store.Store, lists []config.List, cache *entityCache) (Lists, error) {
	var out Lists
	for _, l := range lists {
		fetched, ok, err := st.ListFetchedAt(ctx, l.Name)
		if err != nil {
			return Lists{}, err
		}
		if !ok {
			out.Pending = append(out.Pending, l.Name) // its first import triggers a reload
			continue
		}
		ents, hit := cache.get(l.Name, fetched)
		if !hit {
			if ents, err = decodeEntities(ctx, st, l.Name); err != nil {
				return Lists{}, err
			}
			cache.put(l.Name, fetched, ents)
		}
		out.Entities = append(out.Entities, ents...)
	}
	return out, nil
}

// decodeEntities reads a list's last good import from the store.
func decodeEntities(ctx context.Context, st *store.Store, name string) ([]*rules.Entity, error) {
	imp, _, err := st.LastListImport(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("load list %s: %w", name, err)
	}
	var parties []sanctions.Party
	if err := json.Unmarshal(imp.Parties, &parties); err != nil {
		return nil, fmt.Errorf("load list %s: %w", name, err)
	}
	return sanctions.Entities(name, parties), nil
}

// entityCache holds the entities of each list's last import, keyed by the
// import's fetch time as the store records it. A nil cache holds nothing.
type entityCache struct {
	mu sync.Mutex
	m  map[string]cachedEntities
}

type cachedEntities struct {
	fetched time.Time
	ents    []*rules.Entity
}

func (c *entityCache) get(list string, fetched time.Time) ([]*rules.Entity, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[list]
	return e.ents, ok && e.fetched.Equal(fetched)
}

func (c *entityCache) put(list string, fetched time.Time, ents []*rules.Entity) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cachedEntities{}
	}
	c.m[list] = cachedEntities{fetched, ents}
}

// readLists reads the imported lists from cfg's state file without
// writing to it; with no state file every list is pending.
func readLists(ctx context.Context, cfg *config.Config) (Lists, error) {
	if len(cfg.Lists) == 0 {
		return Lists{}, nil
	}
	st, err := OpenStateReadOnly(ctx, cfg)
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
	return listEntities(ctx, st, cfg.Lists, nil)
}
