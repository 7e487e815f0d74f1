package events

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
)

// concepts are the things sanctions and arms news is about, each with the
// words for it in the languages of the packs, so that two reports in
// different languages meet on "refinery" = "پالایشگاه" = "炼油厂" as they
// meet on an entity. A form in a script with word breaks (Latin, Cyrillic,
// Greek) matches the start of a word ("refiner" matches "refineries");
// other forms match anywhere in a word (Arabic and Korean attach
// particles, Chinese and Japanese write no spaces). Countries and
// institutions are not here: the rule files' entities already join them.
//
// The list leans to the nouns that tell one kind of happening from
// another (a refinery, a tanker, a satellite, a launch), not to reporting
// words: a denial and the claim it denies share their nouns, and are told
// apart by the reaction guard (see reactionForms), not by the similarity.
var concepts = map[string][]string{
	"sanction":    {"sanction", "sanktion", "sancion", "санкци", "санкці", "عقوب", "تحریم", "制裁", "제재"},
	"designate":   {"designat", "blacklist", "redesignat", "désign", "черный список", "чёрный список", "تصنيف", "فهرست سیاه", "列入", "黑名单", "指定", "지정"},
	"terrorism":   {"terror", "террор", "إرهاب", "تروریست", "恐怖", "テロ", "테러"},
	"oil":         {"oil", "crude", "petrol", "pétrol", "erdöl", "rohöl", "нефт", "نفط", "نفت", "石油", "原油", "석유", "원유"},
	"tanker":      {"tanker", "pétrolier", "petrolier", "танкер", "ناقلة", "ناقلات", "نفتکش", "油轮", "油輪", "タンカー", "유조선"},
	"refinery":    {"refiner", "raffiner", "raffinerie", "refiner", "нпз", "нефтеперераб", "مصفا", "مصفى", "پالایشگاه", "炼油", "煉油", "精製", "정유"},
	"vessel":      {"vessel", "ship", "navire", "schiff", "buque", "судн", "корабл", "سفن", "سفينة", "کشتی", "船舶", "船", "선박"},
	"shadowfleet": {"shadow fleet", "flotte fantôme", "schattenflotte", "теневой флот", "теневого флота", "الأسطول الخفي", "أسطول الظل", "ناوگان سایه", "影子舰队", "影の船団", "그림자 선단", "그림자선단"},
	"missile":     {"missil", "rakete", "ракет", "صاروخ", "صواريخ", "موشک", "导弹", "導彈", "ミサイル", "미사일"},
	"ballistic":   {"ballist", "баллист", "باليست", "بالستی", "弾道", "弹道", "彈道", "탄도"},
	"icbm":        {"icbm", "intercontinental", "межконтинент", "عابر للقارات", "قاره‌پیما", "قاره پیما", "洲际", "大陸間", "대륙간", "icbm"},
	"hypersonic":  {"hyperson", "hypersonique", "гиперзвук", "فرط صوت", "فرط صوتي", "مافوق صوت", "高超", "極超音速", "극초음속"},
	"launch":      {"launch", "test-fire", "tir", "abschuss", "запуск", "пуск", "إطلاق", "أطلق", "پرتاب", "شلیک", "发射", "発射", "발사"},
	"nuclear": {"nuclear", "nucléa", "nuklear", "atom", "ядерн", "نووي", "هسته", "核武", "核试", "核試", "核実験", "核兵器", "核设施", "核施設", "核计划", "核計画", "核开发", "核開発", "核协议", "核合意", "核问题", "核問題",
		"핵무", "핵실험", "핵시설", "핵 프로그램", "핵프로그램", "핵개발", "핵합의", "핵 합의", "핵탄두"},
	"uranium":       {"uran", "يورانيوم", "اورانیوم", "铀", "ウラン", "우라늄"},
	"enrichment":    {"enrich", "anreicher", "обогащ", "تخصيب", "غنی‌سازی", "غنی سازی", "浓缩", "濃縮", "농축"},
	"drone":         {"unmanned", "uav", "drone", "drohne", "dron", "беспилот", "дрон", "مسيرة", "مسيّرة", "پهپاد", "无人机", "無人機", "ドローン", "드론", "무인기"},
	"shells":        {"shell", "munition", "ammunit", "obus", "granat", "снаряд", "боеприпас", "قذائف", "ذخائر", "مهمات", "گلوله", "炮弹", "弾薬", "砲弾", "포탄", "탄약"},
	"artillery":     {"artiller", "артиллер", "مدفعية", "توپخانه", "火炮", "砲", "자주포", "방사포", "곡사포"},
	"troops":        {"troop", "soldier", "soldat", "войск", "военнослуж", "солдат", "جنود", "قوات", "سرباز", "士兵", "部队", "兵士", "派兵", "파병", "병력", "군인"},
	"satellite":     {"satellit", "satélit", "спутник", "قمر صناعي", "ماهواره", "卫星", "衛星", "위성"},
	"fighterjet":    {"fighter", "chasseur", "kampfjet", "kampfflugzeug", "caza", "истребит", "مقاتلة", "مقاتلات", "جنگنده", "战斗机", "戦闘機", "전투기"},
	"airdefence":    {"air defen", "air-defen", "défense aérienne", "luftabwehr", "flugabwehr", "пво", "противовоздуш", "دفاع جوي", "پدافند", "防空", "방공"},
	"submarine":     {"submarin", "sous-marin", "u-boot", "подлод", "подводн", "غواصة", "زیردریایی", "潜艇", "潜水艦", "잠수함"},
	"export":        {"export", "экспорт", "تصدير", "صادرات", "出口", "輸出", "수출"},
	"chips":         {"semiconduct", "chip", "halbleiter", "puce", "полупровод", "чип", "أشباه الموصلات", "نیمه‌رسانا", "半导体", "芯片", "半導体", "반도체"},
	"rareearth":     {"rare earth", "rare-earth", "terres rares", "seltene erde", "seltenen erde", "редкоземел", "العناصر الأرضية النادرة", "عناصر نادر خاکی", "稀土", "レアアース", "희토류"},
	"aluminium":     {"alumin", "алюмин", "ألومنيوم", "آلومینیوم", "铝", "アルミ", "알루미늄"},
	"bank":          {"bank", "banque", "banco", "банк", "بنك", "بانک", "银行", "銀行", "은행"},
	"crypto":        {"crypto", "krypto", "крипто", "العملات المشفرة", "رمزارز", "加密货币", "暗号資産", "가상자산", "암호화폐"},
	"hacking":       {"hack", "хакер", "قراصنة", "هکر", "黑客", "ハッカー", "해커", "해킹"},
	"seizure":       {"seiz", "saisi", "beschlagnahm", "incaut", "confisc", "изъят", "конфиск", "مصادرة", "ضبط", "توقیف", "扣押", "没收", "没収", "押収", "拿捕", "나포", "압류", "압수"},
	"snapback":      {"snapback", "snap-back", "snap back", "آلية الزناد", "مکانیسم ماشه", "ماشه", "快速恢复", "スナップバック", "스냅백"},
	"embargo":       {"embargo", "эмбарго", "حظر", "禁运", "禁輸", "금수"},
	"weapons":       {"weapon", "arms", "waffe", "armes", "armas", "оруж", "вооруж", "أسلحة", "سلاح", "تسلیحات", "武器", "무기"},
	"contract":      {"contract", "contrat", "vertrag", "contrato", "контракт", "сделк", "صفقة", "قرارداد", "合同", "契約", "계약"},
	"package":       {"package", "paquet", "paket", "paquete", "пакет", "حزمة", "بسته", "一揽子", "パッケージ", "패키지"},
	"assets":        {"asset", "avoirs", "vermögen", "activos", "актив", "أصول", "دارایی", "资产", "資産", "자산"},
	"freeze":        {"freez", "gel des", "einfrier", "congel", "заморож", "تجميد", "مسدود", "冻结", "凍結", "동결"},
	"tariff":        {"tariff", "tarif", "zoll", "zölle", "arancel", "пошлин", "رسوم جمركية", "تعرفه", "关税", "関税", "관세"},
	"veto":          {"veto", "вето", "فيتو", "وتو", "否决", "拒否権", "거부권"},
	"workers":       {"worker", "travailleur", "arbeiter", "trabajador", "рабоч", "العمال", "کارگر", "工人", "劳工", "労働者", "노동자"},
	"coal":          {"coal", "charbon", "kohle", "carbón", "уголь", "угля", "فحم", "زغال", "煤", "石炭", "석탄"},
	"transshipment": {"ship-to-ship", "transship", "transbord", "umschlag", "перевал", "перегруз", "نقل من سفينة", "انتقال کشتی به کشتی", "船对船", "瀬取り", "환적"},
	"explosion":     {"explos", "blast", "взрыв", "انفجار", "爆炸", "爆発", "폭발"},
	"gas":           {"lpg", "liquefied", "lng", "flüssiggas", "сжиженн", "غاز", "گاز", "液化", "液化ガス", "액화"},
	"rifle":         {"rifle", "gewehr", "fusil", "винтов", "بنادق", "تفنگ", "步枪", "小銃", "소총"},
	"tank":          {"tanks", "panzer", "chars", "танк", "دبابات", "تانک", "坦克", "戦車", "전차"},
	"spare":         {"spare part", "pièces", "ersatzteil", "запчаст", "قطع غيار", "قطعات یدکی", "零部件", "部品", "부품"},
	"meeting": {"summit", "sommet", "gipfel", "cumbre", "саммит", "قمة", "نشست سران", "峰会", "首脳会談", "정상회담", "talks", "meets",
		"pourparlers", "gespräch", "переговор", "встреч", "محادثات", "مذاکر", "会谈", "會談", "会談", "회담", "会晤", "会見"},
	"visit":      {"trip", "voyage", "reise", "поездк", "visit", "arrive", "besuch", "визит", "прибыл", "زيارة", "访问", "訪問", "방문", "방북"},
	"bridge":     {"bridge", "pont", "brücke", "puente", "мост", "جسر", "大桥", "桥", "橋", "다리"},
	"relief":     {"relief", "lifting", "lift", "levée", "aufheb", "снятие", "снят", "رفع", "لغو", "解除", "해제"},
	"vote":       {"vote", "voting", "scrutin", "abstimm", "votación", "голосов", "تصويت", "رأی", "表决", "投票", "표결"},
	"resolution": {"resolution", "résolution", "resolución", "резолюц", "قرار", "قطعنامه", "决议", "決議", "결의"},
	"sale":       {"sale", "sell", "sold", "vente", "verkauf", "venta", "продаж", "بيع", "فروش", "出售", "军售", "售武", "売却", "판매"},
	"attack":     {"attack", "strike", "attaque", "angriff", "ataque", "атак", "удар", "هجوم", "حمله", "袭击", "攻撃", "공격"},
	"test":       {"test", "essai", "prueba", "испытан", "تجربة", "اختبار", "آزمایش", "试验", "試験", "実験", "시험"},
	"engine":     {"engine", "moteur", "motor", "двигател", "محرك", "محركات", "موتور", "发动机", "エンジン", "엔진"},
	"halt":       {"halt", "suspend", "stopp", "arrêt", "suspen", "приостанов", "останов", "وقف", "توقف", "暂停", "停止", "중단"},
	"network":    {"network", "réseau", "netzwerk", "red de", "сеть", "сети", "شبكة", "شبکه", "网络", "ネットワーク", "네트워크"},
	"company": {"compan", "firm", "entreprise", "unternehmen", "firma", "empresa", "компани", "фирм", "شركة", "شركات", "شرکت",
		"企业", "公司", "企業", "기업", "업체"},
	"centralbank": {"central bank", "banque centrale", "zentralbank", "banco central", "центробанк", "центральн банк", "цб",
		"البنك المركزي", "بانک مرکزی", "央行", "中央银行", "中央銀行", "중앙은행"},
	"lawsuit": {"sue", "sues", "sued", "lawsuit", "court", "poursuit", "tribunal", "klage", "verklag", "gericht", "demanda", "иск", "суд",
		"دعوى", "محكمة", "شکایت", "دادگاه", "起诉", "法院", "提訴", "裁判", "소송", "법원"},
	"centrifuge": {"centrifug", "zentrifug", "центрифуг", "الطرد المركزي", "سانتریفیوژ", "离心机", "遠心分離機", "원심분리기"},
	"treaty": {"treaty", "pact", "agreement", "accord", "abkommen", "tratado", "договор", "соглашен", "معاهدة", "اتفاق", "پیمان",
		"条约", "协定", "条約", "協定", "조약", "협정"},
	"reimpose": {"reimpos", "re-impos", "restor", "rétabli", "wiedereinsetz", "восстановлен", "возобнов", "إعادة فرض", "عودة",
		"بازگشت", "恢复制裁", "再発動", "복원", "재부과"},
	"deliver": {"deliver", "sent", "send", "supplied", "supplies", "livr", "liefer", "entrega", "постав", "передал", "направ",
		"تسليم", "إرسال", "ارسال", "تحویل", "交付", "运送", "供与", "引き渡", "인도", "보내", "보낸"},
	"orbit": {"orbit", "orbite", "umlaufbahn", "órbita", "орбит", "مدار", "轨道", "軌道", "궤도"},
}

// conceptForm is one folded form of a concept.
type conceptForm struct {
	concept string
	form    string // folded, words separated by single spaces
	infix   bool   // matches inside a word, not only at its start
	whole   bool   // must end its word: written with a trailing "$"
	table   int    // which of its index's tables it comes from
}

// fits says whether cf, found at folded[at:], starts a word where its
// script breaks words and ends one where it must (see newFormIndex): the
// one word test of every table that writes "$".
func (cf *conceptForm) fits(folded string, at int) bool {
	if breaksWords(cf.form) && at > 0 && folded[at-1] != ' ' {
		return false
	}
	end := at + len(cf.form)
	return !cf.whole || end == len(folded) || folded[end] == ' '
}

// minInfix is the length from which a form of a script with word breaks
// matches inside a word too: German and Russian compound ("Rüstungsexporte",
// "Zentralbankvermögen"), and a stem that long is rarely part of another
// word.
const minInfix = 6

// formIndex finds folded forms in folded text: forms by their first two
// bytes, so that each place of the text is tried against the few forms
// that can start there rather than against every form (one byte would
// leave most of a Korean or Chinese text's places with dozens to try).
// Inside a word only the forms that match inside words are tried, which
// in Latin text is most places and few forms.
type formIndex struct {
	atStart formTable // every form, for the start of a word
	inside  formTable // the infix forms, for any other place
}

// formTable holds forms by the pair of bytes they start with: slot is 1 +
// the index in groups of a pair's forms, 0 for none.
type formTable struct {
	slot   [1 << 16]uint16
	groups [][]conceptForm
}

func pairAt(s string, at int) uint16 { return uint16(s[at])<<8 | uint16(s[at+1]) }

func (t *formTable) add(cf conceptForm) {
	k := pairAt(cf.form, 0)
	if t.slot[k] == 0 {
		t.groups = append(t.groups, nil)
		t.slot[k] = uint16(len(t.groups))
	}
	t.groups[t.slot[k]-1] = append(t.groups[t.slot[k]-1], cf)
}

// at returns the forms that may start at folded[at:].
func (t *formTable) at(folded string, at int) []conceptForm {
	if at+1 >= len(folded) {
		return nil
	}
	if g := t.slot[pairAt(folded, at)]; g != 0 {
		return t.groups[g-1]
	}
	return nil
}

// newFormIndex indexes the folded forms of tables, each form marked with
// the place of its table in tables, so that one scan of a text finds the
// forms of several. A form ending in "$" must end its word (see
// conceptForm.fits), kept on the form rather than in a set keyed by its
// text, which another table's form of the same text would share. A form
// must fold to two bytes or more; the tables are ours, so a shorter one is
// a bug.
func newFormIndex(tables ...map[string][]string) *formIndex {
	ix := &formIndex{}
	for t, table := range tables {
		for c, forms := range table {
			for _, f := range forms {
				f, whole := strings.CutSuffix(f, "$")
				folded := foldText(f)
				if len(folded) < 2 {
					panic(fmt.Sprintf("events: form %q of %q folds to %q, shorter than two bytes", f, c, folded))
				}
				cf := conceptForm{concept: c, form: folded, infix: !breaksWords(f) || utf8.RuneCountInString(folded) >= minInfix, whole: whole, table: t}
				ix.atStart.add(cf)
				if cf.infix {
					ix.inside.add(cf)
				}
			}
		}
	}
	// In order, so that what is found does not depend on map iteration.
	for _, t := range []*formTable{&ix.atStart, &ix.inside} {
		for _, fs := range t.groups {
			sort.Slice(fs, func(i, j int) bool { return formBefore(&fs[i], &fs[j]) })
		}
	}
	return ix
}

func formBefore(a, b *conceptForm) bool {
	if a.table != b.table {
		return a.table < b.table
	}
	return a.concept+"\x00"+a.form < b.concept+"\x00"+b.form
}

// find calls found with each form of ix at each place of folded text
// where it matches: a word-start form only at the start of a word. Forms
// are met in the order they stand in the text.
func (ix *formIndex) find(folded string, found func(cf *conceptForm, at int)) {
	for at := 0; at+1 < len(folded); at++ {
		fs := ix.inside.at(folded, at)
		if at == 0 || folded[at-1] == ' ' {
			fs = ix.atStart.at(folded, at)
		}
		for k := range fs {
			if strings.HasPrefix(folded[at:], fs[k].form) {
				found(&fs[k], at)
			}
		}
	}
}

// breaksWords says whether s is written in a script that separates words
// with spaces and adds no clitics to them (Latin, Cyrillic, Greek).
func breaksWords(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.In(r, unicode.Latin, unicode.Cyrillic, unicode.Greek) {
			return false
		}
	}
	return true
}

// foldText folds text as the rules do and joins its words with single
// spaces.
func foldText(text string) string {
	var toks norm.Tokens
	toks.Tokenize(text)
	return joinFolded(&toks)
}

// joinFolded joins the folded words of toks with single spaces.
func joinFolded(toks *norm.Tokens) string {
	var b strings.Builder
	for i := range toks.List {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(toks.Fold(i))
	}
	return b.String()
}
