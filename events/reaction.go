package events

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// reactionForms are the words with which a headline reports a reaction to
// a happening rather than the happening: a denial, a rejection, a
// condemnation, a protest ("N. Korea denies arms dealings", "外交部：中方坚决
// 反对…", "Putin calls tanker boarding piracy", "Tehran rejects 'baseless'
// accusations"). Another party's reaction is another happening: readers
// follow the claim and the denial as two stories, and a denial that joined
// the claim would read as one more outlet corroborating it. A form ending
// in "$" must end its word ("protest$" is not "protesters"); the others
// match the start of a word in scripts with word breaks and anywhere in
// the others (see formIndex).
var reactionForms = []string{
	"deny$", "denies$", "denied$", "denial", "reject", "condemn", "protested$", "lodges protest", "lodged protest", "lodge protest",
	"formal protest", "strong protest", "protests to", "opposes$", "oppose$",
	"slam$", "slams$", "slammed$", "blasts$", "blasted$", "denounc", "decries$", "baseless", "groundless", "unfounded",
	"mocks$", "rebuff", "refute", "hits back", "lashes out", "illegal unilateral", "no evidence", "criticis", "criticiz",
	"dément", "dement", "dénonc", "condamn", "rejett", "proteste$", "s'oppose", "fustig", "sans fondement", "infond",
	"verurteil", "zurückgewiesen", "weist zurück", "protestier", "haltlos", "unbegründet", "kritisier",
	"niega", "rechaz", "conden", "se opone", "sin fundamento", "infundad",
	"отверг", "опроверг", "осуди", "осужда", "протест$", "протеста$", "протестует", "протестовал", "возраж", "отрица",
	"пиратством", "провокацией", "піратством", "провокацією", "безоснователь", "необоснован",
	"раскритик", "відкин", "спростув", "засуди", "заперечу", "безпідставн",
	"تنفي$", "ينفي$", "تنفيه", "ينفيه", "تنفيها", "ينفيها", "ترفض", "يرفض", "رفض", "تدين", "يدين", "أدان", "ادان", "إدانة", "تندد", "ندد", "تحتج على",
	"لا أساس", "باطلة",
	"تکذیب", "محکوم", "اعتراض کرد", "اعتراض رسمی", "مخالفت", "رد کرد", "بی‌اساس", "بی اساس", "نقض آشکار", "نقض حقوق",
	"否认", "否認", "驳斥", "駁斥", "谴责", "譴責", "抗议", "抗議", "反对", "反對", "严正交涉", "毫无根据", "非法单边",
	"无端指责", "强烈不满", "严重违反", "反発", "非難", "反対", "根拠のない", "根拠がない", "批判",
	"부인", "반박", "규탄", "비난", "항의", "반대", "근거 없", "근거없", "부당",
}

// reactionSpeakers are the speakers that open a headline of statements,
// "外交部：…", "MFA spokesperson: …": a foreign ministry speaks of what
// others did.
var reactionSpeakers = []string{
	"foreign ministry", "mfa", "spokesperson", "spokesman", "spokeswoman", "ministère des affaires étrangères", "porte-parole",
	"auswärtiges amt", "außenministerium", "sprecher", "cancillería", "portavoz", "мид", "мзс", "речник", "официальный представитель",
	"الخارجية", "المتحدث", "وزارت خارجه", "سخنگو", "外交部", "发言人", "發言人", "外務省", "報道官", "외교부", "대변인",
}

// labels are the names a reaction gives an act ("piracy", "a
// provocation"): a reaction only with a verb of calling ("Putin calls
// tanker boarding piracy", "Moscow calls Estonia's actions a
// provocation"), since "piracy" and "provocation" are also what reports of
// the acts themselves say ("Somali piracy resurges").
var labels = []string{
	"piracy", "pirate", "provocation", "provocative", "hypocri", "piraterie", "pirateria", "piratería",
	"provokation", "пиратств", "провокац", "піратств", "قرصنة", "استفزاز", "دزدی دریایی", "راهزنی", "海盗", "挑衅", "海賊", "挑発", "해적", "도발",
}

// callings are the verbs with which a headline gives someone's label for
// an act (see labels).
var callings = []string{
	"call$", "calls$", "called$", "calling$", "dubs$", "dubbed$", "brands$", "branded$", "labels$", "qualifi", "nennt$", "bezeichn",
	"calific", "llama$", "назвал", "называ", "назвав", "назва", "وصف", "يصف", "تصف", "خواند", "نامید", "称", "稱", "と呼", "規定", "규정",
}

// negations make a statement a denial when a headline gives it as someone's
// words ("Araghchi: Iran has delivered no ballistic missiles to Russia").
var negations = []string{
	"no$", "not$", "never", "none$", "pas$", "aucun", "jamais", "nicht", "kein", "ningún", "ninguna", "nunca",
	"не$", "нет$", "никак", "жодн", "هیچ", "نداده", "نکرده", "نیست", "没有", "並未", "并未", "从未", "從未", "ていない", "なかった", "없다", "않았",
}

// actForms make a headline an act whatever reaction it also tells: an
// actor's own countermeasures ("China retaliates with sanctions", "外交部：
// 中方决定采取反制措施"), an entry ban ("Russia denies entry to ..."), and
// demonstrators and an opposition, who are no government reacting.
var actForms = []string{
	"countermeasure", "counter-measure", "retaliat", "contre-mesure", "gegenmaßnahme", "contramedida", "ответн", "контрмер",
	"تدابير مضادة", "اقدام متقابل", "تلافی", "反制", "对抗措施", "対抗措置", "보복", "대응 조치", "대응조치",
	"visa", "entry$", "protester", "protestor", "demonstrat", "manifestant", "демонстрант", "протестующ",
	"акция протеста", "акции протеста", "акций протеста", "抗议者", "抗議者", "示威", "反对派", "反對派", "野党",
}

// bodies are the councils, boards and courts whose rejection or
// condemnation is their own act, a vote or a ruling, when they are named
// before it ("UNSC rejects Russia-China draft", "IAEA-Gouverneursrat
// verurteilt Iran", "UN court rejects Sudan's complaint"); a government
// that rejects a board's resolution reacts ("Iran rejects IAEA board
// resolution").
var bodies = []string{
	"security council", "unsc", "council", "general assembly", "board$", "gouverneursrat", "conseil des gouverneurs",
	"conseil de sécurité", "sicherheitsrat", "consejo de seguridad", "совбез", "совет безопасности", "рада безпеки",
	"مجلس الأمن", "شورای امنیت", "شورای حکام", "安理会", "安理會", "安保理", "안보리", "이사회",
	"court", "tribunal", "judge", "gericht", "суд$", "суда$", "محكمة", "العدل الدولية", "دادگاه", "法院", "裁判所", "법원",
}

// reactionIndex finds the forms of all the lists above in one scan of a
// headline; a form's table says which list it comes from.
var reactionIndex = newFormIndex(
	map[string][]string{"reaction": reactionForms},
	map[string][]string{"speaker": reactionSpeakers},
	map[string][]string{"act": actForms},
	map[string][]string{"body": bodies},
	map[string][]string{"negation": negations},
	map[string][]string{"label": labels},
	map[string][]string{"calling": callings},
)

// The lists of reactionIndex, by their place in it.
const (
	listReaction = iota
	listSpeaker
	listAct
	listBody
	listNegation
	listLabel
	listCalling
	reactionLists
)

// isReaction says whether a headline reports a reaction (see
// reactionForms, labels, spokenBy) and tells no act of its own (see
// actForms, bodies). folded is the title folded (see foldText), which
// Extract has at hand already.
func isReaction(title, folded string) bool {
	first := firstMatches(folded)
	if first[listAct] >= 0 {
		return false
	}
	if spokenBy(title) {
		return true
	}
	at := first[listReaction]
	if at < 0 && first[listCalling] >= 0 {
		at = first[listLabel]
	}
	if at < 0 {
		return false
	}
	body := first[listBody]
	return body < 0 || body > at
}

// spokenBy says whether a headline gives someone's words that react: a
// foreign ministry's or a spokesperson's ("外交部：美方对台军售…"), or anyone's
// that deny ("Araghchi: Iran has delivered no missiles"), the speaker
// followed by a colon.
func spokenBy(title string) bool {
	i := strings.IndexAny(title, ":：")
	for i >= 0 && wireTag(title[:i]) {
		_, colon := utf8.DecodeRuneInString(title[i:])
		title = title[i+colon:]
		i = strings.IndexAny(title, ":：")
	}
	if i < 0 || utf8.RuneCountInString(title[:i]) > 40 {
		return false
	}
	return firstMatches(foldText(title[:i]))[listSpeaker] >= 0 || firstMatches(foldText(title[i:]))[listNegation] >= 0
}

// firstMatches returns, for each list of reactionIndex, where folded text
// first has one of its forms (see conceptForm.fits), or -1.
func firstMatches(folded string) [reactionLists]int {
	var first [reactionLists]int
	for i := range first {
		first[i] = -1
	}
	reactionIndex.find(folded, func(cf *conceptForm, at int) {
		if first[cf.table] < 0 && cf.fits(folded, at) {
			first[cf.table] = at
		}
	})
	return first
}

// wireTags are the labels an agency puts before a colon to say what kind
// of copy follows ("Exclusive: …", "UPDATE 2: …", "단독: …"): nobody
// speaks, so the words after them are the headline's own.
var wireTags = []string{
	"exclusive", "update", "factbox", "fact box", "analysis", "explainer", "breaking", "breaking news", "live",
	"timeline", "insight", "corrected", "correction", "refile", "wrapup", "wrap up", "focus", "special report",
	"exclusif", "exklusiv", "exclusiva", "эксклюзив", "срочно", "молния", "عاجل", "حصري", "فوری",
	"独家", "快讯", "速报", "速報", "独占", "속보", "단독", "종합",
}

// wireTag says whether text before a colon is a wire tag (see wireTags),
// with or without its number ("UPDATE 2", "Exclusive-").
func wireTag(text string) bool {
	tag := strings.TrimRight(foldText(text), " 0123456789")
	return slices.Contains(wireTagsFolded, tag)
}

var wireTagsFolded = foldAll(wireTags)

func foldAll(forms []string) []string {
	out := make([]string, len(forms))
	for i, f := range forms {
		out[i] = foldText(f)
	}
	return out
}
