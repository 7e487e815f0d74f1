package language

import (
	"strings"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// Tag sets s.Lang, unless it is set already: the language of its text, or
// when the text is too short to tell, the language its feed declares
// ("en-US" gives "en") if that is one of Codes.
func Tag(s *story.Story) {
	if s.Lang != "" {
		return
	}
	s.Lang = Of(s.Title, s.Summary, s.Content)
	if s.Lang == "" {
		primary, _, _ := strings.Cut(strings.ToLower(s.Language), "-")
		if Known(primary) {
			s.Lang = primary
		}
	}
}
