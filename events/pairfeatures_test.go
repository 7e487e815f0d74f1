package events

import (
	"math"
	"slices"
)

// shareCounts counts what two reports share, by kind of evidence.
type shareCounts struct {
	entities, numbers, weakNumbers, weapons  float64
	rareWords, words, rareConcepts, concepts float64
	countries                                float64
}

// countShared counts the features q and m share, by kind, with rarity as
// compare judges it (in fewer than one in twenty of the window's reports).
func countShared(ix *index, q *query, m *member) shareCounts {
	var c shareCounts
	rare := rareDF(ix.live)
	has := make(map[int32]bool, len(m.feats))
	for _, f := range m.feats {
		has[f.id] = true
	}
	for _, f := range q.feats {
		if has[f.id] {
			c.add(ix.kinds[f.id], ix.df[f.id] <= rare, ix.weak[f.id])
		}
	}
	return c
}

func (c *shareCounts) add(kd kind, rare, weak bool) {
	switch kd {
	case kindEntity:
		c.entities++
	case kindNumber:
		if weak {
			c.weakNumbers++
		} else {
			c.numbers++
		}
	case kindWeapon:
		c.weapons++
	case kindCountry:
		c.countries++
	case kindConcept:
		c.concepts++
		if rare {
			c.rareConcepts++
		}
	case kindWord:
		c.words++
		if rare {
			c.rareWords++
		}
	}
}

// pairFeatureNames name the columns of pairFeatures, the intercept first.
var pairFeatureNames = []string{
	"bias", "cos raw", "cos decayed", "cos signed", "cos language-free", "cross", "cross x cos",
	"cross x language-free", "signature", "days apart", "within grace", "log1p hours",
	"entities", "numbers", "small numbers", "weapons", "rare words", "words", "rare concepts",
	"concepts", "countries", "any named", "anchors", "hard", "concepts only across",
	"whole event", "same feed", "log report size", "log member size",
}

// marginNames name the columns ruleMargins adds.
var marginNames = []string{"margin over threshold", "anchors enough", "no hard across"}

// featureNames names the columns of the classifier's inputs.
func featureNames(margins bool) []string {
	if margins {
		return append(slices.Clone(pairFeatureNames), marginNames...)
	}
	return pairFeatureNames
}

// inputs returns the classifier's inputs for v, with the rule's margins
// when asked.
func inputs(v pairView, margins bool) []float64 {
	x := pairFeatures(v)
	if margins {
		x = append(x, ruleMargins(v)...)
	}
	return x
}

// ruleMargins are how far a pair is from the rule's own decision: the
// similarity (signature raised) over the threshold it needs, whether it
// has the anchors it needs, and, across languages, whether it lacks
// language-free evidence. With them a fitted decision can do at least
// what the rule does; the question is whether it does more.
func ruleMargins(v pairView) []float64 {
	cfg := DefaultConfig()
	signed, need := v.p.sim, cfg.Anchors
	if v.p.same {
		signed *= sameAction
	}
	if v.p.cross {
		need = cfg.CrossAnchors
	}
	return []float64{signed - cfg.threshold(v.p), b2f(v.p.anchors >= need), b2f(v.p.cross && v.p.hard == 0)}
}

// pairFeatures turns a pair into the classifier's inputs, in the order of
// pairFeatureNames.
func pairFeatures(v pairView) []float64 {
	h := math.Abs(v.since.Hours())
	signed := v.p.sim
	if v.p.same {
		signed *= sameAction
	}
	s := v.share
	named := s.entities + s.numbers + s.weapons
	return []float64{
		1, v.raw, v.p.sim, signed, v.free, b2f(v.p.cross), b2f(v.p.cross) * v.p.sim,
		b2f(v.p.cross) * v.free, b2f(v.p.same), h / 24, b2f(v.grace), math.Log1p(h),
		s.entities, s.numbers, s.weakNumbers, s.weapons, s.rareWords, s.words, s.rareConcepts,
		s.concepts, s.countries, b2f(named > 0), float64(v.p.anchors), float64(v.p.hard),
		b2f(v.p.cross && named == 0 && s.rareConcepts > 0), b2f(v.whole), b2f(v.feed),
		math.Log1p(float64(v.qn)), math.Log1p(float64(v.mn)),
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
