package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// scriptRules names each term in its own rule, so a test can say which
// term a story matched.
const scriptRules = `
rules:
  - {id: ar-sanctions, severity: low, query: 'عقوبات'}
  - {id: ar-def-sanctions, severity: low, query: 'العقوبات'}
  - {id: ar-russia, severity: low, query: 'روسيا'}
  - {id: ar-lebanon, severity: low, query: 'لبنان'}
  - {id: ar-mania, severity: low, query: 'بنان'}
  - {id: ko-russia, severity: low, query: '러시아'}
  - {id: ko-dprk-sanctions, severity: low, query: '북한 NEAR/3 제재'}
  - {id: ko-troops, severity: low, query: '"북한 군인"'}
  - {id: ja-missile, severity: low, query: 'ミサイル'}
  - {id: ja-drone, severity: low, query: 'ドローン'}
  - {id: zh-dprk-shells, severity: low, query: '朝鲜 NEAR/5 炮弹'}
  - {id: fa-sanctions, severity: low, query: 'تحریم*'}
  - {id: uk-meat, severity: low, query: 'мʼясо'}
  - {id: ru-hedgehog, severity: low, query: 'ёж'}
`

func TestScriptsMatchInflectedAndUnspacedText(t *testing.T) {
	rs := mustCompile(t, inline(scriptRules))
	tests := []struct {
		text string
		want []string
	}{
		{"فرضت واشنطن عقوبات جديدة", []string{"ar-sanctions"}},
		// The word as written wins, then the least stripped reading a
		// rule knows: العقوبات is not also عقوبات when both are terms.
		{"رفع العقوبات عن سوريا", []string{"ar-def-sanctions"}},
		{"والعقوبات الأمريكية", []string{"ar-def-sanctions"}},
		{"للعقوبات أثر", []string{"ar-def-sanctions"}},
		{"بعقوبات أثر", []string{"ar-sanctions"}},
		{"صواريخ وروسيا", []string{"ar-russia"}},
		{"زار لبنان", []string{"ar-lebanon"}}, // never بنان
		{"ولبنان", []string{"ar-lebanon"}},
		{"러시아에 포탄", []string{"ko-russia"}},
		{"북한이 제재를 피했다", []string{"ko-dprk-sanctions"}},
		{"북한 군인들이 파병", []string{"ko-troops"}},
		{"러시아어 교육", nil}, // 어 is no particle: the language, not the country
		{"北朝鮮が弾道ミサイルを発射", []string{"ja-missile"}},
		{"ロシアがドローンを購入", []string{"ja-drone"}},
		{"朝鲜向俄罗斯提供了大量炮弹", []string{"zh-dprk-shells"}},
		{"آمریکا تحریم\u200cهای جدیدی وضع کرد", []string{"fa-sanctions"}},
		{"ціни на м'ясо", []string{"uk-meat"}},
		{"еж и ЁЖ", []string{"ru-hedgehog"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := ruleIDs(rs.Match(&story.Story{Title: tt.text}))
			if !slices.Equal(got, tt.want) {
				t.Errorf("fired %v, want %v", got, tt.want)
			}
		})
	}
}

// NEAR counts a Chinese or Japanese character as half a word: ten
// characters between two terms are about five words.
func TestNearCountsCJKCharactersAsHalfWords(t *testing.T) {
	rs := mustCompile(t, inline(`
rules:
  - {id: near5, severity: low, query: '朝鲜 NEAR/5 炮弹'}
`))
	near := "朝鲜一二三四五六七八九十炮弹"  // ten characters between: five words
	far := "朝鲜一二三四五六七八九十一二炮弹" // twelve: six words
	if ms := rs.Match(&story.Story{Title: near}); len(ms) != 1 {
		t.Errorf("%s: fired %v, want near5", near, ruleIDs(ms))
	}
	if ms := rs.Match(&story.Story{Title: far}); len(ms) != 0 {
		t.Errorf("%s: fired %v, want nothing", far, ruleIDs(ms))
	}
}

// TestUnspacedAliasGivesWayToLongerName checks that a short Chinese alias
// that is the start of another entity's name (对伊 in 对伊拉克, "towards
// Iraq") does not count where the longer name runs past it, and still
// counts alone, beside the other name, or under a name of its own entity.
func TestUnspacedAliasGivesWayToLongerName(t *testing.T) {
	rs := mustCompile(t, inline(`
entities:
  - {id: iran, kind: country, aliases: [伊朗, 对伊, 伊朗革命卫队]}
  - {id: iraq, kind: country, aliases: [伊拉克]}
rules:
  - {id: iran, severity: low, query: '@iran'}
  - {id: iraq, severity: low, query: '@iraq'}
`))
	tests := []struct{ text, want string }{
		{"美国对伊拉克出售导弹", "iraq"},
		{"俄方否认对伊出售导弹", "iran"},
		{"对伊朗出售导弹", "iran"},
		{"伊朗向伊拉克运送导弹", "iran,iraq"},
		{"对伊制裁与伊拉克无关", "iran,iraq"},
		{"Iran: 对伊 sanctions", "iran"},
	}
	for _, tt := range tests {
		got := strings.Join(ruleIDs(rs.Match(&story.Story{Title: tt.text})), ",")
		if got != tt.want {
			t.Errorf("%q: rules %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestLangCondition(t *testing.T) {
	rs := mustCompile(t, inline(`
rules:
  - {id: ko-only, severity: low, query: 'lang:ko AND (미사일 OR missile)'}
  - {id: not-en, severity: low, query: 'NOT lang:en missile'}
`))
	tests := []struct {
		s    story.Story
		want []string
	}{
		{story.Story{Title: "북한이 미사일을 발사했다"}, []string{"ko-only"}},
		{story.Story{Title: "North Korea fires a missile into the sea"}, nil},
		{story.Story{Title: "Nordkorea feuert eine missile ab", Lang: "de"}, []string{"not-en"}},
		// A language the story carries wins over the detector.
		{story.Story{Title: "North Korea fires a missile", Lang: "ko"}, []string{"ko-only", "not-en"}},
	}
	for _, tt := range tests {
		if got := ruleIDs(rs.Match(&tt.s)); !slices.Equal(got, tt.want) {
			t.Errorf("%q (lang %q): fired %v, want %v", tt.s.Title, tt.s.Lang, got, tt.want)
		}
	}
	for _, q := range []string{"lang:ko", "NOT lang:ko", "lang:ko OR NOT missile"} {
		if _, err := Compile([]Source{inline("rules:\n  - {id: r, severity: low, query: '" + q + "'}\n")}, Env{}); err == nil {
			t.Errorf("%s compiled; it needs a term", q)
		}
	}
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"  a\n\n b\u00a0c  ": "a b c",
		"北朝鮮が\u3000発射":       "北朝鮮が 発射",
		"bad \xff byte":      "bad \ufffd byte",
		"":                   "",
	} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}
