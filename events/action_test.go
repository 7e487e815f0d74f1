package events

import (
	"slices"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/story"
)

func TestHeadlineActions(t *testing.T) {
	for _, tc := range []struct {
		title string
		want  []string
	}{
		{"N. Korea fires ballistic missile toward East Sea: JCS", []string{"launch"}},
		{"北朝鮮が短距離弾道ミサイル複数発を発射", []string{"launch"}},
		{"Security Council fails to adopt draft on DPRK missile launches", []string{"launch", "veto"}},
		{"안보리 대북 추가제재 결의안, 중·러 거부권에 부결", []string{"designate", "veto"}},
		{"Le pétrolier « Boracay » arraisonné par la Marine nationale", []string{"seizure"}},
		{"日本郵船運航の自動車運搬船 紅海で拿捕 フーシ派が声明", []string{"seizure"}},
		{"US charges trio over $9 million in electronics shipped to Russia", []string{"charge"}},
		{"Russia delivered Pantsir air defense to Pyongyang", []string{"deliver"}},
		{"Seoul confirms North Korean troop deployment to Russia", []string{"deliver"}},
		{"Security Council fails to extend mandate of 1718 Committee expert panel", []string{"veto"}},
		{"Lavrov meets Kim Jong Un in Wonsan", []string{"meeting"}},
		{"Indonesia to buy 48 KAAN fighter jets from Türkiye", []string{"sale"}},
		{"현대로템, 폴란드와 K2 전차 2차 계약", []string{"sale"}},
		{"U.S. approves potential sale of NASAMS to Taiwan", []string{"sale"}},
		{"Finnish court throws out case over cable damage", []string{"ruling"}},
		{"Haftstrafe wegen Lieferungen an russische Rüstungsindustrie", []string{"deliver", "ruling"}},
		{"Yemen's Houthis release crew of Galaxy Leader", []string{"release"}},
		{"17 Filipino seafarers freed", []string{"release"}},
		{"E3 leiten Wiedereinsetzung der UN-Sanktionen gegen Iran ein", []string{"designate"}},
		{"MSMT releases report on arms transfers", nil}, // a report released is no one freed
		{"Putin orders troops to the border", nil},
		{"Liberia-flagged tanker hit off Yemen", []string{"attack"}}, // no "liber"
		{"Путин и Ким Чен Ын провели переговоры в Пекине", []string{"meeting"}},
		{"Metal prices rise on sanctions", []string{"designate"}}, // "met" is no form
		// Stems that start unrelated words, and a body's board.
		{"Court sentences Russian smuggler to 10 years", []string{"ruling"}}, // no "sent"
		{"Sentinel satellites spot tanker off Syria", nil},
		{"IAEA board censures Iran", nil},
		{"UN nuclear watchdog's board rebukes Iran", nil},
		{"Defector's memoir is a bombshell for Kyiv", nil},
		{"EU launches probe into Chinese drone parts", nil},
		{"UK launched an investigation into arms sale", []string{"sale"}},
		{"Germany to send rocket launchers to Kyiv", []string{"deliver"}},
		{"Patriot interceptors arrive in Poland", nil},
		{"French navy boards shadow fleet tanker", []string{"seizure"}},
		{"North Korea launches ICBM", []string{"launch"}},
		{"Russia sent 3,000 more troops", []string{"deliver"}},
		{"Israeli jets bombed depot", []string{"strike"}},
		// Everyday senses of the release, ruling and sale forms.
		{"Хуситы атаковали суда в Красном море", []string{"attack"}}, // ships, no court
		{"解放军在台湾周边举行联合演习", nil},                                      // the PLA
		{"中方释放积极信号", nil},                                            // signals sent
		{"MSMT to release report on arms transfers", nil},
		{"Houthis release video of attack on tanker", []string{"attack"}},
		{"Зеленський звільнив міністра оборони", nil},                        // a dismissal
		{"منطقه آزاد تجاری چابهار", nil},                                     // a free zone
		{"España condena el ataque contra el petrolero", []string{"strike"}}, // "ataque", no ruling
		{"Trump orders new tariffs on Chinese goods", nil},
		{"Russian forces liberate village, MoD says", nil},
		{"Condenado a 12 años el traficante de armas", []string{"ruling"}},
		{"Рыбаки освобождены из плена", []string{"release"}},
		{"日本人3人を釈放", []string{"release"}},
	} {
		if got := headlineActions(foldText(tc.title)); !slices.Equal(got, tc.want) {
			t.Errorf("%q: actions %v, want %v", tc.title, got, tc.want)
		}
	}
}

// A headline whose background tells its kind of action again is a repeat
// of it, with no signature of that kind.
func TestRepeatedAction(t *testing.T) {
	f := Extract(&story.Story{Title: "N. Korea fires SRBMs a day after ICBM launch"}, rules.Evidence{}, nil)
	if _, ok := f.Keys[markAction+"launch"]; ok {
		t.Errorf("a launch after a launch has the signature of a launch: %v", f.Keys)
	}
	if _, ok := f.Keys[markRepeat+"launch"]; !ok {
		t.Errorf("a launch after a launch is no repeat: %v", f.Keys)
	}
	f = Extract(&story.Story{Title: "N. Korea fires ICBM into East Sea after US drills"}, rules.Evidence{}, nil)
	if _, ok := f.Keys[markAction+"launch"]; !ok {
		t.Errorf("a launch after drills has no signature of a launch: %v", f.Keys)
	}
	// A government's act in the background came before, whatever the
	// headline tells; a physical act's aftermath may be that act.
	f = Extract(&story.Story{Title: "Iranian lawmakers push NPT exit bill after snapback trigger"}, rules.Evidence{}, nil)
	if _, ok := f.Keys[markRepeat+"designate"]; !ok {
		t.Errorf("a bill after a snapback does not tell the designation again: %v", f.Keys)
	}
	f = Extract(&story.Story{Title: "Crew abandons Magic Seas after Houthi attack"}, rules.Evidence{}, nil)
	if _, ok := f.Keys[markRepeat+"attack"]; ok {
		t.Errorf("a crew abandoning ship after an attack tells the attack again: %v", f.Keys)
	}
	// A summit's end and a crew home after its release are no government
	// acts: only those listed are.
	for title, kind := range map[string]string{
		"Kim Jong Un sees Putin off after summit in Pyongyang":    "meeting",
		"Galaxy Leader crew return home after release by Houthis": "release",
	} {
		f = Extract(&story.Story{Title: title}, rules.Evidence{}, nil)
		if _, ok := f.Keys[markRepeat+kind]; ok {
			t.Errorf("%q tells its background's %s again: %v", title, kind, f.Keys)
		}
	}
}
