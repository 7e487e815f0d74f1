package interactions

import (
	"strings"
	"testing"
)

// FuzzParseCustomID: custom ids come back from Discord verbatim but are
// still input; whatever parses must name a known verb and a positive id.
func FuzzParseCustomID(f *testing.F) {
	for _, s := range []string{"sw:rel:1", "sw:mutefor:feed:99", "sw:mute:tag:1", "sw:rel:-1", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := parseCustomID(s)
		if err != nil {
			return
		}
		if a.alertID <= 0 || !strings.Contains("rel notrel mute mutefor", a.verb) {
			t.Errorf("%q parsed as %+v", s, a)
		}
		if (a.verb == "mute" || a.verb == "mutefor") && a.kind != "rule" && a.kind != "feed" {
			t.Errorf("%q: kind %q", s, a.kind)
		}
	})
}

func FuzzMessageID(f *testing.F) {
	f.Add("https://discord.com/channels/1/2/3")
	f.Add("777")
	f.Add("https://discord.com/channels/1/2/x/")
	f.Fuzz(func(t *testing.T, link string) {
		id := messageID(link)
		for _, r := range id {
			if r < '0' || r > '9' {
				t.Errorf("%q gave id %q", link, id)
			}
		}
	})
}
