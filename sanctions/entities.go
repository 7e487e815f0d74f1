package sanctions

import (
	"strings"

	"github.com/sanctionwatch/sanctionwatch/rules"
)

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
			e.Regimes = append(e.Regimes, regimeName(prog))
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
