package rules

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sanctionwatch/sanctionwatch/rules/query"
	"github.com/sanctionwatch/sanctionwatch/story"
	"github.com/sanctionwatch/sanctionwatch/unsc"
)

// explain turns the occurrences that made rule r fire into a Match.
func (rs *RuleSet) explain(r *rule, sc *scratch, hits []int32) story.Match {
	m := story.Match{RuleID: r.id, Title: r.title, Severity: r.severity, Routes: r.routes, Tags: r.tags}
	m.Hits = rs.hits(r, sc, hits)
	m.Snippet = snippet(sc, m.Hits)
	return m
}

// maxHits bounds the evidence kept per match: a story that repeats a term
// ten thousand times needs a few of them shown, not all.
const maxHits = 64

// hits describes occurrences, once each, in field and text order.
func (rs *RuleSet) hits(r *rule, sc *scratch, idx []int32) []story.Hit {
	sort.Slice(idx, func(i, j int) bool {
		a, b := &sc.occs[idx[i]], &sc.occs[idx[j]]
		if a.field != b.field {
			return a.field < b.field
		}
		if a.start != b.start {
			return a.start < b.start
		}
		return a.end > b.end // the longer hit first at the same start
	})
	out := make([]story.Hit, 0, len(idx))
	for k, i := range idx {
		if k > 0 && idx[k-1] == i {
			continue
		}
		o := &sc.occs[i]
		h := story.Hit{Field: story.Fields[o.field], Start: int(o.start), End: int(o.end),
			Text: sc.texts[o.field][o.start:o.end]}
		rs.describe(r, o, &h)
		// "artillery" inside "artillery rounds" is the same evidence: keep
		// the longest hit that covers a span.
		if n := len(out); n > 0 && out[n-1].Field == h.Field && h.End <= out[n-1].End {
			continue
		}
		out = append(out, h)
	}
	return trimHits(out)
}

// trimHits keeps at most maxHits: first one hit of each distinct piece of
// evidence (each entity, list term, resolution), rarer kinds first, then
// repeats; the kept hits stay in text order.
func trimHits(hits []story.Hit) []story.Hit {
	if len(hits) <= maxHits {
		return hits
	}
	seen := map[string]bool{}
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	pass := make([]int, len(hits)) // 0: first of its kind, 1: repeat
	for i, h := range hits {
		key := string(h.Source) + "\x00" + h.Ref + "\x00" + h.Term
		if seen[key] {
			pass[i] = 1
		}
		seen[key] = true
	}
	sort.SliceStable(order, func(a, b int) bool {
		ha, hb := order[a], order[b]
		if pass[ha] != pass[hb] {
			return pass[ha] < pass[hb]
		}
		return hitRank(hits[ha]) < hitRank(hits[hb])
	})
	keep := order[:maxHits]
	sort.Ints(keep)
	out := make([]story.Hit, len(keep))
	for i, k := range keep {
		out[i] = hits[k]
	}
	return out
}

func hitRank(h story.Hit) int {
	switch h.Source {
	case story.SourceResolution:
		return 0
	case story.SourceEntity:
		return 1
	case story.SourceTerm, story.SourceRegex:
		return 2
	}
	return 3
}

// describe fills in where a hit came from: the list, entity, resolution or
// query term that made it count for rule r.
func (rs *RuleSet) describe(r *rule, o *occ, h *story.Hit) {
	switch o.kind {
	case occResolution:
		h.Source, h.Term, h.Name = story.SourceResolution, "resolution", "UNSC resolutions"
		if o.res == 0 {
			return
		}
		h.Ref = strconv.Itoa(int(o.res))
		h.Term, h.Name = "resolution "+h.Ref, "UNSC resolution "+h.Ref
		if reg, ok := unsc.ByResolution(int(o.res)); ok {
			h.Detail = "regime " + reg.Title
		}
		return
	case occRegexp:
		h.Source, h.Term = story.SourceRegex, h.Text
		return
	}
	h.Term = rs.termText(o.term)
	for _, ref := range rs.leafRefs.of(o.term) {
		if rs.rules[ref.rule] != r {
			continue
		}
		l := r.leaves[ref.leaf]
		h.Source, h.Ref = l.source, l.ref
		return
	}
	for _, gt := range rs.termGroups.of(o.term) {
		for _, rl := range rs.groupLeaves.of(gt.group) {
			if rs.rules[rl.rule] != r {
				continue
			}
			l := r.leaves[rl.leaf]
			h.Source, h.Ref = l.source, l.ref
			if slot := rs.groupEnt[gt.group]; slot >= 0 {
				e := rs.ents[slot]
				h.Ref, h.Name, h.Detail = e.ID, e.Name, e.detail()
			}
			return
		}
	}
	h.Source = story.SourceTerm
}

// nearMiss reports the top-level clauses of r that failed on this story.
func (rs *RuleSet) nearMiss(r *rule, sc *scratch, st *evalState) NearMiss {
	nm := NearMiss{RuleID: r.id}
	clauses := []cnode{r.root}
	if and, ok := r.root.(*andNode); ok {
		clauses = and.xs
	}
	var seen []int32
	for i, c := range clauses {
		if ok, _ := c.eval(st); !ok {
			r.clauses.once.Do(func() { r.clauses.texts = clauseTexts(r, len(clauses)) })
			nm.Failed = append(nm.Failed, clip(r.clauses.texts[i], 160))
		}
	}
	for _, l := range st.leaves {
		seen = append(seen, l...)
	}
	nm.Hits = rs.hits(r, sc, seen)
	return nm
}

// clauseTexts returns the n top-level clauses of r's query as written
// (the query itself when it is not an AND), read again from its text: a
// compiled rule keeps no syntax tree, which only near misses show and which
// was a tenth of the default pack's compiled set. The rule keeps what it
// returns (see rule.clauses): reading the query at every near miss made
// explaining a story several times slower. A rule turned off shows
// "disabled".
func clauseTexts(r *rule, n int) []string {
	out := make([]string, n)
	if _, off := r.root.(disabledNode); off {
		return slices.Repeat([]string{"disabled"}, n)
	}
	ast, err := query.Parse(r.query)
	if err != nil {
		return out // it parsed when it compiled
	}
	// Scopes compile to what they scope (see builder.build).
	for sc, ok := ast.(*query.Scope); ok; sc, ok = ast.(*query.Scope) {
		ast = sc.X
	}
	if and, ok := ast.(*query.And); ok && len(and.Xs) == n && isAnd(r.root) {
		for i, x := range and.Xs {
			out[i] = x.String()
		}
		return out
	}
	out[0] = ast.String()
	return out
}

func isAnd(n cnode) bool {
	_, ok := n.(*andNode)
	return ok
}

// Snippet sizes, in characters: enough context for a reader to judge the
// hit, short enough for a Discord embed.
const (
	snippetBefore = 100
	snippetLen    = 320
)

// snippet cuts the most telling passage around the hits and wraps each hit
// in story.MarkOpen/MarkClose. It prefers the summary or content, where
// the context is, over the title, which alerts show anyway.
func snippet(sc *scratch, hits []story.Hit) string {
	field := pickField(hits)
	text := sc.texts[fieldIndex(field)]
	if text == "" {
		return ""
	}
	var spans [][2]int
	for _, h := range hits {
		if h.Field == field {
			spans = append(spans, [2]int{h.Start, h.End})
		}
	}
	from := 0
	if len(spans) > 0 {
		from = backChars(text, spans[0][0], snippetBefore)
	}
	to := forwardChars(text, from, snippetLen)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	at := from
	for _, sp := range spans {
		if sp[0] < at || sp[1] > to {
			continue
		}
		b.WriteString(text[at:sp[0]])
		b.WriteString(story.MarkOpen + text[sp[0]:sp[1]] + story.MarkClose)
		at = sp[1]
	}
	b.WriteString(text[at:to])
	if to < len(text) {
		b.WriteString("…")
	}
	return oneLine(b.String())
}

// oneLine collapses each run of white space to one space: paragraph
// breaks and indentation mean nothing in a one-line excerpt.
func oneLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	run := -1 // start of the current run of non-space text
	flush := func(end int) {
		if run < 0 {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToValidUTF8(s[run:end], "\uFFFD")) // keep the excerpt valid UTF-8
		run = -1
	}
	for i := 0; i < len(s); {
		c, size := s[i], 1
		var isSpace bool
		if c < utf8.RuneSelf {
			isSpace = c == ' ' || c >= '\t' && c <= '\r'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		switch {
		case isSpace:
			flush(i)
		case run < 0:
			run = i
		}
		i += size
	}
	flush(len(s))
	return b.String()
}

func pickField(hits []story.Hit) story.Field {
	count := map[story.Field]int{}
	for _, h := range hits {
		count[h.Field]++
	}
	best, n := story.FieldTitle, 0
	for _, f := range []story.Field{story.FieldSummary, story.FieldContent} {
		if count[f] > n {
			best, n = f, count[f]
		}
	}
	if n == 0 && len(hits) > 0 && count[story.FieldTitle] == 0 {
		best = hits[0].Field
	}
	return best
}

func fieldIndex(f story.Field) int {
	for i, g := range story.Fields {
		if g == f {
			return i
		}
	}
	return 0
}

// backChars steps back up to n characters from i, to a word start.
func backChars(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	if i == 0 {
		return 0
	}
	if sp := strings.IndexByte(s[i:], ' '); sp >= 0 && sp < 20 {
		return i + sp + 1
	}
	return i
}

// forwardChars steps forward up to n characters from i, back to a word end.
func forwardChars(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if i >= len(s) {
		return len(s)
	}
	if sp := strings.LastIndexByte(s[:i], ' '); sp > 0 && i-sp < 20 {
		return sp
	}
	return i
}

// clip shortens a clause for display.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
