package sanctions

import "github.com/sanctionwatch/sanctionwatch/rules"

// Entities converts listed parties into rule entities: good name
// variants as aliases, weak ones (single words, common words, low-quality
// aliases, vessel names) needing context, and IMO numbers as aliases of
// their own, since a seven-digit IMO number names one ship.
func Entities(list string, parties []Party) []*rules.Entity {
	out := make([]*rules.Entity, 0, len(parties))
	for i := range parties {
		p := &parties[i]
		e := &rules.Entity{ID: p.ID, Name: p.Name, Kind: p.Kind, List: list, RefID: p.RefID,
			Context: Context(*p)}
		for _, prog := range p.Programmes {
			for _, r := range regimeNames(prog) {
				e.Regimes = addUnique(e.Regimes, r)
			}
		}
		for _, v := range Variants(*p) {
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
