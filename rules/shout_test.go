package rules

import (
	"testing"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// TestShortCapsNeedTheirCase checks that a short all-capitals alias is an
// acronym only in its own case, and not in text shouted in capitals.
func TestShortCapsNeedTheirCase(t *testing.T) {
	rs := mustCompile(t, inline(`entities:
  - id: dprk
    name: North Korea
    kind: country
    aliases: [North Korea, KPA]
  - id: isil
    name: ISIL
    kind: group
    aliases: [ISIL]
    case_sensitive: [IS]
rules:
  - id: dprk
    severity: high
    query: '@dprk'
  - id: isil
    severity: high
    query: '@isil'
`))
	tests := []struct {
		title string
		want  string // rule id that must fire, "" for none
	}{
		{"Inflate the tyres to 220 kPa before a long drive", ""},
		{"KPA units moved to the border overnight", "dprk"},
		{"The KPA held drills near the border", "dprk"},
		{"THIS IS WHY YOUR COFFEE TASTES BITTER", ""},
		{"IS claims responsibility for the attack", "isil"},
		{"NORTH KOREA FIRES MISSILE", "dprk"},
		// Scripts without case never shout: capitals among them are meant.
		{"KPA 부대, 국경으로 이동", "dprk"},
		{"朝鲜KPA部队向边境移动", "dprk"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			s := story.Story{Title: tt.title}
			got := ruleIDs(rs.Match(&s))
			if (tt.want == "") != (len(got) == 0) || (tt.want != "" && got[0] != tt.want) {
				t.Fatalf("rules fired %v, want %q", got, tt.want)
			}
		})
	}
}

func TestShortCaps(t *testing.T) {
	for alias, want := range map[string]bool{"KPA": true, "IRGC": true, "G7": true, "IS": true,
		"Kpa": false, "KOMID": false, "North Korea": false, "D.P.R.K.": false, "123": false} {
		if got := shortCaps(alias); got != want {
			t.Errorf("shortCaps(%q) = %v, want %v", alias, got, want)
		}
	}
}
