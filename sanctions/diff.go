package sanctions

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Change is one entry present in both imports whose content differs.
type Change struct {
	Old, New Party
	Fields   []string // which fields differ: "name", "aliases", "programmes"...
}

// Changes is what one import of a list brings compared with the last.
type Changes struct {
	Added   []Party
	Removed []Party
	Changed []Change
}

// Empty reports whether nothing changed.
func (c Changes) Empty() bool {
	return len(c.Added) == 0 && len(c.Removed) == 0 && len(c.Changed) == 0
}

// Diff compares two imports of a list by Party.ID. Results are in ID order so
// that a diff, its alerts and their keys are the same every time.
func Diff(old, new []Party) Changes {
	before := make(map[string]*Party, len(old))
	for i := range old {
		before[old[i].ID] = &old[i]
	}
	var ch Changes
	for i := range new {
		p := &new[i]
		o, ok := before[p.ID]
		delete(before, p.ID)
		if !ok {
			ch.Added = append(ch.Added, *p)
		} else if f := changedFields(o, p); len(f) > 0 {
			ch.Changed = append(ch.Changed, Change{Old: *o, New: *p, Fields: f})
		}
	}
	for _, o := range before {
		ch.Removed = append(ch.Removed, *o)
	}
	byID := func(a, b Party) int { return cmp.Compare(a.ID, b.ID) }
	slices.SortFunc(ch.Added, byID)
	slices.SortFunc(ch.Removed, byID)
	slices.SortFunc(ch.Changed, func(a, b Change) int { return cmp.Compare(a.New.ID, b.New.ID) })
	return ch
}

// changedFields names the fields in which two versions of an entry differ.
// Order within lists is ignored: lists reorder aliases between releases.
func changedFields(a, b *Party) []string {
	var f []string
	add := func(name string, differ bool) {
		if differ {
			f = append(f, name)
		}
	}
	add("name", a.Name != b.Name)
	add("kind", a.Kind != b.Kind)
	add("aliases", !sameSet(a.Aliases, b.Aliases, func(x Alias) string { return x.Quality + ":" + x.Name }))
	add("programmes", !sameSet(a.Programmes, b.Programmes, strings.ToUpper))
	add("nationality", !sameSet(a.Nationality, b.Nationality, strings.ToUpper))
	add("countries", !sameSet(a.Countries, b.Countries, strings.ToUpper))
	add("identifiers", !sameSet(a.Identifiers, b.Identifiers, func(x Identifier) string { return x.Type + ":" + x.Value }))
	add("listed", !a.Listed.Equal(b.Listed))
	return f
}

func sameSet[T any](a, b []T, key func(T) string) bool {
	if len(a) != len(b) {
		return false
	}
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i := range a {
		ka[i], kb[i] = key(a[i]), key(b[i])
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(ka, kb)
}

// ProgrammeSummary counts the changes under one programme.
type ProgrammeSummary struct {
	Programme               string
	Added, Removed, Changed int
}

// Summary counts changes per programme (an entry's first programme; "" when
// it has none), in programme order.
func (c Changes) Summary() []ProgrammeSummary {
	m := map[string]*ProgrammeSummary{}
	get := func(p Party) *ProgrammeSummary {
		s, ok := m[p.Programme()]
		if !ok {
			s = &ProgrammeSummary{Programme: p.Programme()}
			m[p.Programme()] = s
		}
		return s
	}
	for _, p := range c.Added {
		get(p).Added++
	}
	for _, p := range c.Removed {
		get(p).Removed++
	}
	for _, x := range c.Changed {
		get(x.New).Changed++
	}
	out := make([]ProgrammeSummary, 0, len(m))
	for _, s := range m {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b ProgrammeSummary) int { return cmp.Compare(a.Programme, b.Programme) })
	return out
}

// String is a one-line summary: "+3 -1 ~2 (1718: +3; IRAN: -1 ~2)".
func (c Changes) String() string {
	var parts []string
	for _, s := range c.Summary() {
		parts = append(parts, fmt.Sprintf("%s: +%d -%d ~%d", cmp.Or(s.Programme, "none"), s.Added, s.Removed, s.Changed))
	}
	return fmt.Sprintf("+%d -%d ~%d (%s)", len(c.Added), len(c.Removed), len(c.Changed), strings.Join(parts, "; "))
}
