// Package spelling finds the name a user most likely meant, for the "did
// you mean" hints of config, rule and query errors.
package spelling

import "unicode"

// Distance is the optimal-string-alignment distance between a and b,
// ignoring case: inserting, deleting or replacing a character, or swapping
// two neighbours, each cost one, so "titel" is one step from "title".
func Distance(a, b string) int {
	x, y := foldRunes(a), foldRunes(b)
	// rows[i%3] holds the distances from x[:i] to each prefix of y.
	var rows [3][]int
	for i := range rows {
		rows[i] = make([]int, len(y)+1)
	}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur, prev, prev2 := rows[i%3], rows[(i-1)%3], rows[(i+1)%3]
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
	}
	return rows[len(x)%3][len(y)]
}

func foldRunes(s string) []rune {
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = unicode.ToLower(r)
	}
	return rs
}

// Nearest returns the candidate closest to word, if it is close enough to
// be a typo: fewer edits than a third of the word's length plus two, and
// fewer than the word has characters (so "x" does not suggest "y").
func Nearest(word string, candidates []string) (string, bool) {
	n := len([]rune(word))
	best, bestDist := "", n/3+2
	for _, c := range candidates {
		if d := Distance(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best, best != "" && bestDist < n
}
