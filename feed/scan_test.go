package feed

import (
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"
)

// An item's sum is the hash of the prolog, its ancestors' start tags and
// its own bytes, in that order: the digests saved with feed states depend
// on it, so however the scan computes it, it must not change. The items
// hide end tags in a comment, a CDATA section and an instruction, and one
// holds an element of its own name, which the scan must step over.
func TestItemSums(t *testing.T) {
	prolog := `<?xml version="1.0"?>` + "\n"
	root, channel := `<rss version="2.0" xmlns:x="urn:x">`, `<channel lang="en">`
	items := []string{
		`<item><title>A</title><!-- </item> --><guid>a</guid></item>`,
		`<item><description><![CDATA[<item>not one</item>]]></description><?pi </item>?></item>`,
		`<item><x:item><item/></x:item><item>inner</item><guid>c</guid></item>`,
		`<item/>`,
	}
	body := prolog + root + channel + "<title>T</title>\n" + strings.Join(items, "\n") + "\n</channel></rss>"
	sc := Scan([]byte(body))
	if !sc.scanned || len(sc.l.spans) != len(items) {
		t.Fatalf("scanned %v, %d items; want %d", sc.scanned, len(sc.l.spans), len(items))
	}
	for i, sp := range sc.l.spans {
		if got := body[sp.start:sp.end]; got != items[i] {
			t.Errorf("item %d spans %q, want %q", i, got, items[i])
		}
		if want := xxhash.Sum64String(prolog + root + channel + items[i]); sp.sum != want {
			t.Errorf("item %d: sum %x, want %x", i, sp.sum, want)
		}
	}
}
