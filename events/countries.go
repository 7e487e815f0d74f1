package events

import (
	"slices"
	"strings"
)

// countries are the states the rule files lump together ("European
// states", "other arms-trading states") or do not know, each with its
// names and adjectives in the languages of the packs. Their names make
// headline subjects (see subjectsOf) and place features like the rule
// files' countries: the State Department notifies a sale to Poland and one
// to Norway on the same day in the same words, and the Security Council
// renews a mandate for Lebanon the week a regime for Mali lapses; only the
// country tells them apart. The governments of the headline actors (the
// US, the UK, Germany, France) and the states the rule files know by name
// are not here.
//
// Forms follow the concepts' (see concepts), with one more rule: a form
// ending in "$" must end its word, where a country is also the start of
// other words ("مصر", Egypt, in "مصرف", bank).
var countries = map[string][]string{
	"poland":       {"poland", "polish", "warsaw", "pologne", "polonais", "varsovie", "polen", "polnisch", "warschau", "polonia", "polaco", "польш", "польск", "варшав", "польщ", "بولندا", "لهستان", "波兰", "波蘭", "ポーランド", "폴란드"},
	"norway":       {"norway", "norwegian", "oslo", "norvège", "norvégien", "norwegen", "norwegisch", "noruega", "noruego", "норвеги", "норвежск", "норвезь", "النرويج", "نروژ", "挪威", "ノルウェー", "노르웨이"},
	"finland":      {"finland", "finnish", "helsinki", "finlande", "finlandais", "finnland", "finnisch", "finlandia", "finlandés", "финлянд", "финск", "фінлянд", "фінськ", "فنلندا", "فنلاند", "芬兰", "芬蘭", "フィンランド", "핀란드"},
	"estonia":      {"estonia", "estonian", "tallinn", "estonie", "estonien", "estland", "estnisch", "estonio", "эстони", "эстонск", "естоні", "естонськ", "إستونيا", "استونی", "爱沙尼亚", "愛沙尼亞", "エストニア", "에스토니아"},
	"latvia":       {"latvia", "latvian", "riga$", "lettonie", "letton", "lettland", "lettisch", "letonia", "латви", "латвийск", "латвій", "لاتفيا", "لتونی", "拉脱维亚", "ラトビア", "라트비아"},
	"lithuania":    {"lithuania", "lithuanian", "vilnius", "lituanie", "lituanien", "litauen", "litauisch", "lituania", "литв", "литовск", "литов", "ليتوانيا", "لیتوانی", "立陶宛", "リトアニア", "리투아니아"},
	"sweden":       {"sweden", "swedish", "stockholm", "suède", "suédois", "schweden", "schwedisch", "suecia", "sueco", "швеци", "шведск", "швеці", "السويد", "سوئد", "瑞典", "スウェーデン", "스웨덴"},
	"denmark":      {"denmark", "danish", "copenhagen", "danemark", "danois", "dänemark", "dänisch", "dinamarca", "danés", "дания", "дании", "датск", "данія", "данії", "الدنمارك", "دانمارک", "丹麦", "丹麥", "デンマーク", "덴마크"},
	"netherlands":  {"netherlands", "dutch", "amsterdam", "pays-bas", "néerlandais", "niederlande", "niederländisch", "países bajos", "holanda", "нидерланд", "голланди", "нідерланд", "هولندا", "هلند", "荷兰", "荷蘭", "オランダ", "네덜란드"},
	"belgium":      {"belgium", "belgian", "belgique", "belge", "belgien", "belgisch", "bélgica", "бельги", "бельгі", "بلجيكا", "بلژیک", "比利时", "ベルギー", "벨기에"},
	"italy":        {"italy", "italian", "rome$", "italie", "italien", "italia", "итали", "італі", "إيطاليا", "ایتالیا", "意大利", "イタリア", "이탈리아"},
	"spain":        {"spain", "spanish", "madrid", "espagne", "espagnol", "spanien", "spanisch", "españa", "español", "испани", "іспані", "إسبانيا", "اسپانیا", "西班牙", "スペイン", "스페인"},
	"greece":       {"greece", "greek", "athens", "grèce", "grec", "griechenland", "griechisch", "grecia", "griego", "греци", "греческ", "греці", "اليونان", "یونان", "希腊", "ギリシャ", "그리스"},
	"romania":      {"romania", "romanian", "bucharest", "roumanie", "roumain", "rumänien", "rumänisch", "rumania", "rumano", "румыни", "румуні", "رومانيا", "رومانی", "罗马尼亚", "ルーマニア", "루마니아"},
	"bulgaria":     {"bulgaria", "bulgarian", "bulgarie", "bulgare", "bulgarien", "bulgarisch", "болгари", "болгарі", "بلغاريا", "بلغارستان", "保加利亚", "ブルガリア", "불가리아"},
	"czechia":      {"czech", "prague", "tchèque", "tschechi", "chequia", "checo", "чехи", "чешск", "чехі", "التشيك", "捷克", "チェコ", "체코"},
	"slovakia":     {"slovakia", "slovak", "slovaquie", "slowakei", "eslovaquia", "словаки", "словач", "سلوفاكيا", "اسلواکی", "斯洛伐克", "スロバキア", "슬로바키아"},
	"hungary":      {"hungary", "hungarian", "budapest", "hongrie", "hongrois", "ungarn", "ungarisch", "hungría", "húngaro", "венгри", "венгерск", "угорщин", "المجر", "مجارستان", "匈牙利", "ハンガリー", "헝가리"},
	"austria":      {"austria", "austrian", "vienna", "autriche", "autrichien", "österreich", "австри", "австрі", "النمسا", "اتریش", "奥地利", "オーストリア", "오스트리아"},
	"switzerland":  {"switzerland", "swiss", "suisse", "schweiz", "suiza", "швейцари", "швейцарі", "سويسرا", "سوئیس", "瑞士", "スイス", "스위스"},
	"serbia":       {"serbia", "serbian", "belgrade", "serbie", "serbe", "serbien", "serbisch", "серби", "сербск", "صربيا", "صربستان", "塞尔维亚", "セルビア", "세르비아"},
	"moldova":      {"moldova", "moldovan", "moldavie", "moldau", "молдов", "молдав", "مولدوفا", "مولداوی", "摩尔多瓦", "モルドバ", "몰도바"},
	"turkey":       {"turkey", "turkish", "türkiye", "ankara", "turquie", "turc", "türkei", "türkisch", "turquía", "turco", "турци", "турецк", "туреччин", "турецьк", "تركيا", "ترکیه", "土耳其", "トルコ", "튀르키예", "터키"},
	"japan":        {"japan", "tokyo", "japon", "japonais", "japanisch", "japón", "япони", "японск", "япон", "اليابان", "ژاپن", "日本", "日方", "일본"},
	"south-korea":  {"south korea", "south korean", "seoul", "corée du sud", "sud-coréen", "südkorea", "corea del sur", "южная корея", "южной кореи", "южнокоре", "сеул", "південн", "كوريا الجنوبية", "کره جنوبی", "韩国", "韓国", "한국", "서울"},
	"taiwan":       {"taiwan", "taipei", "taïwan", "тайван", "تايوان", "تایوان", "台湾", "台灣", "臺灣", "対台", "对台", "對台", "대만"},
	"india":        {"india", "indian", "new delhi", "inde$", "indien", "индия", "индии", "индийск", "індія", "індії", "الهند", "هند$", "印度", "インド"},
	"pakistan":     {"pakistan", "islamabad", "пакистан", "باكستان", "پاکستان", "巴基斯坦", "パキスタン", "파키스탄"},
	"saudi":        {"saudi", "riyadh", "saoudi", "saudi-arabien", "arabia saudí", "саудовск", "саудівськ", "السعودية", "عربستان", "沙特", "サウジ", "사우디"},
	"uae":          {"united arab emirates", "uae", "emirati", "abu dhabi", "dubai", "émirats", "emirate", "emiratos", "оаэ", "эмират", "оае", "емірат", "الإمارات", "امارات", "阿联酋", "アラブ首長国連邦", "アラブ首長国", "아랍에미리트"},
	"qatar":        {"qatar", "qatari", "doha", "katar", "катар", "قطر$", "卡塔尔", "カタール", "카타르"},
	"egypt":        {"egypt", "egyptian", "cairo", "égypte", "égyptien", "ägypten", "ägyptisch", "egipto", "egipcio", "египет", "египт", "єгипет", "єгипт", "مصر$", "مصري", "مصری", "埃及", "エジプト", "이집트"},
	"bahrain":      {"bahrain", "bahraini", "manama", "bahreïn", "bahrein", "бахрейн", "البحرين", "بحرین", "巴林", "バーレーン", "바레인"},
	"kuwait":       {"kuwait", "koweït", "кувейт", "الكويت", "کویت", "科威特", "クウェート", "쿠웨이트"},
	"oman":         {"oman$", "omani", "muscat", "омана", "оман$", "سلطنة عمان", "阿曼", "オマーン", "오만"},
	"jordan":       {"jordan", "jordanian", "amman", "jordanie", "jordanien", "jordania", "иордани", "йордані", "الأردن", "اردن$", "约旦", "ヨルダン", "요르단"},
	"lebanon":      {"lebanon", "lebanese", "beirut", "liban", "libanais", "libanon", "libanesisch", "líbano", "ливан", "ліван", "لبنان", "黎巴嫩", "レバノン", "레바논"},
	"indonesia":    {"indonesia", "indonesian", "jakarta", "indonésie", "indonesien", "индонези", "індонезі", "إندونيسيا", "اندونزی", "印度尼西亚", "印尼", "インドネシア", "인도네시아"},
	"malaysia":     {"malaysia", "malaysian", "kuala lumpur", "malaisie", "malasia", "малайзи", "малайзі", "ماليزيا", "مالزی", "马来西亚", "マレーシア", "말레이시아"},
	"singapore":    {"singapore", "singapour", "singapur", "сингапур", "сінгапур", "سنغافورة", "سنگاپور", "新加坡", "シンガポール", "싱가포르"},
	"vietnam":      {"vietnam", "viet nam", "vietnamese", "hanoi", "viêt", "вьетнам", "в'єтнам", "فيتنام", "ویتنام", "越南", "ベトナム", "베트남"},
	"philippines":  {"philippine", "filipino", "manila", "philippinen", "filipinas", "филиппин", "філіппін", "الفلبين", "فیلیپین", "菲律宾", "フィリピン", "필리핀"},
	"thailand":     {"thailand", "thai$", "bangkok", "thaïlande", "tailandia", "таиланд", "таїланд", "تايلاند", "تایلند", "泰国", "태국"},
	"australia":    {"australia", "australian", "canberra", "australie", "australien", "австрали", "австралі", "أستراليا", "استرالیا", "澳大利亚", "澳洲", "オーストラリア", "호주"},
	"canada":       {"canada", "canadian", "ottawa", "kanada", "canadá", "канад", "كندا", "کانادا", "加拿大", "カナダ", "캐나다"},
	"brazil":       {"brazil", "brasil", "brésil", "brasilien", "бразили", "бразилі", "البرازيل", "برزیل", "巴西", "ブラジル", "브라질"},
	"mexico":       {"mexico", "mexican", "mexique", "mexiko", "méxico", "мексик", "المكسيك", "مکزیک", "墨西哥", "メキシコ", "멕시코"},
	"argentina":    {"argentin", "аргентин", "الأرجنتين", "آرژانتین", "阿根廷", "アルゼンチン", "아르헨티나"},
	"colombia":     {"colombia", "colombie", "kolumbien", "колумби", "колумбі", "كولومبيا", "کلمبیا", "哥伦比亚", "コロンビア", "콜롬비아"},
	"south-africa": {"south africa", "pretoria", "afrique du sud", "sud-africain", "südafrika", "sudáfrica", "южноафрикан", "юар", "південноафрикан", "جنوب أفريقيا", "آفریقای جنوبی", "南非", "南アフリカ", "남아공", "남아프리카"},
	"nigeria":      {"nigeria", "nigérian", "abuja", "нигери", "нігері", "نيجيريا", "نیجریه", "尼日利亚", "ナイジェリア", "나이지리아"},
	"ethiopia":     {"ethiopia", "éthiopie", "äthiopien", "etiopía", "эфиопи", "ефіопі", "إثيوبيا", "اتیوپی", "埃塞俄比亚", "エチオピア", "에티오피아"},
	"somalia":      {"somalia", "somali", "mogadishu", "somalie", "сомали", "сомалі", "الصومال", "سومالی", "索马里", "ソマリア", "소말리아"},
	"algeria":      {"algeria", "algerian", "algérie", "algerien", "argelia", "алжир", "الجزائر", "الجزایر", "阿尔及利亚", "アルジェリア", "알제리"},
	"morocco":      {"morocco", "moroccan", "maroc", "marokko", "marruecos", "марокк", "المغرب", "مراکش", "摩洛哥", "モロッコ", "모로코"},
	"azerbaijan":   {"azerbaijan", "baku$", "azerbaïdjan", "aserbaidschan", "azerbaiyán", "азербайджан", "أذربيجان", "آذربایجان", "阿塞拜疆", "アゼルバイジャン", "아제르바이잔"},
	"armenia":      {"armenia", "armenian", "yerevan", "arménie", "armenien", "армени", "армянск", "вірмені", "أرمينيا", "ارمنستان", "亚美尼亚", "アルメニア", "아르메니아"},
	"kazakhstan":   {"kazakh", "astana", "казахстан", "казахст", "كازاخستان", "قزاقستان", "哈萨克斯坦", "カザフスタン", "카자흐스탄"},
	"panama":       {"panama", "panamá", "панам", "بنما", "پاناما", "巴拿马", "パナマ", "파나마"},
	"cyprus":       {"cyprus", "cypriot", "chypre", "zypern", "chipre", "кипр", "кіпр", "قبرص", "قبرس", "塞浦路斯", "キプロス", "키프로스"},
	"malta":        {"malta", "maltese", "malte", "мальт", "مالطا", "مالت", "马耳他", "マルタ", "몰타"},
	"mongolia":     {"mongolia", "mongolian", "mongolie", "mongolei", "монголи", "монголі", "منغوليا", "مغولستان", "蒙古", "モンゴル", "몽골"},
	"sri-lanka":    {"sri lanka", "шри-ланк", "سريلانكا", "سریلانکا", "斯里兰卡", "スリランカ", "스리랑카"},
	"bangladesh":   {"bangladesh", "бангладеш", "بنغلاديش", "بنگلادش", "孟加拉", "バングラデシュ", "방글라데시"},
	"georgia":      {"tbilisi", "géorgie", "georgien", "грузия", "грузии", "грузинск", "грузія", "грузії", "جورجيا", "گرجستان", "格鲁吉亚", "ジョージア", "조지아"},
}

// manyCountries are entities of the rule files that stand for many
// countries at once ("other arms-trading states": Japan, India, Turkey,
// Taiwan...): two reports naming one of them may name two countries, so
// they are no evidence; the countries above say which.
var manyCountries = map[string]bool{"other-suppliers": true}

// addCountry files the country of the table cf names at folded[at:] in
// p, once, in the order first named: among the subjects too unless it is
// a ship's flag, owner or manager ("Malta-flagged", "Greek-owned"): two
// reports of one attack describe the ship each their own way, and such a
// country is no subject of the headline.
func (p *places) addCountry(folded string, cf *conceptForm, at int) {
	if !cf.fits(folded, at) {
		return
	}
	end := at + len(cf.form)
	if !slices.Contains(p.countries, cf.concept) {
		p.countries = append(p.countries, cf.concept)
	}
	if !describesShip(folded[end:]) && !slices.Contains(p.subjects, cf.concept) {
		p.subjects = append(p.subjects, cf.concept)
	}
}

// shipWords follow a country that describes a ship (see addCountry).
var shipWords = []string{"flag", "owned", "managed", "operated", "registered", "pavillon", "flagge", "bandera", "под флагом"}

// describesShip says whether the rest of a word and the word after a
// country make it a ship's flag or owner ("malta flagged", "greek owned").
func describesShip(rest string) bool {
	_, next, _ := strings.Cut(rest, " ")
	for _, w := range shipWords {
		if strings.HasPrefix(next, w) {
			return true
		}
	}
	return false
}

// subjectsApart says whether two headlines' countries and groups tell two
// happenings (see disjoint). The countries the rule files watch decide
// first; the countries of the table only when neither headline names a
// watched one, since an unwatched state is often named as the place or the
// teller ("off Turkey", "Tokyo reports", "Japan says the missile fell in
// its waters"). So "Poland – AH-64E" and "Norway – AIM-9X" are apart, as
// are "Yemen" and "Somalia", but "Tokyo reports ship-to-ship transfer" is
// not apart from "北朝鮮籍タンカー…".
func subjectsApart(a, b []string) bool {
	wa, wb := slices.DeleteFunc(slices.Clone(a), unwatched), slices.DeleteFunc(slices.Clone(b), unwatched)
	if len(wa) > 0 || len(wb) > 0 {
		return disjoint(wa, wb)
	}
	return disjoint(a, b)
}

func unwatched(id string) bool {
	_, ok := countries[id]
	return ok
}
