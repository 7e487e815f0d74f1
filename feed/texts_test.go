package feed

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

const mismatchFeed = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
<item><guid>g1</guid><title>Tanker seized</title><description>The first text.</description></item>
<item><guid>g2</guid><title>Bank listed</title><description>The second text.</description></item>
</channel></rss>`

// A Reader whose recalled items disagree with the document on a key (its
// memory says g1 and g2 are stale-g1 and stale-g2) cannot find their text:
// Texts then reports a *KeyMismatch naming the feed and the key and
// holding the whole parse, the items Parse gives with their text, for the
// caller to classify instead of failing the feed on every poll.
func TestTextsMismatchGivesTheWholeParse(t *testing.T) {
	var r Reader
	if _, err := r.Parse(readerSrc, []byte(mismatchFeed), parseNow); err != nil {
		t.Fatal(err)
	}
	for _, c := range r.known {
		c.it.GUID = "stale-" + c.it.GUID
	}
	doc, err := r.Parse(readerSrc, []byte(mismatchFeed), parseNow)
	if err != nil || len(doc.Items) != 2 || !doc.Items[0].Brief() {
		t.Fatalf("second read: %d items, err %v; want both recalled", len(doc.Items), err)
	}
	_, err = doc.Texts([]int{0, 1})
	mismatch, ok := errors.AsType[*KeyMismatch](err)
	if !ok {
		t.Fatalf("Texts error %v, want a *KeyMismatch", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "Reader") || !strings.Contains(msg, "guid:stale-g") {
		t.Errorf("error %q names neither the feed nor the key", msg)
	}
	want, err := Parse(readerSrc, []byte(mismatchFeed), parseNow)
	if err != nil {
		t.Fatal(err)
	}
	if got := mismatch.Whole.Stories(); !reflect.DeepEqual(got, want.Stories()) {
		t.Errorf("whole parse\n %+v\nwant Parse's\n %+v", got, want.Stories())
	}
	if got := mismatch.Whole.Stories(); got[1].Summary == "" || got[0].Key != "guid:g1" {
		t.Errorf("whole parse lacks the text or the document's keys: %+v", got)
	}
}
