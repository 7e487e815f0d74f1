package events

import (
	"sort"
	"strings"
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

type actorForm struct {
	actor, form string
	infix       bool
}

var actorForms = buildActorForms()

func buildActorForms() []actorForm {
	var out []actorForm
	for a, forms := range actors {
		for _, f := range forms {
			if folded := foldText(f); folded != "" {
				out = append(out, actorForm{actor: a, form: folded, infix: !breaksWords(f)})
			}
		}
	}
	// In order, so that of two forms found at one place the same wins.
	sort.Slice(out, func(i, j int) bool { return out[i].actor+"\x00"+out[i].form < out[j].actor+"\x00"+out[j].form })
	return out
}

// firstActor returns the actor a headline names first, or "". Words of
// scripts with word breaks match whole ("us" is not "usual").
func firstActor(title string) string {
	folded := " " + foldText(title) + " "
	best, at := "", len(folded)
	for _, af := range actorForms {
		var i int
		if af.infix {
			i = strings.Index(folded, af.form)
		} else {
			i = strings.Index(folded, " "+af.form+" ")
		}
		if i >= 0 && i < at {
			best, at = af.actor, i
		}
	}
	return best
}
