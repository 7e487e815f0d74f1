// Package mutes decides what the mutes in force silence: matches of a
// muted rule, tag or entity, and every alert of a muted feed. It is pure,
// so the daemon and tests apply mutes the same way.
package mutes

import (
	"fmt"
	"slices"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Set is the mutes in force at one moment.
type Set struct {
	now   time.Time
	mutes []store.Mute
}

// NewSet keeps the mutes of ms still in force at now.
func NewSet(ms []store.Mute, now time.Time) Set {
	s := Set{now: now}
	for _, m := range ms {
		if m.Lifted.IsZero() && m.Expires.After(now) {
			s.mutes = append(s.mutes, m)
		}
	}
	return s
}

// Empty reports whether nothing is muted.
func (s Set) Empty() bool { return len(s.mutes) == 0 }

// Apply returns a with the muted matches dropped and its severity
// recomputed. When nothing is left (or its feed is muted) it keeps every
// match and says why in Muted, so the record shows what was silenced.
func (s Set) Apply(a story.Alert) story.Alert {
	if m, ok := s.feedMute(a.Story); ok {
		a.Muted = describe(m)
		return a
	}
	var kept []story.Match
	var first store.Mute
	for _, mt := range a.Matches {
		if m, ok := s.matchMute(mt); ok {
			if first.ID == 0 {
				first = m
			}
			continue
		}
		kept = append(kept, mt)
	}
	switch {
	case len(kept) == len(a.Matches):
	case len(kept) == 0:
		a.Muted = describe(first)
	default:
		a.Matches, a.Severity = kept, story.MaxSeverity(kept)
	}
	return a
}

func (s Set) feedMute(st story.Story) (store.Mute, bool) {
	for _, m := range s.mutes {
		if m.Kind == store.MuteFeed && (m.Value == st.FeedID || m.Value == st.FeedName) {
			return m, true
		}
	}
	return store.Mute{}, false
}

// matchMute finds a mute that silences one match.
func (s Set) matchMute(mt story.Match) (store.Mute, bool) {
	for _, m := range s.mutes {
		switch m.Kind {
		case store.MuteRule:
			if mt.RuleID == m.Value {
				return m, true
			}
		case store.MuteTag:
			if slices.Contains(mt.Tags, m.Value) {
				return m, true
			}
		case store.MuteEntity:
			if hasEntity(mt.Hits, m.Value) {
				return m, true
			}
		}
	}
	return store.Mute{}, false
}

func hasEntity(hits []story.Hit, id string) bool {
	for _, h := range hits {
		if h.Source == story.SourceEntity && h.Ref == id {
			return true
		}
	}
	return false
}

func describe(m store.Mute) string {
	return fmt.Sprintf("%s %s muted by %s until %s", m.Kind, m.Value, m.By, m.Expires.UTC().Format("2006-01-02 15:04 UTC"))
}
