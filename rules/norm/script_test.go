package norm

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestTokenizeFoldsScripts(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Ёлка ёж", "елка еж"},
		{"мʼясо м'ясо м’ясо", "мясо мясо мясо"},
		{"Україна ЗСУ Київ", "украіна зсу киів"}, // ї loses its marks on both sides alike
		{"عُقُوبَات", "عقوبات"},
		{"عقـــوبات", "عقوبات"},
		{"أحمد إيران آسيا", "احمد ايران اسيا"},
		{"مستشفى مستشفي", "مستشفي مستشفي"},
		{"القرار ٢٣٩٧", "القرار 2397"},
		{"قطعنامه ۲۲۳۱", "قطعنامه 2231"},
		{"کره یک", "كره يك"},
		{"می\u200cخواهد", "ميخواهد"},
		{"ﾐｻｲﾙ", "ミ サ イ ル"},
		{"ＵＮ　２３９７", "un 2397"},
		{"弾道ミサイル", "弾 道 ミ サ イ ル"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := strings.Join(words(tt.in), " "); got != tt.want {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func readingsOf(text string) []string {
	var t Tokens
	t.Tokenize(text)
	var out []string
	for i := range t.List {
		for _, r := range t.Readings(i) {
			out = append(out, string(t.AltFold(&r)))
		}
	}
	return out
}

func TestReadings(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"والعقوبات", []string{"العقوبات", "عقوبات"}},
		{"ولبنان", []string{"لبنان", "بنان"}},
		{"للعقوبات", []string{"العقوبات", "عقوبات"}},
		{"بالصواريخ", []string{"الصواريخ", "صواريخ"}},
		{"وروسيا", []string{"روسيا"}},
		{"فالحوثيون", []string{"الحوثيون", "حوثيون"}},
		{"العقوبات", []string{"عقوبات"}},
		{"عقوبات", nil},
		{"لبنان", []string{"بنان"}}, // a reading only: the word still matches itself
		{"ولي", nil},                // too short to strip
		{"فيمن", nil},               // في + من, "about whom", not ف + يمن
		{"فيما", nil},
		{"فاليمن", []string{"اليمن", "يمن"}},
		{"ويمن", []string{"يمن"}},
		{"러시아에", []string{"러시아"}},
		{"북한이", []string{"북한"}},
		{"제재를", []string{"제재"}},
		{"북한군들에게", []string{"북한군들", "북한군"}},
		{"러시아", nil},
		{"북한 missile", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := readingsOf(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("readings(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// Positions count a Chinese or Japanese character as half a word.
func TestTokenPositions(t *testing.T) {
	var toks Tokens
	toks.Tokenize("Kim 朝鲜 says")
	var got []int32
	for _, tok := range toks.List {
		got = append(got, tok.Pos)
	}
	if want := []int32{0, 2, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("positions %v, want %v", got, want)
	}
}

// TestFastFoldAgreesWithChain folds every rune the table covers, and
// words mixing them, both ways.
func TestFastFoldAgreesWithChain(t *testing.T) {
	f := newFolder()
	var words []string
	for _, rg := range foldRanges {
		for r := rg[0]; r < rg[1]; r++ {
			words = append(words, string(r), "a"+string(r)+"b", string(r)+"\u0301", string(r)+"\uff9e")
		}
	}
	words = append(words, "북한이", "朝鲜导弹", "Ёлка", "عُقُوبَات", "İstanbul", "Straße", "ΣΊΣΥΦΟΣ")
	for _, w := range words {
		got, ok, one := fastFold(nil, []byte(w))
		if !ok {
			continue
		}
		if want := f.fold(w); string(got) != want {
			t.Errorf("fastFold(%q) = %q, chain gives %q", w, got, want)
		}
		if one && splitsAgain(got, false) {
			t.Errorf("fastFold(%q) = %q says one word, but it splits", w, got)
		}
	}
}

// TestSingleRuneWordFastPath holds the range checks to the Unicode tables.
func TestSingleRuneWordFastPath(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		want := unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
			unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Thai, r)
		if got := isSingleRuneWord(r); got != want {
			t.Fatalf("isSingleRuneWord(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestWordRuneCache holds the cached word runes to the category tables.
func TestWordRuneCache(t *testing.T) {
	for r := rune(0x80); r < 0x10000; r++ {
		if got, want := isWordRune(r), isWordRuneTables(r); got != want {
			t.Fatalf("isWordRune(%U) = %v, tables say %v", r, got, want)
		}
	}
}

// TestIdentityHan holds the Han range that Tokenize and fastFold copy as
// written to the tables: each rune is a word rune of an unspaced script
// and the chain folds it to itself.
func TestIdentityHan(t *testing.T) {
	f := newFolder()
	for r := rune(0x4e00); r <= 0x9fff; r++ {
		if !isIdentityHan(r) || !isWordRuneTables(r) || !isSingleRuneWord(r) {
			t.Fatalf("%U: not a Han word rune", r)
		}
		if got := f.fold(string(r)); got != string(r) {
			t.Fatalf("%U folds to %q", r, got)
		}
	}
}

// TestUnspacedFastPathAgrees tokenises every rune that Tokenize takes
// without unicodeWord both ways, alone and between other words, and wants
// the same tokens.
func TestUnspacedFastPathAgrees(t *testing.T) {
	var fast, slow Tokens
	for r := rune(0x3000); r <= 0x9fff; r++ {
		ch := string(r)
		fast.Reset()
		if !fast.unspacedRune(ch, 0, r, len(ch)) {
			continue
		}
		slow.Reset()
		slow.unicodeWord(ch, 0)
		if len(slow.List) != 1 || fast.List[0] != slow.List[0] || string(fast.Fold(0)) != string(slow.Fold(0)) {
			t.Fatalf("%U: fast path gives %+v %q, unicodeWord %+v", r, fast.List, fast.Buf, slow.List)
		}
		text := "Seoul" + ch + "북한이" + ch + ch + "ё"
		want := []string{"seoul", string(slow.Fold(0)), "북한이", string(slow.Fold(0)), string(slow.Fold(0)), "е"}
		if got := words(text); !slices.Equal(got, want) {
			t.Fatalf("%U: %q tokenises to %q, want %q", r, text, got, want)
		}
	}
}

// Digits are read in every script news writes them in, and nothing else
// is a digit: "2231" in Latin, Arabic-Indic, Persian and full-width forms.
func TestDigitValue(t *testing.T) {
	for _, s := range []string{"2231", "٢٢٣١", "۲۲۳۱", "２２３１"} {
		n := 0
		for _, r := range s {
			d := DigitValue(r)
			if d < 0 {
				t.Fatalf("%q: %q is no digit", s, r)
			}
			n = n*10 + d
		}
		if n != 2231 {
			t.Errorf("%q read as %d", s, n)
		}
	}
	for _, r := range "aٍ/٫٬ ०一" {
		if d := DigitValue(r); d != -1 {
			t.Errorf("%q read as digit %d", r, d)
		}
	}
}
