package norm

import (
	"os"
	"path/filepath"
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
		checkSameAsGeneralPath(t, &toks, s)
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

// generalTokenize is Tokenize without its fast paths for kana, Han and
// Hangul words: every word that is not plain ASCII goes through
// unicodeWord.
func generalTokenize(t *Tokens, text string) {
	for i := 0; i < len(text); {
		i = t.next(text, i, false)
	}
}

// checkSameAsGeneralPath wants the tokens, folds and readings Tokenize
// gave for text to be those of the general path.
func checkSameAsGeneralPath(t *testing.T, got *Tokens, text string) {
	t.Helper()
	var want Tokens
	generalTokenize(&want, text)
	if len(got.List) != len(want.List) || len(got.Alts) != len(want.Alts) {
		t.Fatalf("%q: %d tokens, %d readings; general path %d, %d", text, len(got.List), len(got.Alts), len(want.List), len(want.Alts))
	}
	for i := range want.List {
		g, w := got.List[i], want.List[i]
		if g.Start != w.Start || g.End != w.End || g.Hash != w.Hash || g.Pos != w.Pos || g.Alt != w.Alt ||
			string(got.Fold(i)) != string(want.Fold(i)) {
			t.Fatalf("%q: token %d is %+v %q; general path %+v %q", text, i, g, got.Fold(i), w, want.Fold(i))
		}
	}
	for i := range want.Alts {
		if g, w := got.Alts[i], want.Alts[i]; g.Tok != w.Tok || g.Hash != w.Hash || string(got.AltFold(&g)) != string(want.AltFold(&w)) {
			t.Fatalf("%q: reading %d is %q; general path %q", text, i, got.AltFold(&g), want.AltFold(&w))
		}
	}
}

// TestFastPathsAgree runs the news of every script the benchmarks read,
// and words that end where unicodeWord must decide, through Tokenize and
// the general path.
func TestFastPathsAgree(t *testing.T) {
	texts := []string{
		"북한이 러시아에 포탄을 보냈다", "안보리 결의 제2397호를 위반했다", "북한's 미사일", "북한’ 미사일",
		"북한\u200b이 미사일", "북\u00ad한이", "한美 정상", "북한1718호", "북한ā", "북한\xed\x9f\xbf", "북\xea\xb0",
		"北朝鮮がミサイルを発射　ガ゙ヴ〆々〇ー・ｶﾞ", "朝鲜向俄罗斯提供炮弹", "ヿ㌔0㈧",
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "bench", "*.txt"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	for _, text := range texts {
		var toks Tokens
		toks.Tokenize(text)
		checkSameAsGeneralPath(t, &toks, text)
	}
}

// TestDecodeRune holds the in-line decoding to the standard one on every
// sequence of three bytes that starts like a three-byte character, and on
// those cut short by the end of the text.
func TestDecodeRune(t *testing.T) {
	for c := 0xe0; c < 0xf0; c++ {
		for b1 := 0; b1 < 256; b1++ {
			for b2 := 0; b2 < 256; b2++ {
				s := string([]byte{byte(c), byte(b1), byte(b2)})
				for _, text := range []string{s, s[:2]} {
					r, n := decodeRune(text, 0)
					wr, wn := utf8.DecodeRuneInString(text)
					if r != wr || n != wn {
						t.Fatalf("decodeRune(%q) = %U, %d; utf8 gives %U, %d", text, r, n, wr, wn)
					}
				}
			}
		}
	}
}
