package rules

import (
	"slices"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/rules/norm"
)

// fields must split a term exactly as strings.Fields does: the words of a
// term decide where a wildcard may stand.
func TestFieldsSplitAsStringsFields(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", " a  b ", "reimpose* sanctions", "tab\tand\nline", "Ким\u00a0Чен Ын",
		"\u3000北朝鮮\u3000制裁", "x\u2003y\u0085z", "trailing ", "ünï côdé*",
	} {
		var got []string
		for start, end := range fields(s) {
			got = append(got, s[start:end])
		}
		if want := strings.Fields(s); !slices.Equal(got, want) {
			t.Errorf("fields(%q) = %q, want %q", s, got, want)
		}
	}
}

// foldTerm takes a wildcard only at the end of a word of text, after a
// stem of minStem letters, and needs every word of text to hold a token.
func TestFoldTermWildcards(t *testing.T) {
	for _, tc := range []struct {
		text string
		wild bool
		mask uint16
		ok   bool
	}{
		{"sanction*", true, 1, true},
		{"reimpose* sanctions", true, 1, true},
		{"dark fleet*", true, 2, true},
		{"санкци* против", true, 1, true},
		{"sanction*", false, 0, true}, // not a list item: * is only punctuation
		{"sa*", true, 0, false},       // too short a stem
		{"san*ction", true, 0, false}, // * inside a word
		{"a ** b", true, 0, false},    // a word with no letters
		{"a & b", false, 0, false},
		{"", false, 0, false},
	} {
		var toks norm.Tokens
		mask, ok := foldTerm(&toks, tc.text, tc.wild)
		if ok != tc.ok || ok && mask != tc.mask {
			t.Errorf("foldTerm(%q, %v) = %b, %v; want %b, %v", tc.text, tc.wild, mask, ok, tc.mask, tc.ok)
		}
	}
}

// A term is known by the state its words end in, and by its case when it
// must match one: the same words written alike are one term, in any
// other case or as a wildcard another.
func TestAddTermSharesTerms(t *testing.T) {
	rs := newRuleSet()
	add := func(text string, wild, exact bool) int32 {
		t.Helper()
		id, ok := rs.addTerm(text, wild, exact)
		if !ok {
			t.Fatalf("addTerm(%q) refused", text)
		}
		return id
	}
	us := add("US", false, true)
	plain := add("us", false, false)
	if add("US", false, true) != us || add("Us", false, false) != plain || add("u.s", false, false) == plain {
		t.Error("the same words in the same case are not one term")
	}
	if add("Us", false, true) == us || plain == us {
		t.Error("an exact term is shared with one of another case")
	}
	if add("sanction*", true, false) == add("sanction", true, false) {
		t.Error("a stem is shared with the word")
	}
	rs.auto.finish()
	rs.texts = string(rs.textBuf)
	if got := rs.termText(us); got != "US" {
		t.Errorf("term text %q, want US", got)
	}
}
