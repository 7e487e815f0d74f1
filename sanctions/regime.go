package sanctions

import (
	"strconv"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/unsc"
)

// unProgrammes returns the committee resolution and short name of the
// regime of a UN reference number (KPi.033 is 1718, DPRK), falling back to
// the record's UN_LIST_TYPE when the prefix is new.
func unProgrammes(ref, listType string) []string {
	if r, ok := unsc.ByReference(ref); ok {
		return addUnique([]string{strconv.Itoa(r.Committee), r.Short}, listType)
	}
	return addUnique(nil, listType)
}

// regimeNames makes a programme usable in queries. A Security Council
// regime gets the one id rules use, whether the list names it by its short
// name or its committee ("ISIL/Al-Qaida" and "1267" are both
// @regime:isil-alqaida), and a committee number stays usable too
// (@regime:1267); any other programme gets its own ("RUSSIA-EO14024" is
// @regime:russia-eo14024).
func regimeNames(prog string) []string {
	r, ok := unsc.ByProgramme(prog)
	switch {
	case !ok:
		return []string{slug(prog)}
	case strings.TrimSpace(prog) == strconv.Itoa(r.Committee):
		return []string{r.ID, strconv.Itoa(r.Committee)}
	}
	return []string{r.ID}
}

// slug lowercases a programme and turns what is not a letter, digit, '-'
// or '_' into '-'.
func slug(prog string) string {
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
