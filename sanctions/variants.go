package sanctions

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Variant is one way a party's name may be written in news text.
type Variant struct {
	Text string
	// NeedsContext says the variant counts only with context nearby (see
	// Context): it is one word, made only of common words, a low-quality or
	// weak alias, or a vessel's name.
	NeedsContext bool
}

// Variants lists the forms of a party's name and aliases to look for in
// news text. Personal names in "LAST, First Middle" form also give "First
// Middle Last" and "First Last"; names ending in a company form ("Co.,
// Ltd.", "LLC", "Trading Corporation") also give the name without it.
// Names of one or two letters are dropped: they would match everywhere.
// Variants are unique by their words, and a form that needs no context
// wins over the same form that does.
func Variants(p Party) []Variant {
	var vs variantSet
	vs.addName(p, p.Name, QualityGood)
	for _, a := range p.Aliases {
		q := a.Quality
		if a.NeedsContext && q == QualityGood {
			q = QualityWeak
		}
		vs.addName(p, a.Name, q)
	}
	return vs.list
}

type variantSet struct {
	list []Variant
	keys map[string]int
}

// addName adds a name with its reorderings and company-form stripping.
func (vs *variantSet) addName(p Party, name, quality string) {
	weak := quality != QualityGood
	forms := []string{name}
	if p.Kind == KindPerson {
		forms = personForms(name)
	} else if p.Kind == KindOrganisation {
		forms = append(forms, stripCompanyForm(name))
	}
	for i, f := range forms {
		single := len(words(f)) == 1
		if single && (weak || (i > 0 && p.Kind == KindOrganisation)) {
			// A one-word weak alias ("SEP", "PEOPLE") or a company name
			// stripped to one word ("DAY" of "DAY COMPANY") matched too
			// many unrelated stories even with context nearby.
			continue
		}
		// A person's shortened form ("Hassan OMAR" of "Hassan Mahat OMAR")
		// is shared by many people.
		short := p.Kind == KindPerson && len(words(f)) < len(words(forms[0]))
		vs.add(f, weak || short || needsContext(p, f))
	}
}

func (vs *variantSet) add(text string, ctx bool) {
	key := foldKey(text)
	if len(strings.ReplaceAll(key, " ", "")) <= 2 {
		return
	}
	if vs.keys == nil {
		vs.keys = map[string]int{}
	}
	if i, ok := vs.keys[key]; ok {
		vs.list[i].NeedsContext = vs.list[i].NeedsContext && ctx
		return
	}
	vs.keys[key] = len(vs.list)
	vs.list = append(vs.list, Variant{Text: text, NeedsContext: ctx})
}

// needsContext applies the guards that do not depend on where a form came
// from: single words, common words, vessel names.
func needsContext(p Party, form string) bool {
	ws := words(form)
	switch {
	case len(ws) <= 1 && !longUnspaced(ws):
		return true
	case allCommon(ws):
		return true
	case p.Kind == KindVessel && len(ws) < 3:
		// Ships share short names ("OCEAN PEARL"); only the IMO number or
		// a shipping word nearby tells which one a story means.
		return true
	}
	return false
}

// personForms turns "LAST, First Middle" into the orders news uses: "First
// Middle Last" and "First Last". Names without a comma are kept as listed,
// as UN and Korean or Chinese names usually are ("KIM JONG UN").
func personForms(name string) []string {
	last, given, ok := strings.Cut(name, ",")
	last, given = strings.TrimSpace(last), strings.TrimSpace(given)
	if !ok || last == "" || given == "" {
		return append([]string{name}, patronymicForms(name)...)
	}
	forms := []string{given + " " + last}
	if g := strings.Fields(given); len(g) > 1 && !honorifics[foldKey(g[0])] {
		forms = append(forms, g[0]+" "+last)
	}
	return forms
}

// patronymicForms reorders an East Slavic name listed surname first
// ("Умаров Доку Хаматович", as the UN lists original-script names) into
// the orders news writes: "Доку Хаматович Умаров" and "Доку Умаров".
func patronymicForms(name string) []string {
	ws := strings.Fields(name)
	if len(ws) != 3 || !isPatronymic(ws[2]) {
		return nil
	}
	return []string{ws[1] + " " + ws[2] + " " + ws[0], ws[1] + " " + ws[0]}
}

func isPatronymic(w string) bool {
	w = strings.ToLower(w)
	for _, suffix := range []string{"вич", "вна", "ична", "инична", "оглы", "кызы"} {
		if strings.HasSuffix(w, suffix) {
			return true
		}
	}
	return false
}

// honorifics open some listed given names ("Sheikh Hassaan Hussein"); a
// short form built on one would be just the title and the surname.
var honorifics = wordSet("sheikh", "shaykh", "sheik", "haji", "hajji", "mullah", "mawlawi", "maulavi",
	"qari", "dr", "general", "colonel", "major", "mr", "imam", "emir", "amir")

// companyForms are legal-form words that news often leaves off the end of
// a company name, as words without punctuation ("S.A." is "s a"), longer
// forms first so "Company Limited" goes before "Limited".
var companyForms = [][]string{
	{"s", "a", "de", "c", "v"},
	{"trading", "corporation"}, {"trading", "company"}, {"company", "limited"},
	{"co", "ltd"}, {"pvt", "ltd"}, {"private", "limited"}, {"s", "a"}, {"sdn", "bhd"},
	{"co"}, {"ltd"}, {"limited"}, {"llc"}, {"jsc"}, {"ojsc"}, {"pjsc"}, {"cjsc"}, {"ooo"}, {"zao"}, {"oao"},
	{"inc"}, {"corp"}, {"corporation"}, {"company"}, {"gmbh"}, {"ag"}, {"fze"}, {"fzco"}, {"fzc"},
	{"llp"}, {"plc"}, {"bv"}, {"sarl"}, {"srl"}, {"sa"}, {"pte"}, {"bhd"},
}

// stripCompanyForm drops legal-form words from the end of a name, as many
// as there are ("ORIENT TRADING CO., LTD." -> "ORIENT"), keeping at least
// one word. It returns name unchanged when there is none.
func stripCompanyForm(name string) string {
	spans := wordSpans(name)
	ws := make([]string, len(spans))
	for i, sp := range spans {
		ws[i] = strings.ToLower(name[sp[0]:sp[1]])
	}
	n := len(ws)
	for n > 1 {
		k := companyFormAt(ws[:n])
		if k == 0 || k >= n {
			break
		}
		n -= k
	}
	if n == len(ws) {
		return name
	}
	return name[:spans[n-1][1]]
}

// companyFormAt returns how many of the last words of ws form a company
// form.
func companyFormAt(ws []string) int {
	for _, form := range companyForms {
		if len(form) <= len(ws) && slices.Equal(ws[len(ws)-len(form):], form) {
			return len(form)
		}
	}
	return 0
}

// wordSpans returns the byte ranges of the words of s, split as words does.
func wordSpans(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// longUnspaced reports a name written as one run of Hangul or Chinese
// characters of three or more ("김정은", "金正恩"): a full name, as
// specific as three words in Latin letters, not a single common word.
func longUnspaced(ws []string) bool {
	if len(ws) != 1 || utf8.RuneCountInString(ws[0]) < 3 {
		return false
	}
	for _, r := range ws[0] {
		if !unicode.Is(unicode.Hangul, r) && !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}
