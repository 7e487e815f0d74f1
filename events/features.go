package events

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/rules/norm"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Features is what grouping compares of one story: keys such as
// "e:ofac-sdn-123" (a listed party), "c:dprk" (a country or institution),
// "n:1200" (a number or resolution),
// "a:artillery shell*" (a weapon term) or "w:tanker" (a word), each with a
// boost (a word of the title counts more than one of the summary). It is
// persisted beside the story, so a restart compares what it compared before.
type Features struct {
	Lang string             `json:"lang,omitempty"` // language, or the script when unknown
	Keys map[string]float32 `json:"keys"`
}

// Feature key prefixes, one per kind of evidence.
const (
	prefixEntity  = "e:" // a listed party: person, firm, vessel, aircraft
	prefixCountry = "c:" // a country, group or institution of the rule files
	prefixWeapon  = "a:" // a term of a weapon list
	prefixNumber  = "n:"
	prefixConcept = "k:" // a concept, whatever the language (see concepts)
	prefixActor   = "s:" // the government a headline names first (see actors)
	prefixSubject = "t:" // a country or group a headline names (see subjects)
	prefixModel   = "m:" // a number that counts nothing: a model ("Su-35"), a measure ("12 months")
	prefixWord    = "w:"
)

// Boosts inside one story: evidence in the title says what the story is
// about; the summary adds context.
const (
	titleBoost   = 1.5
	summaryBoost = 1.0
)

// Extract computes the features of s from the rules' evidence and its own
// title and summary. weaponLists names the lists whose terms are weapons.
func Extract(s *story.Story, ev rules.Evidence, weaponLists []string) Features {
	f := Features{Lang: language(s), Keys: map[string]float32{}}
	put := func(key string, boost float32) {
		if boost > f.Keys[key] {
			f.Keys[key] = boost
		}
	}
	for _, e := range ev.Entities {
		if manyCountries[e.ID] {
			continue
		}
		put(entityKey(e), boostOf(e.InTitle))
		if e.InTitle && (e.Kind == "country" || e.Kind == "group") && !actorEntities[e.ID] {
			put(prefixSubject+e.ID, titleBoost)
		}
	}
	// A resolution number is a number like any other: "resolution 1718"
	// and "резолюцию 1718" meet whether or not the pack knows the
	// language's word for resolution.
	for _, n := range ev.Resolutions {
		put(prefixNumber+strconv.Itoa(n), summaryBoost)
	}
	for _, t := range ev.Terms {
		if slices.Contains(weaponLists, t.List) {
			put(prefixWeapon+t.Term, summaryBoost)
		}
	}
	var toks norm.Tokens
	var buf []byte
	head, background := splitBackground(s.Title)
	var before []string // the kinds of action the headline's background tells
	for _, part := range []struct {
		text       string
		boost      float32
		background bool // by place, not by text: a summary may repeat it
	}{{s.Summary, summaryBoost, false}, {background, summaryBoost, true}, {head, titleBoost, false}} {
		for _, n := range readNumbers(part.text) {
			put(prefixNumber+n.value, part.boost)
			if n.model {
				put(prefixModel+n.value, part.boost)
			}
		}
		toks.Reset()
		toks.Tokenize(part.text)
		buf = putWords(&toks, buf, func(key string) { put(key, part.boost) })
		folded := joinFolded(&toks)
		p := placesOf(folded)
		for _, c := range p.concepts {
			put(prefixConcept+c, part.boost)
		}
		for _, c := range p.countries {
			put(prefixCountry+c, part.boost)
		}
		if part.background {
			before = headlineActions(folded)
		}
		if part.boost == titleBoost {
			for _, c := range p.subjects {
				put(prefixSubject+c, titleBoost)
			}
			for _, k := range headlineMarks(part.text, folded) {
				// "fires SRBMs a day after ICBM launch" is the next launch:
				// an action its background tells too is a repeat (see
				// repeats), no signature.
				if a, ok := actionOf(k); ok && slices.Contains(before, a) {
					k = markRepeat + a
				}
				put(k, titleBoost)
			}
			for _, a := range before {
				if govActs[a] {
					put(markRepeat+a, titleBoost)
				}
			}
			// The first actor is told from the others by its boost.
			for i, a := range headlineActors(folded) {
				put(prefixActor+a, boostOf(i == 0))
			}
		}
	}
	return f
}

// actorEntities are the entities of the rule files that mostly name who
// acts (sanctions, sells) rather than whom a story is about (see actors),
// and the pack's entity for many countries at once (Japan, India, Turkey,
// Taiwan...), which says nothing about which one a headline is about.
var actorEntities = map[string]bool{"usa": true, "europe": true, "other-suppliers": true}

func boostOf(inTitle bool) float32 {
	if inTitle {
		return titleBoost
	}
	return summaryBoost
}

// entityKey files a listed party (a person, firm or vessel on a sanctions
// list) apart from the entities of rule files: countries, groups and
// institutions ("North Korea", "OFAC", "IAEA") that most stories of a
// region or kind name, and that say little about which event one tells.
//
// A listed party named only by words that also name an entity of the rule
// files (OFAC lists "Islamic State", the pack knows it as @isil) is as
// common as that entity, and weighs as one.
func entityKey(e rules.EntityMention) string {
	if e.List == "" || e.Shared == e.Count {
		return prefixCountry + e.ID
	}
	return prefixEntity + e.ID
}

// putWords calls put with the key of each folded word of toks worth
// comparing: letters-only words of three or more characters, cut to
// stemLen letters (CJK characters are a word each and always kept, since
// one carries a word's meaning). The key is built in buf, so that a word
// costs one string, not three.
func putWords(toks *norm.Tokens, buf []byte, put func(key string)) []byte {
	for i := range toks.List {
		w := toks.Fold(i)
		r, _ := utf8.DecodeRune(w)
		switch {
		case unicode.IsDigit(r):
			continue // numbers are features of their own
		case !norm.Unspaced(r) && (utf8.RuneCount(w) < 3 || stopwords[string(w)]):
			continue
		}
		buf = append(append(buf[:0], prefixWord...), stem(w)...)
		put(string(buf))
	}
	return buf
}

// stemLen is how many letters of a word are compared. Cutting words short
// is a crude stemmer for every alphabet at once: "sanctions", "sanctioned"
// and "sanctionne" (French) meet, as do "Россия" and "России".
const stemLen = 5

func stem(w []byte) []byte {
	for i, n := 0, 0; i < len(w); n++ {
		if n == stemLen {
			return w[:i]
		}
		_, size := utf8.DecodeRune(w[i:])
		i += size
	}
	return w
}

// stopwords are English function words and reporting verbs, which every
// story has; other languages' are rare enough across a mixed window for
// their idf to discount them.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the and for with from that this was were are has have had its
		his her their they them than then into onto over under after before about also but not
		said says say told according which who whom what when where while will would could should
		been being more most other some such only any all one two new`) {
		stopwords[w] = true
	}
}

// language is the story's language as detected (Lang) or declared by its
// feed, or failing both the script of its title, so that two stories in
// different languages are compared on what does not depend on the
// language.
func language(s *story.Story) string {
	if s.Lang != "" {
		return s.Lang
	}
	if s.Language != "" {
		lang, _, _ := strings.Cut(strings.ToLower(s.Language), "-")
		lang, _, _ = strings.Cut(lang, "_")
		return lang
	}
	counts := map[string]int{}
	for _, r := range s.Title {
		if sc := script(r); sc != "" {
			counts[sc]++
		}
	}
	best := ""
	for sc, n := range counts {
		if n > counts[best] || n == counts[best] && sc < best {
			best = sc
		}
	}
	return best
}

var scripts = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"latin", unicode.Latin}, {"cyrillic", unicode.Cyrillic}, {"hangul", unicode.Hangul},
	{"han", unicode.Han}, {"kana", unicode.Hiragana}, {"kana", unicode.Katakana},
	{"arabic", unicode.Arabic}, {"hebrew", unicode.Hebrew}, {"greek", unicode.Greek},
}

func script(r rune) string {
	for _, s := range scripts {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	return ""
}
