package events

import (
	"slices"
	"testing"
)

func TestIsReaction(t *testing.T) {
	for _, tc := range []struct {
		title string
		want  bool
	}{
		{"N. Korea denies arms dealings with Russia, slams Japanese report", true},
		{"外交部：中方坚决反对美方对中国企业的非法单边制裁", true},
		{"Путин назвал задержание танкера у берегов Франции пиратством", true},
		{"Tehran rejects 'baseless' U.S. accusations over drone components", true},
		{"بقائی: ادعای ارسال موشک به روسیه بی‌اساس است", true},
		{"إيران تنفي إرسال صواريخ إلى روسيا", true},
		{"الخارجية الروسية تنفيها: لا صواريخ إيرانية", true},                  // the denial with its object attached
		{"تصنيف الحوثيين منظمة إرهابية أجنبية يدخل حيز التنفيذ", false},       // "التنفيذ" (coming into force) starts with "تنفي" (denies)
		{"IAEA-Gouverneursrat verurteilt Iran", false},                        // a board's resolution
		{"UNSC rejects Russia-China draft to postpone Iran snapback", false},  // a vote
		{"Iran rejects IAEA board resolution as politically motivated", true}, // a government, not the board
		{"رأی منفی شورای امنیت به قطعنامه تداوم لغو تحریم‌های ایران", false},  // "منفی" (negative) is no denial
		{"China retaliates with sanctions on US defence firms", false},        // the reacting party's own act
		{"外交部：中方决定对美国军工企业采取反制措施", false},
		{"Protesters rally outside embassy over arms sale", false},
		{"Protests spread across Iran over fuel prices", false}, // demonstrations
		{"委内瑞拉反对派领袖呼吁加强制裁", false},                              // the opposition, not "opposes"
		{"China lodges protest with Japan over export curbs", true},
		{"Moscow calls Estonia's actions with tanker a provocation", true},
		{"Putin calls French boarding of tanker 'piracy'", true},
		{"Iran Blasts New Sanctions, Calls Them 'Permanent Closure' For Diplomacy", true},
		{"Somali piracy resurges as pirates hijack bulk carrier", false}, // piracy itself
		{"North Korea's latest provocation: a salvo of cruise missiles", false},
		{"Россия заявила протест Эстонии из-за задержания танкера", true},
		{"إيران تحتجز ناقلة نفط في مضيق هرمز", false}, // detains, not protests
		{"Zelensky: North Korea preparing 10,000 soldiers to join Russia's war", false},
		{"Araghchi: Iran has delivered no ballistic missiles to Russia", true}, // someone's words that deny
		{"Budanov: North Korea sent Russia 200 artillery systems", false},
		{"US sanctions 16 firms over Iranian oil shipments", false},
	} {
		if got := isReaction(tc.title, foldText(tc.title)); got != tc.want {
			t.Errorf("isReaction(%q) = %v, want %v", tc.title, got, tc.want)
		}
	}
}

func TestIdentifiers(t *testing.T) {
	for _, tc := range []struct {
		title string
		want  []string
	}{
		{"UKMTO WARNING 029/2025 – Incident 51 nautical miles southwest of Hodeidah", []string{"29"}},
		{"UKMTO WARNING 037: incident 63NM west of Hodeidah", []string{"37"}},
		{"Statement on the expiry of UN Security Council Resolution 2231", []string{"2231"}},
		{"Court opens case No. 12 against tanker owner", []string{"12"}},
		{"US sanctions 16 firms over Iranian oil shipments", nil},
		{"Hwasong-19 launched on 31 October", nil},
		{"Update 12/03/2025: tanker hit off Hodeidah", nil}, // a date
		{"Update 3/4/2025: tanker hit off Hodeidah", nil},
		{"Hotline open 24/7 for sanctions queries", nil},
		{"Sanctions list revised 12/03", nil},
		{"UKMTO WARNING 29/1999 reissued", []string{"29"}},
		{"Circular 5/3025 on export controls", nil}, // no year
	} {
		if got := identifiers(tc.title); !slices.Equal(got, tc.want) {
			t.Errorf("identifiers(%q) = %v, want %v", tc.title, got, tc.want)
		}
	}
}

func TestModelNumbers(t *testing.T) {
	for _, tc := range []struct {
		title string
		want  []string
	}{
		{"China's J-35A stealth fighter makes flying debut", []string{"35"}},
		{"Russian Su-57 jet flies beside 歼-35A", []string{"57", "35"}},
		{"North Korea tests Hwasong-20 ICBM", []string{"20"}},
		{"COVID-19 curbs lifted at Chinese border with North Korea", nil},
		{"G-7 leaders agree on Russian oil price cap; G-20 divided", nil},
		{"Poland weighs Article-5 consultations after drone incursion", nil},
	} {
		if got := modelNumbers(tc.title); !slices.Equal(got, tc.want) {
			t.Errorf("modelNumbers(%q) = %v, want %v", tc.title, got, tc.want)
		}
	}
}

func TestMarksConflict(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b string
		want bool
	}{
		{"a denial and the claim", "N. Korea denies arms dealings with Russia", "US says North Korea delivered weapons to Russia's Wagner Group", true},
		{"two reports of one denial", "N. Korea denies arms dealings with Russia", "Spokesperson for DPRK Foreign Ministry slams 'arms dealing' report", false},
		{"two numbered warnings", "UKMTO WARNING 029/2025 – Incident 51 nautical miles southwest of Hodeidah", "UKMTO WARNING 030/2025 – Incident 51NM west of Hodeidah", true},
		{"one warning told twice", "UKMTO WARNING 029/2025 – Incident near Hodeidah", "UKMTO warning 029: vessel reports explosion", false},
		{"a number without identifier", "UKMTO WARNING 029/2025 – Incident near Hodeidah", "Vessel reports explosion 51NM off Hodeidah", false},
		{"two models at one air show", "China's J-35A stealth fighter makes flying debut", "Russian Su-57 jet flies at Chinese air show", true},
		{"one model, with and without its suffix", "Myanmar takes delivery of two more Su-30SME fighters", "Russia delivers two Su-30 jets to Myanmar", false},
		{"one headline names no model", "China's J-35A stealth fighter makes flying debut", "Stealth fighter debuts at Zhuhai air show", false},
	} {
		a, b := marksOf(marked(tc.a)), marksOf(marked(tc.b))
		if got := a.conflicts(b); got != tc.want {
			t.Errorf("%s: conflict %v, want %v (%+v, %+v)", tc.name, got, tc.want, a, b)
		}
	}
}

// marked returns the marks of a headline and its numbers.
func marked(title string) Features {
	f := Features{Keys: map[string]float32{}}
	for _, k := range headlineMarks(title, foldText(title)) {
		f.Keys[k] = titleBoost
	}
	for _, n := range readNumbers(title) {
		f.Keys[prefixNumber+n.value] = titleBoost
	}
	return f
}
