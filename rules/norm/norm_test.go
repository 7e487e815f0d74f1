package norm

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func words(text string) []string {
	var t Tokens
	t.Tokenize(text)
	out := make([]string, len(t.List))
	for i := range t.List {
		out[i] = string(t.Fold(i))
	}
	return out
}

func TestTokenizeFolds(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"Kim Jong-un", "kim jong un"},
		{"KIM JONG UN", "kim jong un"},
		{"Kim Jong‐un", "kim jong un"}, // U+2010 hyphen
		{"Russia's war", "russia war"},
		{"Russia’s war", "russia war"},
		{"the states' arms", "the states arms"},
		{"O'Brien don’t", "obrien dont"},
		{"S/RES/2270 (2016)", "s res 2270 2016"},
		{"U.S.-led", "u s led"},
		{"Irán, Moscú, Besançon", "iran moscu besancon"},
		{"ＤＰＲＫ ﬁrm", "dprk firm"},
		{"Straße", "strasse"},
		{"İstanbul", "istanbul"},
		{"КРЕМЛЬ Кремль", "кремль кремль"},
		{"북한은 미사일", "북한은 미사일"},
		{"朝鲜导弹", "朝 鲜 导 弹"},
		{"arms\u00addeal", "armsdeal"},
		{"“arms” — deal", "arms deal"},
		{"bad \xff\xfe utf8", "bad utf8"},
		{"", ""},
		{"'s 's", "s s"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := strings.Join(words(tt.in), " ")
			if got != tt.want {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenOffsetsPointAtOriginal(t *testing.T) {
	text := "Pyongyang’s ＤＰＲＫ shipped Kim Jong-un's shells"
	var toks Tokens
	toks.Tokenize(text)
	want := []string{"Pyongyang", "ＤＰＲＫ", "shipped", "Kim", "Jong", "un", "shells"}
	if len(toks.List) != len(want) {
		t.Fatalf("got %d tokens, want %d", len(toks.List), len(want))
	}
	for i, w := range want {
		tok := toks.List[i]
		if got := text[tok.Start:tok.End]; got != w {
			t.Errorf("token %d covers %q, want %q", i, got, w)
		}
	}
}

func TestHashMatchesFold(t *testing.T) {
	var toks Tokens
	toks.Tokenize("Ammunition Ammunitión drones ДРОН")
	for i, tok := range toks.List {
		if tok.Hash != Hash(toks.Fold(i)) {
			t.Errorf("token %d: hash differs from Hash(fold)", i)
		}
	}
}

func TestResetReuses(t *testing.T) {
	var toks Tokens
	toks.Tokenize("one two three")
	toks.Reset()
	toks.Tokenize("four")
	if len(toks.List) != 1 || string(toks.Fold(0)) != "four" {
		t.Fatalf("after Reset got %v", words("four"))
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Kim Jong-un's", "S/RES/2270", "朝鲜", "a'b's'", "\xff", "İ\u0307"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var toks Tokens
		toks.Tokenize(s)
		prev := int32(0)
		for i, tok := range toks.List {
			if tok.Start < prev || tok.End <= tok.Start || int(tok.End) > len(s) {
				t.Fatalf("token %d has bad offsets [%d,%d) after %d in %q", i, tok.Start, tok.End, prev, s)
			}
			prev = tok.End
			if tok.Hash != Hash(toks.Fold(i)) {
				t.Fatalf("token %d hash mismatch", i)
			}
			if !utf8.Valid(toks.Fold(i)) {
				t.Fatalf("token %d folded to invalid UTF-8", i)
			}
			if i > 0 && tok.Pos <= toks.List[i-1].Pos {
				t.Fatalf("token %d at place %d, not after %d", i, tok.Pos, toks.List[i-1].Pos)
			}
			checkReadings(t, &toks, i)
		}
		// Folding is idempotent: the folded words tokenise to themselves.
		folded := strings.Join(words(s), " ")
		if again := strings.Join(words(folded), " "); again != folded {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, folded, again)
		}
	})
}

// checkReadings holds a token's other readings to what matching assumes:
// each is a non-empty, valid word other than the token, with its own hash.
func checkReadings(t *testing.T, toks *Tokens, i int) {
	for _, r := range toks.Readings(i) {
		alt := toks.AltFold(&r)
		switch {
		case r.Tok != int32(i):
			t.Fatalf("token %d has a reading of token %d", i, r.Tok)
		case len(alt) == 0 || string(alt) == string(toks.Fold(i)):
			t.Fatalf("token %d %q has reading %q, empty or the same", i, toks.Fold(i), alt)
		case !utf8.Valid(alt):
			t.Fatalf("token %d reading is invalid UTF-8", i)
		case r.Hash != Hash(alt):
			t.Fatalf("token %d reading hash mismatch", i)
		}
	}
}
