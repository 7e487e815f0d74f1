package rules

import (
	"slices"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// TestPackNamesAcrossLanguages holds the default pack to what it must name
// and must not in news of each language: names in the cases Russian and
// Ukrainian decline them, a stress mark, a Chinese abbreviation that is
// the start of another country's name, the French UN with its article.
func TestPackNamesAcrossLanguages(t *testing.T) {
	rs := defaultPack(t)
	tests := []struct {
		text      string
		want, not []string // entity ids
	}{
		{"Путин поблагодарил Кима Чен Ына за поставки снарядов", []string{"dprk", "russia"}, nil},
		{"Путин и Лавров обсудили с Кимом Чен Ыном поставки ракет", []string{"dprk", "russia"}, nil},
		{"Песков рассказал о письме Киму Чен Ыну", []string{"dprk"}, nil},
		{"Путін подякував Кімові Чен Инові за постачання снарядів", []string{"dprk", "russia"}, nil},
		{"Шойгу́ прибыл в Пхеньян", []string{"dprk", "russia"}, nil},
		{"Министр встретился с Лавровым и Шойгу", []string{"russia"}, nil},
		{"中国对乌干达出口武器", []string{"china", "other-suppliers"}, []string{"ukraine"}},
		{"中国对乌兹别克斯坦出口无人机零部件", []string{"china"}, []string{"ukraine"}},
		{"中国对乌兹别克出口无人机零部件", []string{"china"}, []string{"ukraine"}},
		{"乌鲁木齐举办边境贸易博览会", []string{"china"}, []string{"ukraine"}},
		{"中国对乌出口无人机零部件受到限制", []string{"china", "ukraine"}, nil},
		{"L'ONU dénonce les livraisons d'armes", []string{"un"}, nil},
		{"Selon l’ONU, la Corée du Nord contourne les sanctions", []string{"un", "dprk"}, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range rs.Evidence(&story.Story{Title: tt.text}).Entities {
			got = append(got, e.ID)
		}
		checkIDs(t, tt.text+" names", got, tt.want, tt.not)
	}
}

// checkIDs fails unless got holds every id of want and none of not.
func checkIDs(t *testing.T, what string, got, want, not []string) {
	t.Helper()
	for _, id := range want {
		if !slices.Contains(got, id) {
			t.Errorf("%s %v, want %s among them", what, got, id)
		}
	}
	for _, id := range not {
		if slices.Contains(got, id) {
			t.Errorf("%s %v, must not hold %s", what, got, id)
		}
	}
}

// TestPackRulesAcrossLanguages checks what fires on stories whose words
// several languages share: a rule of one language's file holds only for
// stories in that language, French "matériel" is any equipment while
// English "materiel" is military, and unnumbered resolutions "de l'ONU"
// count.
func TestPackRulesAcrossLanguages(t *testing.T) {
	rs := defaultPack(t)
	tests := []struct {
		text      string
		want, not []string // rule ids
	}{
		{"Irán enriquece uranio al 60 % en Fordo, según el OIEA", []string{"nuclear-programmes-es"},
			[]string{"nuclear-programmes-fr", "nuclear-programmes-de"}},
		{"Nucléaire : l'Iran enrichit désormais l'uranium à 60 % à Fordo, selon l'AIEA",
			[]string{"nuclear-programmes-fr"}, []string{"nuclear-programmes-de", "nuclear-programmes-es"}},
		{"Nordkoreanische Soldaten kämpfen in Kursk an der Seite der russischen Armee",
			[]string{"dprk-russia-troops-de"}, []string{"dprk-russia-troops-fr"}},
		{"Тайвань заборонив продаж верстатів до росії та Білорусі", []string{"export-controls-uk"},
			[]string{"export-controls-ru"}},
		{"La Russie fournit du matériel informatique à l'Iran", nil,
			[]string{"iran-arms-transfers", "arms-transfers"}},
		{"La Chine livre du matériel agricole à la Corée du Nord", nil,
			[]string{"arms-transfers", "nuclear-programmes"}},
		{"Pyongyang a livré du matériel militaire à Moscou, selon Séoul", []string{"dprk-russia-arms"}, nil},
		{"North Korea shipped materiel to Russia by rail, Seoul says", []string{"dprk-russia-arms"}, nil},
		{"Séoul accuse Pyongyang de tirer des missiles en violation des résolutions de l'ONU",
			[]string{"unsc-sanctions"}, nil},
	}
	for _, tt := range tests {
		checkIDs(t, tt.text+" fired", ruleIDs(rs.Match(&story.Story{Title: tt.text})), tt.want, tt.not)
	}
}
