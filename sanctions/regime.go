package sanctions

import "strings"

// unRegime is a UN sanctions regime: the resolution that set up its
// committee and a short name.
type unRegime struct {
	resolution string
	name       string
}

// unRegimes maps the two-letter prefix of a UN reference number (KPi.033,
// QDe.115) to its regime. Both Al-Qaida prefixes are the 1267 regime.
var unRegimes = map[string]unRegime{
	"KP": {"1718", "DPRK"},
	"IR": {"2231", "Iran"},
	"QD": {"1267", "ISIL/Al-Qaida"},
	"QI": {"1267", "ISIL/Al-Qaida"},
	"TA": {"1988", "Taliban"},
	"IQ": {"1518", "Iraq"},
	"LY": {"1970", "Libya"},
	"YE": {"2140", "Yemen"},
	"SO": {"751", "Al-Shabaab"},
	"CD": {"1533", "DRC"},
	"CF": {"2127", "CAR"},
	"SD": {"1591", "Sudan"},
	"SS": {"2206", "South Sudan"},
	"GB": {"2048", "Guinea-Bissau"},
	"HT": {"2653", "Haiti"},
	"ML": {"2374", "Mali"},
}

// unProgrammes returns the regime resolution and name for a UN reference
// number, falling back to the record's UN_LIST_TYPE when the prefix is new.
func unProgrammes(ref, listType string) []string {
	if len(ref) >= 2 {
		if r, ok := unRegimes[strings.ToUpper(ref[:2])]; ok {
			return addUnique([]string{r.resolution, r.name}, listType)
		}
	}
	return addUnique(nil, listType)
}
