package events

import (
	"slices"
	"strings"
	"time"
)

// markAction files the kind of action a headline tells (see actions), as
// a mark: "g:act:launch".
const markAction = prefixMark + "act:"

// markRepeat files a kind of action a headline tells again: its background
// tells one of that kind before it ("fires SRBMs a day after ICBM
// launch").
const markRepeat = prefixMark + "again:"

// actions are the kinds of happening a headline tells by its verb or its
// noun, in the languages of the packs: a launch told by the JCS ("fires")
// and by KCNA ("test-fired"), a veto and "fails to adopt", a seizure by the
// navy and by a trade paper ("hijack", "拿捕"). Two reports that tell the
// same kind of action about the same country or group within hours are
// likely one happening even when they share few words (see signature);
// the guards still tell the look-alikes apart. Forms follow the concepts'
// rules (see concepts): a start of a word in Latin and Cyrillic, anywhere
// in a word elsewhere. A form ending in "$" must end its word, where the
// stem starts unrelated words too: "sent" is not "sentences" or
// "Sentinel", "bomb" not "bombshell", "launch" not "launchers". A bare
// "board" is left out: it is mostly the body ("IAEA board censures Iran").
var actions = map[string][]string{
	"launch": {"launch$", "launches$", "launched$", "launching$", "fires", "fired", "test-fire", "test fire", "tir de", "abschuss", "запуск", "пуск", "إطلاق", "أطلق",
		"پرتاب", "شلیک", "发射", "発射", "발사"},
	"veto": {"veto", "fails to adopt", "failed to adopt", "fails to extend", "fails to renew", "rejects draft", "вето", "فيتو", "وتو", "否决", "拒否権", "거부권", "부결"},
	"seizure": {"seiz", "hijack", "boards$", "boarded$", "boarding$", "to board$", "captur", "detain",
		"intercept$", "intercepts$", "intercepted$", "interception", "arraisonn", "beschlagnahm", "festgesetzt",
		"incaut", "захват", "задерж", "ضبط", "يضبط", "احتجاز", "توقیف", "扣押", "拿捕", "나포", "억류"},
	"strike": {"strike", "struck", "bomb$", "bombs$", "bombed$", "bombing", "bomber", "airstrike", "frappe", "luftangriff", "bombard", "ataque", "удар", "бомб",
		"غارة", "غارات", "حمله", "空袭", "空爆", "攻撃", "공습", "폭격"},
	"attack": {"attack", "hit$", "hits$", "explosion", "attaque", "angriff", "атак", "هجوم", "حمله", "袭击", "攻撃", "공격"},
	"charge": {"charg", "indict", "arrest", "accus", "inculp", "anklage", "festgenommen", "обвин", "арест", "задержан",
		"اتهام", "بازداشت", "起诉", "逮捕", "起訴", "기소", "체포"},
	"sale": {"approves sale", "approves possible", "possible sale", "potential sale", "foreign military sale", "arms sale", "venta", "vente",
		"продаж", "صفقة", "فروش", "军售", "売却", "판매",
		"to buy$", "buys$", "bought$", "purchase", "orders further", "orders more", "orders additional", "signs deal", "signs contract", "inks$", "ink$", "deal for",
		"achat", "commande$", "commandé", "kauft", "bestellt", "compra", "закуп", "покуп", "شراء", "خرید", "采购", "購入", "구매", "계약"},
	"ruling": {"court$", "courts$", "judge", "convict", "acquit", "sentenc", "jails$", "jailed$", "prison term", "verdict", "tribunal", "procès",
		"urteil", "haftstrafe", "gericht$", "gerichts", "condenado a", "condenada a", "condenados a", "суд$", "приговор", "محكمة", "دادگاه", "法院", "判决", "判決", "裁判", "법원", "판결", "선고"},
	"release": {"release$", "frees$", "freed$", "libère", "libéré", "freigelassen", "freilass", "liberad", "liberó", "из плена", "з полону",
		"الإفراج", "أفرج", "آزاد شد", "آزادی از", "获释", "被释放", "獲釋", "釈放", "석방"},
	"deliver": {"deliver", "send$", "sent$", "sends$", "deploy", "dispatch", "supplied", "supplies", "livr", "liefer", "entreg", "поставк", "постав",
		"отправ", "تسليم", "ارسال", "交付", "援助", "引き渡", "인도", "파병", "보내"},
	"meeting": {"meet", "met with", "summit", "talks", "sommet", "gipfel", "cumbre", "саммит", "переговор", "встреч", "قمة", "محادثات",
		"مذاکر", "峰会", "会谈", "會談", "会談", "首脳会談", "회담"},
	"designate": {"sanctions", "sanctioned", "designat", "blacklist", "sanctionne", "sanktioniert", "sanciona", "санкци",
		"تحریم", "عقوبات", "制裁", "列入", "제재",
		"reimpos", "réimpos", "snapback", "snap back", "snaps back", "wiedereinsetz", "восстановлени санкц", "اسنپ‌بک", "اسنپ بک", "스냅백"},
}

var actionIndex = newFormIndex(actions)

// govActs are the acts of governments, councils and courts (a
// designation, a veto, a sale, a ruling): a headline that gives one as its
// background tells what followed it ("Iranian lawmakers push NPT exit bill
// after snapback trigger"), another happening (see repeats). Other kinds
// told as background may be the same happening: an attack's aftermath
// ("Crew abandons Magic Seas after Houthi attack"), a summit's end ("Kim
// sees Putin off after summit"), a crew home after its release. Listed,
// so that a kind added later is not taken for one unasked.
var govActs = map[string]bool{"designate": true, "veto": true, "sale": true, "ruling": true}

// notActs are the words that, as the object of a form of a kind, make it
// no act of that kind: "EU launches probe into …" is no launch.
var notActs = map[string][]string{
	"launch": {"probe", "investigation", "inquiry", "campaign", "review", "appeal", "bid", "consultation"},
	// "MSMT to release report", "Houthis release video of attack".
	"release": {"report", "video", "footage", "images", "guidance", "statement", "data", "list", "figures"},
}

// headlineActions returns the kinds of action a folded headline tells,
// sorted.
func headlineActions(folded string) []string {
	var out []string
	actionIndex.find(folded, func(cf *conceptForm, at int) {
		if !cf.fits(folded, at) || !hasAct(cf, folded, at) {
			return
		}
		if !slices.Contains(out, cf.concept) {
			out = append(out, cf.concept)
		}
	})
	slices.Sort(out)
	return out
}

// hasAct says whether the form cf found at folded[at] has no object that
// makes it no act (see notActs).
func hasAct(cf *conceptForm, folded string, at int) bool {
	end := at + len(cf.form)
	objects := notActs[cf.concept]
	if objects == nil {
		return true
	}
	rest := strings.Fields(folded[end:])
	if len(rest) > 0 && !strings.HasPrefix(folded[end:], " ") {
		rest = rest[1:] // the rest of the form's word
	}
	for len(rest) > 1 && slices.Contains([]string{"a", "an", "the", "new"}, rest[0]) {
		rest = rest[1:]
	}
	return len(rest) == 0 || !slices.Contains(objects, rest[0])
}

// signature says whether two headlines tell the same kind of action about
// the same country or group (or, naming none, led by one government):
// what happened, to whom, as the headlines say it.
func signature(q *query, m *member) bool {
	if !shareAny(q.marks.actions, m.marks.actions) {
		return false
	}
	if len(q.subjects) > 0 && len(m.subjects) > 0 {
		return shareAny(q.subjects, m.subjects)
	}
	return q.actors.first != "" && agree(q.actors.first, m.actors.first)
}

// repeats says whether q, published after m by since, tells again the
// kind of action m's headline tells, and m is older than the grace: "N.
// Korea fires SRBMs a day after ICBM launch" is not the ICBM launch of the
// day before, however many of its words and figures it repeats; other
// outlets' reports of the same hour may be its own happening.
func repeats(q *query, m *member, since, grace time.Duration) bool {
	return since > grace && shareAny(q.marks.repeats, m.marks.actions)
}

func shareAny(a, b []string) bool {
	return slices.ContainsFunc(a, func(x string) bool { return slices.Contains(b, x) })
}

func actionOf(key string) (string, bool) { return strings.CutPrefix(key, markAction) }
