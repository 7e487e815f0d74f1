package events

import (
	"strconv"
	"strings"
)

// minHardNumber is the smallest number that is hard evidence on its own.
// Smaller ones are everywhere ("2 soldiers", "Estlink 2", "3 tankers"):
// two reports sharing one tell nothing of being one happening, least of
// all in two languages where nothing else can be compared. They still add
// to the similarity.
const minHardNumber = 10

// weakEvidence says whether a feature key is too common in kind to be
// the specific evidence that a pair needs (see compare): a small number.
func weakEvidence(key string) bool {
	n, ok := strings.CutPrefix(key, prefixNumber)
	if !ok {
		return false
	}
	v, err := strconv.ParseFloat(n, 64)
	return err == nil && v < minHardNumber
}
