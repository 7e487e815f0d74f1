package events

import (
	"slices"
	"strings"
)

// actors are the governments whose sanctions packages and arms deliveries
// most often look alike: the same week, the same targets or weapons,
// often announced in concert. A
// headline names its actor first ("UK follows US in sanctioning ...",
// "Минфин США ввел санкции ..."), and two headlines whose first actors
// differ tell two packages, however alike the rest.
var actors = map[string][]string{
	"us": {"us", "u.s", "usa", "america", "american", "washington", "white house",
		"états-unis", "etats-unis", "usa", "сша", "америк", "вашингтон", "أمريك", "الأمريكية", "واشنطن",
		"آمریکا", "امریکا", "واشنگتن", "美国", "美方", "米国", "米政府", "미국", "美"},
	// Two US agencies of one day are two actions ("Treasury targets ...",
	// "State Department designates ..."); either is a "US" action.
	"us/treasury": {"treasury", "ofac", "минфин сша", "министерство финансов сша", "الخزانة الأمريكية", "وزارت خزانه‌داری آمریکا",
		"وزارت خزانه داری آمریکا", "美国财政部", "米財務省", "美재무부", "美 재무부", "미 재무부"},
	"us/state": {"state department", "secretary of state", "blinken", "rubio", "госдеп", "الخارجية الأمريكية", "وزارت خارجه آمریکا", "美国国务院", "米国務省",
		"美국무부", "美 국무부", "미 국무부"},
	"us/commerce": {"commerce department", "department of commerce", "минторг сша", "美国商务部", "米商務省", "美상무부", "美 상무부", "미 상무부"},
	"uk": {"uk", "britain", "british", "london", "lammy", "royaume-uni", "britannique", "londres", "großbritannien", "britisch",
		"reino unido", "британ", "великобритан", "лондон", "بريطان", "المملكة المتحدة", "لندن", "انگلیس", "بریتانیا", "英国", "イギリス", "영국"},
	"eu": {"eu", "european union", "brussels", "european commission", "commission", "ue", "union européenne", "bruxelles",
		"kommission", "brüssel", "unión europea", "ес", "евросоюз", "брюссел", "الاتحاد الأوروبي", "بروكسل",
		"اتحادیه اروپا", "بروکسل", "欧盟", "欧州連合", "유럽연합"},
	"de": {"germany", "german", "berlin", "bundesregierung", "deutschland", "deutsche", "allemagne", "allemand", "alemania",
		"германи", "берлин", "ألمانيا", "آلمان", "德国", "ドイツ", "독일"},
	"fr": {"france", "french", "paris", "frankreich", "francia", "франци", "париж", "فرنسا", "فرانسه", "法国", "フランス", "프랑스"},
	// Britain, France and Germany acting together (see refine).
	"e3": {"e3", "е3", "евротройк", "єврітрійк", "الترويكا الأوروبية", "تروئیکای اروپایی", "英法德", "欧洲三国", "英仏独", "유럽 3개국"},
}

var actorIndex = newFormIndex(actors)

// headlineActors returns the actors folded headline names, the first
// named first, each once. Words of scripts with word breaks match whole
// ("us" is not "usual").
func headlineActors(folded string) []string {
	// find reports forms in the order they stand, so the first actor
	// named comes first.
	var out []string
	actorIndex.find(folded, func(cf *conceptForm, i int) {
		end := i + len(cf.form)
		if !cf.infix && end < len(folded) && folded[end] != ' ' {
			return
		}
		if !slices.Contains(out, cf.concept) {
			out = append(out, cf.concept)
		}
	})
	return refine(out)
}

// refine replaces a government by the agency of it the same headline
// names ("US Treasury sanctions" is the Treasury's), keeping the order,
// and the E3 by its three governments, so that "E3 trigger snapback" and
// "Paris, Londres et Berlin déclenchent le snapback" agree, and "E3 joint
// statement" is not the US's.
func refine(as []string) []string {
	out := as[:0:0]
	for _, a := range as {
		if a == "e3" {
			for _, g := range e3 {
				if !slices.Contains(as, g) && !slices.Contains(out, g) {
					out = append(out, g)
				}
			}
			continue
		}
		if !slices.ContainsFunc(as, func(b string) bool { return parentOf(a, b) }) && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// e3 are the governments of the E3, in the order the group's name stands for.
var e3 = []string{"uk", "fr", "de"}

// parentOf says whether agency b belongs to government a ("us",
// "us/treasury").
func parentOf(a, b string) bool {
	return strings.HasPrefix(b, a+"/")
}
