package config

import (
	"fmt"

	"github.com/sanctionwatch/sanctionwatch/internal/spelling"
)

// didYouMean returns `; did you mean "x"?` for the candidate closest to
// word, or "" when none is close enough to be a likely typo.
func didYouMean(word string, candidates []string) string {
	best, ok := spelling.Nearest(word, candidates)
	if !ok {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}
