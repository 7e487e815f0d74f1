package events

import "strings"

// backgroundWords open the part of a headline that gives the background
// of its happening rather than the happening: "Finland seizes ship after
// Baltic cable outage", "Iranian lawmakers push NPT exit bill after
// snapback trigger". The background is often another event of the window,
// and its words in the title would make the report look like that
// event's; they weigh as the summary's.
var backgroundWords = []string{" after ", " amid ", " following ", " despite ", " ahead of ", " in response to ",
	" après ", " malgré ", " nach dem ", " nach der ", " trotz ", " tras ", " después de ", " после ", " на фоне ", " після ", " на тлі "}

// splitBackground returns a headline's happening and its background.
func splitBackground(title string) (head, background string) {
	lower := strings.ToLower(title)
	cut := len(title)
	for _, w := range backgroundWords {
		if i := strings.Index(lower, w); i > 0 && i < cut {
			cut = i
		}
	}
	return title[:cut], title[cut:]
}
