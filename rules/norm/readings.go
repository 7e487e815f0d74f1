package norm

import (
	"strings"
	"unicode/utf8"
)

// readings adds the other readings of the folded word w just emitted: an
// Arabic word without its proclitics, a Korean word without its particles.
// Only the text side has readings. Matching prefers the word as written and
// then the least stripped reading the rules know (see the rules package),
// so لبنان matches لبنان and never a term بنان.
func (t *Tokens) readings(folded []byte) {
	r, _ := utf8.DecodeRune(folded)
	switch {
	case isArabicLetter(r):
		t.arabicReadings(string(folded))
	case isHangulSyllable(r):
		t.koreanReadings(string(folded))
	}
}

func isArabicLetter(r rune) bool {
	return r >= '\u0620' && r <= '\u064a' || r >= '\u066e' && r <= '\u06d3'
}
func isHangulSyllable(r rune) bool { return r >= firstSyllable && r < firstSyllable+hangulSyllables }

const (
	alLam     = "\u0627\u0644" // ال, the article
	lamLam    = "\u0644\u0644" // لل: the preposition ل before the article, whose alef is dropped
	minArabic = 3              // runes: Arabic roots have three letters
)

// arabicReadings strips, in this order, a conjunction (و ف), a preposition
// (ب ل ك, or لل = ل + ال) and the article (ال), offering the word after
// each step, least stripped first. A reading shorter than three letters is
// not offered: it would be a root fragment.
func (t *Tokens) arabicReadings(w string) {
	rest := w
	if r, n := utf8.DecodeRuneInString(rest); (r == 'و' || r == 'ف') && longEnough(rest[n:]) && !particleCompounds[rest] {
		rest = rest[n:]
		t.addReading(rest)
	}
	switch r, n := utf8.DecodeRuneInString(rest); {
	case strings.HasPrefix(rest, lamLam) && longEnough(rest[len(lamLam):]):
		rest = alLam + rest[len(lamLam):]
		t.addReading(rest)
	case (r == 'ب' || r == 'ل' || r == 'ك') && longEnough(rest[n:]):
		rest = rest[n:]
		t.addReading(rest)
	}
	if bare, ok := strings.CutPrefix(rest, alLam); ok && longEnough(bare) {
		t.addReading(bare)
	}
}

// particleCompounds are words that begin with و or ف as a letter of a
// particle, not as a conjunction: فيمن ("about whom", في + من) is no ف +
// يمن (Yemen), nor فيما ("in what") ف + يما.
var particleCompounds = map[string]bool{"فيمن": true, "فيما": true}

func longEnough(s string) bool { return utf8.RuneCountInString(s) >= minArabic }

// koreanParticles are the case particles, plural and copula endings that
// follow a Korean noun inside its word. Longer ones come first so that
// 에서 is taken whole rather than as 서 after 에.
var koreanParticles = []string{
	"으로부터", "에게서", "로부터", "으로서", "으로써", "이라고", "에서는", "에서도", "에서의", "으로의",
	"이었다", "에서", "에게", "께서", "한테", "으로", "로서", "로써", "까지", "부터", "처럼", "보다",
	"마다", "조차", "이나", "이라", "라고", "이란", "이며", "에도", "에는", "와의", "과의", "에의", "로의",
	"이다", "였다", "들", "이", "가", "은", "는", "을", "를", "의", "에", "께", "로", "와", "과", "도",
	"만", "나", "라", "란", "며", "인",
}

// maxParticles bounds how many particles are peeled off one word
// (북한군들에게 -> 북한군들 -> 북한군).
const maxParticles = 3

// koreanReadings offers the word without each trailing particle in turn,
// keeping at least one syllable.
func (t *Tokens) koreanReadings(w string) {
	for range maxParticles {
		p := trailingParticle(w)
		if p == "" {
			return
		}
		w = w[:len(w)-len(p)]
		t.addReading(w)
	}
}

// particlesByLast files the particles under their last syllable, longest
// first, so a word is checked only against those it could end with;
// particleGroup maps a syllable, counted from the first, to 1 + its group
// in particlesByLast, or 0. A lookup per Korean word is cheaper in an
// array than in a map, and bytes keep the array at 11 KB.
var particlesByLast, particleGroup = func() (groups [][]string, index [hangulSyllables]uint8) {
	for _, p := range koreanParticles {
		r, _ := utf8.DecodeLastRuneInString(p)
		k := r - firstSyllable
		if index[k] == 0 {
			groups = append(groups, nil)
			index[k] = uint8(len(groups))
		}
		groups[index[k]-1] = append(groups[index[k]-1], p)
	}
	return groups, index
}()

const (
	firstSyllable   = '\uac00'
	hangulSyllables = '\ud7a3' - firstSyllable + 1
)

func trailingParticle(w string) string {
	if len(w) < 3 {
		return ""
	}
	last, _ := decodeRune(w, len(w)-3) // a syllable is three bytes
	if !isHangulSyllable(last) {
		return ""
	}
	g := particleGroup[last-firstSyllable]
	if g == 0 {
		return ""
	}
	for _, p := range particlesByLast[g-1] {
		if len(w) > len(p) && strings.HasSuffix(w, p) {
			return p
		}
	}
	return ""
}
