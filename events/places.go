package events

import "slices"

// placeIndex finds the concepts and the countries of the table in one
// scan of a text: Extract looks for both in every part of a story.
var placeIndex = newFormIndex(concepts, countries)

// The tables of placeIndex, by their place in it.
const (
	tableConcepts = iota
	tableCountries
)

// places are the concepts and the countries of the table a text names.
type places struct {
	concepts  []string // each once
	countries []string // each once, in the order first named
	subjects  []string // of countries, those that are no ship's (see addCountry)
}

// placesOf reads the concepts and countries of folded text.
func placesOf(folded string) places {
	var p places
	placeIndex.find(folded, func(cf *conceptForm, at int) {
		if cf.table == tableCountries {
			p.addCountry(folded, cf, at)
		} else if !slices.Contains(p.concepts, cf.concept) {
			p.concepts = append(p.concepts, cf.concept)
		}
	})
	return p
}
