// Package language tells which of the languages sanctionwatch reads a text
// is written in, from its script and its commonest words.
//
// The languages the default pack covers are told apart by what makes them
// unmistakable: their script (Hangul, kana, Han, Arabic, Cyrillic, Latin),
// then letters only one language of a script uses (Persian پ چ ژ گ ی ک
// against Arabic ة ي ى; Ukrainian і ї є ґ against Russian ы э ъ), then,
// for the Latin languages, function words and diacritics. This beats a
// general n-gram detector here: it needs no model in memory, reads a story
// at hundreds of MB/s, and is exact on news text (see the README for the
// comparison with lingua-go and whatlanggo).
package language

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Codes are the ISO 639-1 codes Detect can return, in a stable order.
var Codes = []string{"ar", "de", "en", "es", "fa", "fr", "ja", "ko", "ru", "uk", "zh"}

// Known reports whether code is one of Codes.
func Known(code string) bool {
	for _, c := range Codes {
		if c == code {
			return true
		}
	}
	return false
}

// sampleBytes is how much of a text is read: a headline and the first
// paragraphs settle the language, and a 10 MB page costs no more.
const sampleBytes = 4096

// Detect returns the language of text as an ISO 639-1 code, or "" when
// the text has too few letters to tell or is in none of Codes.
func Detect(text string) string {
	return Of(text)
}

// Of is Detect for a text in parts (a story's title, summary and content),
// without joining them.
func Of(parts ...string) string {
	var c counts
	left := sampleBytes
	for _, p := range parts {
		if left <= 0 {
			break
		}
		if len(p) > left {
			p = p[:left]
		}
		left -= len(p)
		c.read(p)
	}
	return c.decide()
}

// counts tallies the letters of each script, the letters that single out
// one language of a script, and Latin function words.
type counts struct {
	hangul, kana, hiragana, han, arabic, cyrillic, latin int
	persian, arabicOnly                                  int // letters only Persian or only Arabic uses
	ukrainian, russian                                   int
	words                                                [nLatin]int // function words and diacritics per Latin language
}

// read counts the letters of text and looks at its Latin and Cyrillic
// words.
func (c *counts) read(text string) {
	start, kind := -1, 0
	for i, r := range text {
		c.letter(r)
		k := wordKind(r)
		if k == kind {
			continue
		}
		c.word(text, start, i, kind)
		start, kind = i, k
	}
	c.word(text, start, len(text), kind)
}

const (
	otherWord = iota
	latinWord
	cyrillicWord
)

func wordKind(r rune) int {
	switch {
	case r < utf8.RuneSelf && isASCIILetter(byte(r)) || r >= 0xc0 && r <= 0x24f:
		return latinWord
	case r >= 0x400 && r <= 0x4ff:
		return cyrillicWord
	}
	return otherWord
}

func (c *counts) word(text string, start, end, kind int) {
	switch kind {
	case latinWord:
		c.latinWord(text[start:end])
	case cyrillicWord:
		c.cyrillicWord(text[start:end])
	}
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

func (c *counts) letter(r rune) {
	switch {
	case r < 0x80:
		if isASCIILetter(byte(r)) {
			c.latin++
		}
	case r <= 0x24f:
		c.latin++
		c.latinLetter(r)
	case r >= 0x400 && r <= 0x4ff:
		c.cyrillic++
		c.cyrillicLetter(r)
	case r >= 0x600 && r <= 0x6ff:
		c.arabic++
		c.arabicLetter(r)
	case r >= 0xac00 && r <= 0xd7a3, r >= 0x1100 && r <= 0x11ff, r >= 0x3130 && r <= 0x318f:
		c.hangul++
	case r >= 0x3040 && r <= 0x309f:
		c.kana++
		c.hiragana++
	case r >= 0x30a0 && r <= 0x30ff, r >= 0xff66 && r <= 0xff9f:
		c.kana++
	case unicode.Is(unicode.Han, r):
		c.han++
	}
}

// ukrainianWords are words (and -ють, -ння endings) only Ukrainian has, for headlines without
// і ї є ґ ("Волонтери збирають кошти", "щодо ЦАР").
var ukrainianWords = map[string]bool{"та": true, "що": true, "щодо": true, "які": true, "який": true, "це": true, "від": true, "під": true, "із": true, "зі": true, "як": true}

func (c *counts) cyrillicWord(w string) {
	lower := strings.ToLower(w)
	if ukrainianWords[lower] || strings.HasSuffix(lower, "ють") || strings.HasSuffix(lower, "ння") {
		c.ukrainian++
	}
}

func (c *counts) cyrillicLetter(r rune) {
	switch unicode.ToLower(r) {
	case 'і', 'ї', 'є', 'ґ':
		c.ukrainian++
	case 'ы', 'э', 'ъ', 'ё':
		c.russian++
	}
}

func (c *counts) arabicLetter(r rune) {
	switch r {
	case 'پ', 'چ', 'ژ', 'گ', 'ی', 'ک':
		c.persian++
	case 'ة', 'ي', 'ى', 'ك':
		c.arabicOnly++
	}
}

// minLetters is the fewest letters Detect decides on.
const minLetters = 8

func (c *counts) decide() string {
	cjk := c.hangul + c.kana + c.han
	total := cjk + c.arabic + c.cyrillic + c.latin
	if total < minLetters {
		return ""
	}
	// Scripts written without spaces pack a word into two or three
	// letters, so they count double against the Latin letters of the
	// acronyms and names that run through them.
	switch max(2*cjk, c.arabic, c.cyrillic, c.latin) {
	case 2 * cjk:
		return c.eastAsian()
	case c.arabic:
		return pick(c.persian > c.arabicOnly, "fa", "ar")
	case c.cyrillic:
		return pick(c.ukrainian > c.russian, "uk", "ru") // Russian, the more common, wins ties
	}
	return c.latinLanguage()
}

func (c *counts) eastAsian() string {
	switch {
	case c.hangul >= c.kana+c.han/4:
		return "ko"
	case c.hiragana > 0, c.kana > 0 && 10*c.kana >= c.han:
		// Japanese writes its grammar in hiragana (を, の, が), which
		// Chinese never uses; a Chinese text with a katakana name has
		// little katakana for its Han.
		return "ja"
	}
	return "zh"
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

var names = map[string]string{
	"ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian", "fr": "French",
	"ja": "Japanese", "ko": "Korean", "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese",
}

// Name returns the English name of a language code, or the code itself.
func Name(code string) string {
	if n, ok := names[code]; ok {
		return n
	}
	return code
}
