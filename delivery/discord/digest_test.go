package discord

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// digestAlert is an alert whose digest line is n runes long, padded
// through its feed's name (which the line does not cut).
func digestAlert(t *testing.T, id int64, n int) story.Alert {
	t.Helper()
	a := sampleAlert()
	a.ID, a.Story.FeedName = id, "f"
	pad := n - runes(digestLine(a))
	if pad < 0 {
		t.Fatalf("a digest line of %d runes is shorter than the shortest, %d", n, n-pad)
	}
	a.Story.FeedName += strings.Repeat("x", pad)
	if got := runes(digestLine(a)); got != n {
		t.Fatalf("digest line of %d runes, want %d", got, n)
	}
	return a
}

// A digest splits where the next line and its newline would pass
// Discord's description limit, not a rune earlier or later; a line alone
// longer than the limit makes a part of its own, cut to the limit, and
// the alerts after it go on in the next part.
func TestSplitDigestAtTheLimit(t *testing.T) {
	half := maxDescription / 2
	for _, tc := range []struct {
		name  string
		lines []int // rune lengths of the alerts' digest lines
		want  []int // alerts per part
	}{
		{"two lines exactly at the limit", []int{half, maxDescription - half - 1}, []int{2}},
		{"two lines one over the limit", []int{half, maxDescription - half}, []int{1, 1}},
		{"one line exactly at the limit", []int{maxDescription, 300}, []int{1, 1}},
		{"one line longer than a part", []int{300, maxDescription + 500, 300}, []int{1, 1, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var alerts []story.Alert
			for i, n := range tc.lines {
				alerts = append(alerts, digestAlert(t, int64(i+1), n))
			}
			parts := SplitDigest(alerts)
			var got []int
			for _, p := range parts {
				got = append(got, len(p.Alerts))
				m := RenderDigestPart(p)
				checkLimits(t, m)
				if len(m.Alerts) != len(p.Alerts) {
					t.Errorf("part %d shows %d of its %d alerts", p.Part, len(m.Alerts), len(p.Alerts))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("alerts per part %v, want %v", got, tc.want)
			}
		})
	}
}

// A line longer than a message is cut to the limit with an ellipsis,
// not dropped: the reader still sees the story's title and link.
func TestDigestLineLongerThanAPartIsCut(t *testing.T) {
	a := digestAlert(t, 1, maxDescription+500)
	m := RenderDigestPart(SplitDigest([]story.Alert{a})[0])
	desc := m.Embeds[0].Description
	if runes(desc) != maxDescription || !strings.HasSuffix(desc, ellipsis) {
		t.Fatalf("description of %d runes ending %q, want %d ending in an ellipsis", runes(desc), desc[len(desc)-8:], maxDescription)
	}
	if !strings.Contains(desc, a.Story.Link) {
		t.Errorf("cut line lost the story's link: %.80q", desc)
	}
}
