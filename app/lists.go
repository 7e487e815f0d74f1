package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

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
		out = append(out, PartyEntities(l.Name, parties)...)
	}
	return out, nil
}

// PartyEntities converts listed parties into rule entities: good name
// variants as aliases, weak ones (single words, common words, low-quality
// aliases, vessel names) needing context, and IMO numbers as aliases of
// their own, since a seven-digit IMO number names one ship.
func PartyEntities(list string, parties []sanctions.Party) []*rules.Entity {
	out := make([]*rules.Entity, 0, len(parties))
	for i := range parties {
		p := &parties[i]
		e := &rules.Entity{ID: p.ID, Name: p.Name, Kind: p.Kind, List: list, RefID: p.RefID,
			Context: sanctions.Context(*p)}
		for _, prog := range p.Programmes {
			e.Regimes = append(e.Regimes, regimeName(prog))
		}
		for _, v := range sanctions.Variants(*p) {
			if v.NeedsContext {
				e.Weak = append(e.Weak, v.Text)
			} else {
				e.Aliases = append(e.Aliases, v.Text)
			}
		}
		for _, imo := range p.IMO() {
			e.Aliases = append(e.Aliases, "IMO "+imo, imo)
		}
		if len(e.Aliases)+len(e.Weak) > 0 {
			out = append(out, e)
		}
	}
	return out
}

// regimeName makes a programme usable in queries: "RUSSIA-EO14024" is
// @regime:russia-eo14024, "DPRK" is @regime:dprk.
func regimeName(prog string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(prog) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}
