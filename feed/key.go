package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// Key prefixes keep the kinds of identity apart: a GUID that happens to be
// a URL never collides with a canonical link.
const (
	keyGUID = "guid:"
	keyLink = "link:"
	keyHash = "hash:"
)

// assignKeys gives each story its identity within the document. A GUID is
// trusted only when no other item of the document carries it (feeds that
// repeat one GUID for every item exist); the same goes for links. Items
// with neither get a hash of title and publication time.
func assignKeys(items []Item) {
	guids := counts(items, func(s *story.Story) string { return s.GUID })
	links := counts(items, func(s *story.Story) string { return s.Link })
	for i := range items {
		s := &items[i].Story
		switch {
		case s.GUID != "" && guids[s.GUID] == 1:
			s.Key = keyGUID + s.GUID
		case s.Link != "" && links[s.Link] == 1:
			s.Key = keyLink + s.Link
		default:
			s.Key = keyHash + contentHash(s)
		}
	}
}

// dedupe drops later items whose key an earlier item of the document
// already has: the same story listed twice is one story.
func dedupe(items []Item) []Item {
	seen := make(map[string]bool, len(items))
	out := items[:0]
	for _, s := range items {
		if !seen[s.Key] {
			seen[s.Key] = true
			out = append(out, s)
		}
	}
	return out
}

func counts(items []Item, field func(*story.Story) string) map[string]int {
	m := make(map[string]int, len(items))
	for i := range items {
		if v := field(&items[i].Story); v != "" {
			m[v]++
		}
	}
	return m
}

// contentHash identifies an item by its title and publication time, the
// last resort for items without a usable GUID or link.
func contentHash(s *story.Story) string {
	h := sha256.New()
	h.Write([]byte(strings.ToLower(s.Title)))
	h.Write([]byte{0})
	if !s.Published.IsZero() {
		h.Write([]byte(s.Published.UTC().Format(time.RFC3339)))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
