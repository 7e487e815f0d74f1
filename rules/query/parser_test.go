package query

import (
	"testing"
)

var parseTests = []struct {
	name, in, want string
}{
	{"word", "arms", "arms"},
	{"hyphenated word kept whole", "ship-to-ship", "ship-to-ship"},
	{"slashed word", "S/RES/2270", "S/RES/2270"},
	{"abbreviation", "U.S. sanctions", "(and U.S. sanctions)"},
	{"trailing dot is not a word", "arms.", ""},
	{"apostrophe", "Russia's O’Brien", "(and Russia's O’Brien)"},
	{"wildcard", "sanction*", "sanction*"},
	{"phrase", `"arms deal"`, "<arms|deal>"},
	{"phrase spaces collapse", "\"  arms \t deal \"", "<arms|deal>"},
	{"phrase wildcard inside", `"arms deal*"`, "<arms|deal*>"},
	{"phrase wildcard inside before space", `"arms deal* "`, "<arms|deal*>"},
	{"phrase wildcard after", `"arms deal"*`, "<arms|deal*>"},
	{"phrase keeps punctuation", `"Kim Jong-un's"`, "<Kim|Jong-un's>"},
	{"typographic quotes", "“North Korea”", "<North|Korea>"},
	{"mixed quotes", "\"North Korea”", "<North|Korea>"},
	{"quoted operator word", `"or"`, "<or>"},
	{"list", "$munitions", "$munitions"},
	{"list name chars", "$arms_trade-2", "$arms_trade-2"},
	{"entity", "@dprk", "@id:dprk"},
	{"entity kind", "@kind:vessel", "@kind:vessel"},
	{"entity list", "@list:ofac-sdn", "@list:ofac-sdn"},
	{"entity regime", "@regime:iran", "@regime:iran"},
	{"resolution", "resolution:2397", "res:2397"},
	{"any resolution", "resolution:*", "res:0"},
	{"regime", "regime:dprk", "regime:dprk"},
	{"lang", "lang:ko missile*", "(and lang:ko missile*)"},
	{"regex", `/\bT-\d{2}\b/`, `/\bT-\d{2}\b/`},
	{"regex fold", "/kh-?\\d+/i", "/kh-?\\d+/i"},
	{"regex escaped slash", `/a\/b/`, `/a\/b/`},
	{"implicit and", "arms deal", "(and arms deal)"},
	{"explicit and", "arms AND deal", "(and arms deal)"},
	{"and chain flattens", "a1 AND b1 c1 AND d1", "(and a1 b1 c1 d1)"},
	{"or", "arms OR weapons", "(or arms weapons)"},
	{"or chain flattens", "a1 OR b1 OR c1", "(or a1 b1 c1)"},
	{"parenthesised or flattens", "(a1 OR b1) OR c1", "(or a1 b1 c1)"},
	{"and binds tighter than or", "a1 b1 OR c1", "(or (and a1 b1) c1)"},
	{"precedence", "a OR b c NEAR/3 d", "(or a (and b (near/3 c d)))"},
	{"parentheses group", "(a1 OR b1) c1", "(and (or a1 b1) c1)"},
	{"not", "NOT fishing", "(not fishing)"},
	{"minus", "arms -fishing", "(and arms (not fishing))"},
	{"minus group", "arms -(chair OR sofa)", "(and arms (not (or chair sofa)))"},
	{"not not", "NOT NOT a1", "(not (not a1))"},
	{"not binds tighter than and", "NOT a1 b1", "(and (not a1) b1)"},
	{"not of near", "NOT a1 NEAR/2 b1", "(not (near/2 a1 b1))"},
	{"near", "arms NEAR/5 deal", "(near/5 arms deal)"},
	{"w", "arms W/5 deal", "(near/5 arms deal)"},
	{"onear", "arms ONEAR/5 deal", "(onear/5 arms deal)"},
	{"pre", "arms PRE/100 deal", "(onear/100 arms deal)"},
	{"near is left-assoc", "a1 NEAR/2 b1 NEAR/3 c1", "(near/3 (near/2 a1 b1) c1)"},
	{"near or group", "@dprk NEAR/10 ($munitions OR shells)", "(near/10 @id:dprk (or $munitions shells))"},
	{"near refs", "resolution:* NEAR/3 regime:iran", "(near/3 res:0 regime:iran)"},
	{"near phrase", `"arms deal" NEAR/3 @kind:vessel`, "(near/3 <arms|deal> @kind:vessel)"},
	{"near scoped", "title:arms NEAR/3 deal", "(near/3 (title: arms) deal)"},
	{"w alone is a word", "George W Bush", "(and George W Bush)"},
	{"w slash word", "W/O", "W/O"},
	{"scope", "title:sanctions", "(title: sanctions)"},
	{"scope group", "text:(arms OR weapons)", "(text: (or arms weapons))"},
	{"scope phrase", `summary:"arms deal"`, "(summary: <arms|deal>)"},
	{"scope binds tightest", "title:arms deal", "(and (title: arms) deal)"},
	{"every field", "author:a1 category:b1 link:c1 feed:d1 content:e1",
		"(and (author: a1) (category: b1) (link: c1) (feed: d1) (content: e1))"},
	{"cyrillic", "Кремль OR Кремля", "(or Кремль Кремля)"},
	{"korean", "북한 미사일", "(and 북한 미사일)"},
	{"accents", "Irán Moscú*", "(and Irán Moscú*)"},
	{"combining marks", "हथियार", "हथियार"},
	{"multi-line", "(arms OR weapons)\nAND\n  @dprk", "(and (or arms weapons) @id:dprk)"},
	{"juxtaposed group", "arms(deal)", "(and arms deal)"},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse(tt.in)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("Parse(%q) = %s, want an error", tt.in, dump(n))
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got := dump(n); got != tt.want {
				t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	for _, tt := range parseTests {
		if tt.want == "" {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			s := n.String()
			again, err := Parse(s)
			if err != nil {
				t.Fatalf("Parse(%q) (canonical form of %q): %v", s, tt.in, err)
			}
			if dump(again) != dump(n) {
				t.Errorf("canonical %q parses to %s, want %s", s, dump(again), dump(n))
			}
			if again.String() != s {
				t.Errorf("canonical form not stable: %q then %q", s, again.String())
			}
		})
	}
}
