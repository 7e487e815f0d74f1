package query

import (
	"errors"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in  string
		line, col int
		msg       string
	}{
		{"empty", "", 1, 1, "empty query"},
		{"blank", "  \n ", 2, 2, "empty query"},
		{"lowercase or", "arms or weapons", 1, 6, `lowercase "or" is a word here: write OR for the operator, or quote "or" to search for the word`},
		{"lowercase and", "arms and weapons", 1, 6, `lowercase "and" is a word here`},
		{"lowercase not", "not arms", 1, 1, `lowercase "not" is a word here`},
		{"lowercase near", "arms near deal", 1, 6, `lowercase "near" is a word here`},
		{"lowercase near distance", "arms near/3 deal", 1, 6, `lowercase "near/3" is not an operator: write NEAR/3`},
		{"capitalised or", "arms Or weapons", 1, 6, `"Or" is a word here: write OR`},
		{"unclosed paren", "a1 (b1 OR (c1 d1)", 1, 4, `unclosed "("`},
		{"unclosed paren multi-line", "a1\n  (b1 OR c1", 2, 3, `unclosed "("`},
		{"stray close", "a1 b1) c1", 1, 6, `unmatched ")"`},
		{"leading close", ")", 1, 1, `unmatched ")"`},
		{"empty parens", "a1 ( ) b1", 1, 4, "empty parentheses"},
		{"unterminated quote", `arms "deal OR x`, 1, 6, "unterminated quote"},
		{"unterminated typographic quote", "arms “deal", 1, 6, "unterminated quote"},
		{"empty phrase", `arms " "`, 1, 6, "empty phrase"},
		{"or without right", "arms OR", 1, 6, "OR needs an operand on its right"},
		{"or before close", "(arms OR) deal", 1, 7, "OR needs an operand on its right"},
		{"or without left", "OR arms", 1, 1, "OR needs an operand on its left"},
		{"and without left", "(AND arms)", 1, 2, "AND needs an operand on its left"},
		{"and without right", "arms AND OR deal", 1, 6, "AND needs an operand on its right"},
		{"not without operand", "arms NOT", 1, 6, "NOT needs an operand on its right"},
		{"lone minus", "arms - deal", 1, 6, `"-" must touch the term it excludes`},
		{"near without distance", "arms NEAR deal", 1, 6, "NEAR needs a distance in words, as in NEAR/5"},
		{"near bad distance", "arms NEAR/x deal", 1, 6, "NEAR/ needs a whole number of words"},
		{"near zero", "arms NEAR/0 deal", 1, 6, "NEAR/0: the distance must be from 1 to 100 words"},
		{"near too far", "arms ONEAR/101 deal", 1, 6, "ONEAR/101: the distance must be from 1 to 100 words"},
		{"near huge", "arms W/99999999999999999999 deal", 1, 6, "the distance must be from 1 to 100"},
		{"near without left", "NEAR/3 deal", 1, 1, "NEAR/3 needs an operand on its left"},
		{"near without right", "arms NEAR/3", 1, 6, "NEAR/3 needs an operand on its right"},
		{"not inside near right", "arms NEAR/3 NOT deal", 1, 13, "NOT cannot be used inside NEAR/3"},
		{"minus inside near right", "arms NEAR/3 -deal", 1, 13, "NOT cannot be used inside NEAR/3"},
		{"not inside near group", "arms NEAR/3 (deal OR NOT sale)", 1, 22, "NOT cannot be used inside NEAR/3"},
		{"and inside near", "(arms deal) NEAR/3 sale", 1, 7, "AND cannot be used inside NEAR/3"},
		{"regex inside near", "/ab+c/ NEAR/3 sale", 1, 1, "a regex cannot be an operand of NEAR/3"},
		{"unknown field", "titel:arms", 1, 1, `unknown field "titel" (did you mean "title"?)`},
		{"unknown field far", "colour:red", 1, 1, `unknown field "colour"`},
		{"capital field", "Title:arms", 1, 1, `unknown field "Title" (did you mean "title"?)`},
		{"field then space", "title: arms", 1, 1, "title: must be followed directly by a term"},
		{"field then not", "title:-arms", 1, 1, "title: must be followed directly"},
		{"nested scope", "title:(arms OR summary:deal)", 1, 16, "field scopes cannot be nested"},
		{"leading wildcard", "*arms", 1, 1, "a wildcard goes at the end of a word"},
		{"inner wildcard", "sanc*ions", 1, 5, "a wildcard goes only at the end of a word"},
		{"double wildcard", "sanction**", 1, 9, "a wildcard goes only at the end of a word"},
		{"short stem", "ar*", 1, 1, `wildcard stem "ar" is too short`},
		{"short phrase stem", `"arms de*"`, 1, 1, `wildcard stem "de" is too short`},
		{"phrase inner wildcard", `"arm* deal"`, 1, 5, "a wildcard goes only at the end of the last word of a phrase"},
		{"phrase lone wildcard", `"arms *"`, 1, 7, "a wildcard goes at the end of a word"},
		{"phrase two wildcards", `"arms deal*"*`, 1, 13, "already ends in a wildcard"},
		{"uppercase list", "$Munitions", 1, 1, "names are lowercase: write $munitions"},
		{"non-ascii list", "$münitions", 1, 1, "names use only a-z, 0-9, _ and -"},
		{"empty list", "$ arms", 1, 1, "$ needs a name"},
		{"list with wildcard", "$munitions*", 1, 11, `unexpected '*' after $munitions`},
		{"uppercase entity", "@DPRK", 1, 1, "write @dprk"},
		{"unknown entity selector", "@knd:vessel", 1, 1, `unknown entity selector "@knd:" (did you mean "kind"?)`},
		{"empty entity kind", "@kind:", 1, 1, "@kind: needs a name"},
		{"resolution text", "resolution:abc", 1, 1, "resolution: needs a resolution number"},
		{"resolution zero", "resolution:0", 1, 1, "resolution: needs a resolution number"},
		{"resolution glued", "resolution:2397a", 1, 16, `unexpected 'a' after resolution:2397`},
		{"regime uppercase", "regime:DPRK", 1, 1, "write regime:dprk"},
		{"unknown language", "arms lang:kor", 1, 6, `unknown language "kor" (did you mean "ko"?); languages are ar, de, en`},
		{"language in near", "arms NEAR/3 lang:ru", 1, 13, "lang:ru cannot be an operand of NEAR/3"},
		{"language uppercase", "lang:KO", 1, 1, "write lang:ko"},
		{"unterminated regex", "/abc", 1, 1, "unterminated regex"},
		{"regex across lines", "/ab\nc/", 1, 1, "unterminated regex"},
		{"empty regex", "arms //", 1, 6, "empty regex"},
		{"long regex", "/" + strings.Repeat("a", 201) + "/", 1, 1, "regex is 201 bytes long; the limit is 200"},
		{"regex repeat", "arms /x{2,101}/", 1, 8, "regex repeat count 101 is above the limit of 100"},
		{"regex huge repeat", "/ab{1001}/", 1, 4, "invalid repeat count"},
		{"regex syntax", "/é(ab/", 1, 2, "missing closing )"},
		{"regex bad flag", "/ab/x", 1, 5, `unexpected 'x' after /ab/`},
		{"stray ampersand", "arms && deal", 1, 6, "write AND"},
		{"stray pipe", "arms | deal", 1, 6, "write OR"},
		{"stray plus", "+arms", 1, 1, "already"},
		{"stray colon", "arms :deal", 1, 6, "a field name goes right before it"},
		{"single quotes", "'arms deal'", 1, 1, "phrases take double quotes"},
		{"stray comma", "arms, deal", 1, 5, `unexpected ','`},
		{"invalid utf-8", "arms \xff", 1, 6, "invalid UTF-8"},
		{"column counts runes", "Кремль or", 1, 8, `lowercase "or"`},
		{"third line", "arms\nOR\n(deal", 3, 1, `unclosed "("`},
		{"deep nesting", strings.Repeat("(", 101) + "a" + strings.Repeat(")", 101), 1, 101, "nested more than 100 levels"},
		{"deep not", strings.Repeat("NOT ", 101) + "a", 1, 401, "nested more than 100 levels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %s, want an error", tt.in, dump(n))
			}
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("Parse(%q) error %T, want *Error", tt.in, err)
			}
			if perr.Pos.Line != tt.line || perr.Pos.Col != tt.col || !strings.Contains(perr.Msg, tt.msg) {
				t.Errorf("Parse(%q) = %d:%d %q, want %d:%d containing %q",
					tt.in, perr.Pos.Line, perr.Pos.Col, perr.Msg, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct{ in, want string }{
		{"arms or x", `col 6: lowercase "or" is a word here: write OR for the operator, or quote "or" to search for the word`},
		{"arms\n  OR", "line 2, col 3: OR needs an operand on its right"},
		{"(arms\nOR x", `line 1, col 1: unclosed "(": no matching ")"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Parse(%q) error = %v, want %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestErrorOffset(t *testing.T) {
	q := "Кремль\n  (arms"
	_, err := Parse(q)
	var perr *Error
	if !errors.As(err, &perr) {
		t.Fatalf("Parse(%q) error = %v, want *Error", q, err)
	}
	if got := q[perr.Pos.Offset:]; got != "(arms" {
		t.Errorf("error offset points at %q, want %q", got, "(arms")
	}
}
