package events

import (
	"testing"
	"unicode/utf8"
)

func TestSplitBackground(t *testing.T) {
	for _, tc := range []struct{ title, head, background string }{
		{"Finland seizes ship carrying Russian oil after Baltic cable outage", "Finland seizes ship carrying Russian oil", " after Baltic cable outage"},
		{"Iranian lawmakers push NPT exit bill after snapback trigger", "Iranian lawmakers push NPT exit bill", " after snapback trigger"},
		{"EU snaps back its Iran sanctions", "EU snaps back its Iran sanctions", ""},
		{"After the vote, US sanctions 16 firms", "After the vote, US sanctions 16 firms", ""}, // a headline is never all background
		{"Les Vingt-Sept sanctionnent Moscou malgré le veto hongrois", "Les Vingt-Sept sanctionnent Moscou", " malgré le veto hongrois"},
		{"Drei Firmen wegen Lieferungen nach Russland sanktioniert", "Drei Firmen wegen Lieferungen nach Russland sanktioniert", ""}, // "nach" is also "to"
		{"Kabel beschädigt nach dem Angriff auf Tanker", "Kabel beschädigt", " nach dem Angriff auf Tanker"},
		{"TANKER SEIZED AFTER RAID", "TANKER SEIZED", " AFTER RAID"},
		// Lower case longer or shorter than the title: the cut stays at the word.
		{"İstanbul İİ ship seized after raid", "İstanbul İİ ship seized", " after raid"},
		{"\u212a-class ship seized after raid", "\u212a-class ship seized", " after raid"},
		{"Судно задержано ПОСЛЕ рейда", "Судно задержано", " ПОСЛЕ рейда"},
	} {
		head, bg := splitBackground(tc.title)
		if head != tc.head || bg != tc.background {
			t.Errorf("splitBackground(%q) = %q, %q; want %q, %q", tc.title, head, bg, tc.head, tc.background)
		}
	}
}

// The background of a headline weighs as its summary: its countries are no
// headline subjects and its words no title words.
func TestBackgroundIsNoHeadline(t *testing.T) {
	r := report(t, "yle", "a", "Finland seizes ship carrying Russian oil after Estonia cable outage", "", t0)
	if _, ok := r.Features.Keys[prefixSubject+"estonia"]; ok {
		t.Errorf("a country of the background is a headline subject: %v", r.Features.Keys)
	}
	if b := r.Features.Keys[prefixWord+"cable"]; b != summaryBoost {
		t.Errorf("a word of the background weighs %v, want %v", b, summaryBoost)
	}
}

// Any headline splits into two valid halves that join back into it.
func FuzzSplitBackground(f *testing.F) {
	// Seeds are in testdata/fuzz/FuzzSplitBackground.
	f.Fuzz(func(t *testing.T, title string) {
		if !utf8.ValidString(title) {
			return
		}
		head, bg := splitBackground(title)
		if !utf8.ValidString(head) || !utf8.ValidString(bg) || head+bg != title {
			t.Fatalf("splitBackground(%q) = %q, %q", title, head, bg)
		}
	})
}
