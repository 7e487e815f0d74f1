package language

import "strings"

// The Latin-script languages, indexes into counts.words.
const (
	en = iota
	fr
	de
	es
	nLatin
)

var latinCodes = [nLatin]string{"en", "fr", "de", "es"}

// functionWords are frequent short words, each with the languages it
// belongs to as a bit set. A word two languages share (la, de, en in French
// and Spanish) still tells them from the others.
var functionWords = func() map[string]uint8 {
	m := map[string]uint8{}
	add := func(langs uint8, words string) {
		for _, w := range strings.Fields(words) {
			m[w] |= langs
		}
	}
	add(1<<en, "the and of to is was were on for with that said from by has have will its at this after which it")
	add(1<<fr, "le les du et une est dans pour qui sur au aux selon ont été sont ce cette avec pas il elle lors l d qu")
	add(1<<de, "der die das und den dem des von mit ist nicht ein eine zu auf für im sich wurde nach bei wie aus hat neue neu gegen seine ihre über vor bis unter wird werden zum zur vom beim soll will mehr keine")
	add(1<<es, "el los las del y que por con una para se su sus según fue han como al más este esta sobre")
	add(1<<fr|1<<es, "la de en un")
	return m
}()

func (c *counts) latinWord(w string) {
	lower := strings.ToLower(w)
	if len(w) <= 8 {
		if langs, ok := functionWords[lower]; ok {
			for l := range nLatin {
				c.words[l] += int(langs >> l & 1)
			}
			return
		}
	}
	if len(lower) > 4 {
		c.ending(lower)
	}
}

// endings are word endings typical of one language, for headlines, which
// have few function words ("Nordkorea liefert weitere Artilleriegranaten").
var endings = [nLatin][]string{
	en: {"ing", "ed", "ship", "ness"},
	fr: {"eux", "ement", "ée", "ées", "aire", "ais"},
	de: {"ung", "ungen", "keit", "heit", "lich", "isch", "schaft", "ert", "land", "ten", "cht", "tet", "kraft", "liste"},
	es: {"ción", "ciones", "dad", "ado", "ada", "idos", "idas", "iones", "ncia", "aron", "aba"},
}

func (c *counts) ending(w string) {
	for l, list := range endings {
		for _, e := range list {
			if strings.HasSuffix(w, e) {
				c.words[l]++
				return
			}
		}
	}
}

// latinLetter counts diacritics that mark one language: ç è ê à for
// French, ä ö ü ß for German, ñ á í ó ú for Spanish, é for both French
// and Spanish.
func (c *counts) latinLetter(r rune) {
	switch r {
	case 'ç', 'è', 'ê', 'à', 'â', 'î', 'ô', 'û', 'œ', 'Ç', 'È', 'À':
		c.words[fr]++
	case 'é', 'É':
		c.words[fr]++
		c.words[es]++
	case 'ä', 'ö', 'ü', 'ß', 'Ä', 'Ö', 'Ü':
		c.words[de]++
	case 'ñ', 'á', 'í', 'ó', 'ú', 'Ñ', 'Á', 'Í', 'Ó', 'Ú':
		c.words[es]++
	}
}

// latinLanguage picks the Latin language with the most evidence; English,
// the bulk of the news read, wins ties and texts without any.
func (c *counts) latinLanguage() string {
	best := en
	for l := range nLatin {
		if c.words[l] > c.words[best] {
			best = l
		}
	}
	return latinCodes[best]
}
