package feed

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// recalled is what a Reader's recalled items were read from: enough to
// read the text of a few of them again.
type recalled struct {
	src  Source
	body []byte
	l    layout
	now  time.Time
}

// Texts returns the stories of the items at the indexes need, with their
// text and with whatever the caller changed in them (a date filled in).
// A brief item has no text of its own, which is rare for an item a caller
// needs (it shared a GUID with an item that left, so its key changed, or
// the caller forgot it): its document's head is parsed with only the
// brief items needed, a fraction of a whole parse. Should that not give
// those items back, the document is parsed whole, once; should even the
// whole parse lack a needed item's key (the recalled items and the parse
// disagree), the error is a *KeyMismatch holding the whole parse, whose
// items the caller can use instead of the recalled ones.
func (d Document) Texts(need []int) ([]story.Story, error) {
	out := make([]story.Story, len(need))
	var brief []int
	for k, i := range need {
		if d.Items[i].brief {
			brief = append(brief, i)
		}
		out[k] = d.Items[i].Full()
	}
	if len(brief) == 0 {
		return out, nil
	}
	full, err := d.withText(brief)
	if err != nil {
		return nil, err
	}
	for k, i := range need {
		if it, ok := full[i]; ok {
			out[k] = it.Full()
		}
	}
	return out, nil
}

// withText returns the items at the indexes brief, each with its text.
func (d Document) withText(brief []int) (map[int]Item, error) {
	if d.from == nil {
		return nil, fmt.Errorf("%d items without text and no document to read them from", len(brief))
	}
	if out, ok := d.readOnly(brief); ok {
		return out, nil
	}
	whole, err := Parse(d.from.src, d.from.body, d.from.now)
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]Item, len(whole.Items))
	for _, it := range whole.Items {
		byKey[it.Key] = it
	}
	out := make(map[int]Item, len(brief))
	for _, i := range brief {
		it, ok := byKey[d.Items[i].Key]
		if !ok {
			return nil, &KeyMismatch{Feed: d.from.src.Name, Key: d.Items[i].Key, Whole: whole}
		}
		out[i] = d.textOf(i, it.raw)
	}
	return out, nil
}

// readOnly parses the head of the document with only the items at the
// indexes brief, which come back in document order; ok is false unless
// each is the item it stands for, by its GUID and title as written.
func (d Document) readOnly(brief []int) (map[int]Item, bool) {
	order := slices.SortedFunc(slices.Values(brief), func(a, b int) int { return d.Items[a].span - d.Items[b].span })
	keep := make(map[int]bool, len(order))
	for _, i := range order {
		keep[d.Items[i].span] = true
	}
	if len(keep) != len(order) {
		return nil, false
	}
	f, err := parseFeed(d.from.src, repairUTF8(d.from.l.only(d.from.body, keep)))
	if err != nil || len(f.Items) != len(order) {
		return nil, false
	}
	out := make(map[int]Item, len(brief))
	for j, i := range order {
		it := f.Items[j]
		if it == nil || strings.TrimSpace(it.GUID) != d.Items[i].GUID || it.Title != d.Items[i].raw.Title {
			return nil, false
		}
		out[i] = d.textOf(i, it)
	}
	return out, true
}

// textOf is item i with raw, as parsed, for its text.
func (d Document) textOf(i int, raw *gofeed.Item) Item {
	it := d.Items[i]
	it.raw, it.brief = raw, false
	return it
}

// KeyMismatch is Texts finding a recalled item's key nowhere in the whole
// parse of its document. Whole is that parse, every item with its text:
// what the document holds, for the caller to use in place of the recalled
// items rather than fail the feed until its bytes change.
type KeyMismatch struct {
	Feed, Key string
	Whole     Document
}

func (e *KeyMismatch) Error() string {
	return fmt.Sprintf("parse feed %s: story %s not found when parsed whole", e.Feed, e.Key)
}
