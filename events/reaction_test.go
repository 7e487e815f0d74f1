package events

import "testing"

// A wire tag before a colon is no speaker: the headline after it is news,
// not someone's words.
func TestWireTagIsNoSpeaker(t *testing.T) {
	for _, tc := range []struct {
		title string
		want  bool
	}{
		{"Exclusive: North Korea sent no fewer than 10,000 troops to Russia", false},
		{"UPDATE 2: Iran says it has not supplied ballistic missiles to Russia", false},
		{"Factbox: Not just shells, what North Korea supplies to Russia", false},
		{"独家：朝鲜没有向俄罗斯派兵", false},
		{"속보: 북한, 러시아에 파병하지 않았다", false},
		{"Эксклюзив: КНДР не отправляла войска", false},
		{"Araghchi: Iran has delivered no ballistic missiles to Russia", true},
		{"UPDATE 1: Araghchi: Iran has delivered no missiles to Russia", true},
		{"外交部：美方对台军售严重违反一个中国原则", true},
	} {
		if got := isReaction(tc.title, foldText(tc.title)); got != tc.want {
			t.Errorf("isReaction(%q) = %v, want %v", tc.title, got, tc.want)
		}
	}
}
