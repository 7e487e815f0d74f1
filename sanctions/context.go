package sanctions

import "strings"

// vesselWords are the words that show a story speaks of a ship.
var vesselWords = []string{"vessel", "vessels", "tanker", "tankers", "ship", "ships", "cargo", "freighter", "carrier", "IMO"}

// programmeWords names the countries behind common programmes, so that a
// party listed under "DPRK3" or the UN 1718 regime has "North Korea" as
// context even when the list gives no nationality.
var programmeWords = map[string][]string{
	"1718":      {"North Korea", "North Korean", "DPRK", "Pyongyang"},
	"DPRK":      {"North Korea", "North Korean", "DPRK", "Pyongyang"},
	"2231":      {"Iran", "Iranian", "Tehran"},
	"IRAN":      {"Iran", "Iranian", "Tehran"},
	"1267":      {"al-Qaida", "al-Qaeda", "ISIL", "Islamic State", "ISIS"},
	"1988":      {"Taliban", "Afghanistan"},
	"1970":      {"Libya", "Libyan"},
	"2140":      {"Yemen", "Houthi", "Houthis"},
	"RUSSIA":    {"Russia", "Russian", "Moscow"},
	"SYRIA":     {"Syria", "Syrian", "Damascus"},
	"CUBA":      {"Cuba", "Cuban", "Havana"},
	"VENEZUELA": {"Venezuela", "Venezuelan"},
	"BELARUS":   {"Belarus", "Belarusian", "Minsk"},
	"UKRAINE":   {"Russia", "Russian", "Crimea", "Ukraine"},
}

// Context lists the words whose presence near a variant that needs context
// confirms that the story means this party: for a vessel its IMO numbers
// and shipping words; otherwise its nationalities, countries and the
// countries of its programmes. The rule engine decides how near is near.
func Context(p Party) []string {
	var out []string
	if p.Kind == KindVessel {
		for _, imo := range p.IMO() {
			out = addUnique(out, imo)
		}
		for _, w := range vesselWords {
			out = addUnique(out, w)
		}
		return out
	}
	for _, c := range append(append([]string(nil), p.Nationality...), p.Countries...) {
		out = addUnique(out, countryShortName(c))
	}
	for _, prog := range p.Programmes {
		out = appendProgrammeWords(out, prog)
	}
	return out
}

// appendProgrammeWords adds the words of a programme: its exact entry
// ("DPRK3" has none, so its stem "DPRK" is tried) or the one its name
// starts with ("RUSSIA-EO14024" -> "RUSSIA").
func appendProgrammeWords(out []string, prog string) []string {
	key := strings.ToUpper(strings.TrimRight(prog, "0123456789"))
	if key == "" {
		key = prog
	}
	if i := strings.IndexAny(key, "- "); i > 0 {
		key = key[:i]
	}
	for _, w := range programmeWords[key] {
		out = addUnique(out, w)
	}
	for _, w := range programmeWords[prog] {
		out = addUnique(out, w)
	}
	return out
}

// countryShortName turns the formal names lists use into the names news
// uses.
func countryShortName(c string) string {
	switch strings.ToLower(strings.TrimSpace(c)) {
	case "democratic people's republic of korea", "korea, north", "kp":
		return "North Korea"
	case "iran (islamic republic of)", "ir":
		return "Iran"
	case "russian federation", "ru":
		return "Russia"
	case "syrian arab republic", "sy":
		return "Syria"
	}
	return c
}
