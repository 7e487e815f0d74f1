package events

import (
	"slices"
	"sort"
)

// actors are the governments whose sanctions packages and arms deliveries
// most often look alike: the same week, the same targets or weapons,
// often announced in concert. A
// headline names its actor first ("UK follows US in sanctioning ...",
// "Минфин США ввел санкции ..."), and two headlines whose first actors
// differ tell two packages, however alike the rest.
var actors = map[string][]string{
	"us": {"us", "u.s", "usa", "america", "american", "washington", "treasury", "ofac", "white house", "state department",
		"états-unis", "etats-unis", "washington", "usa", "сша", "америк", "вашингтон", "минфин сша", "أمريك", "الأمريكية", "واشنطن",
		"آمریکا", "امریکا", "واشنگتن", "美国", "美方", "米国", "米政府", "米財務省", "미국", "美 재무부", "美 국무부"},
	"uk": {"uk", "britain", "british", "london", "lammy", "royaume-uni", "britannique", "londres", "großbritannien", "britisch",
		"reino unido", "британ", "великобритан", "лондон", "بريطان", "المملكة المتحدة", "لندن", "انگلیس", "بریتانیا", "英国", "イギリス", "영국"},
	"eu": {"eu", "european union", "brussels", "european commission", "commission", "ue", "union européenne", "bruxelles",
		"kommission", "brüssel", "unión europea", "ес", "евросоюз", "брюссел", "الاتحاد الأوروبي", "بروكسل",
		"اتحادیه اروپا", "بروکسل", "欧盟", "欧州連合", "유럽연합"},
	"de": {"germany", "german", "berlin", "bundesregierung", "deutschland", "deutsche", "allemagne", "allemand", "alemania",
		"германи", "берлин", "ألمانيا", "آلمان", "德国", "ドイツ", "독일"},
	"fr": {"france", "french", "paris", "frankreich", "francia", "франци", "париж", "فرنسا", "فرانسه", "法国", "フランス", "프랑스"},
}

var actorIndex = newFormIndex(actors)

// headlineActors returns the actors folded headline names, the first
// named first, each once. Words of scripts with word breaks match whole
// ("us" is not "usual").
func headlineActors(folded string) []string {
	type hit struct {
		actor string
		at    int
	}
	var hits []hit
	actorIndex.find(folded, func(cf *conceptForm, i int) {
		end := i + len(cf.form)
		if !cf.infix && end < len(folded) && folded[end] != ' ' {
			return
		}
		hits = append(hits, hit{cf.concept, i})
	})
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].at < hits[j].at })
	var out []string
	for _, h := range hits {
		if !slices.Contains(out, h.actor) {
			out = append(out, h.actor)
		}
	}
	return out
}
