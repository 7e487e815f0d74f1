package events

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// placement is how one report of a labelled set was placed, with what the
// grouper saw of each earlier report of its true event, so that a split
// names its cause and a false merge the evidence that made it.
type placement struct {
	f   Features
	via *member // the member it joined through; nil if it opened an event or joined one as a whole
	sim float64
	// against holds, by index in the set, the verdict against each earlier
	// report of its true event still in the window, and whether that
	// report was among the candidates (see seeds).
	against map[int]verdict
	found   map[int]bool
}

// groupExplained groups set as groupAll does and records each placement.
func groupExplained(t testing.TB, cfg Config, set []labelled) ([]string, []placement) {
	t.Helper()
	g, err := NewGrouper(cfg)
	if err != nil {
		t.Fatal(err)
	}
	rs := defaultPack(t)
	ids := make([]string, len(set))
	pls := make([]placement, len(set))
	members := make([]*member, len(set))
	for j := range set {
		s := &set[j].s
		r := Report{Feed: s.FeedID, Key: s.Key, Published: s.Published, Features: Extract(s, rs.Evidence(s), cfg.WeaponLists)}
		q := g.ix.query(r.Features)
		pl := placement{f: r.Features, against: map[int]verdict{}, found: map[int]bool{}}
		cands := candidates(&g.ix, q)
		for i := range j {
			if set[i].gold == set[j].gold && !members[i].gone {
				pl.against[i], pl.found[i] = g.judge(q, r, members[i]), cands[members[i]]
			}
		}
		_, pl.via, pl.sim = g.best(q, r)
		err := g.Assign([]Report{r}, func(as []Assignment) error { ids[j] = as[0].Event; return nil })
		if err != nil {
			t.Fatal(err)
		}
		ev := g.ix.events[ids[j]].members
		members[j], pls[j] = ev[len(ev)-1], pl
	}
	return ids, pls
}

// candidates returns the members best would weigh q against.
func candidates(ix *index, q *query) map[*member]bool {
	out := map[*member]bool{}
	for _, id := range ix.seeds(q) {
		for _, m := range ix.postings[id] {
			out[m] = true
		}
	}
	return out
}

// splitCause says why the later report j of a true pair was not put with
// the earlier i: a short cause to count, and the details.
func splitCause(set []labelled, pls []placement, i, j int) (cause, detail string) {
	v, ok := pls[j].against[i]
	switch {
	case !ok:
		return "evicted", ""
	case v.outcome == guarded:
		return "guard " + v.guard + " (pair)", ""
	case v.outcome == guardedByEvent:
		return "guard " + v.guard + " (other member)", fmt.Sprintf("against %q", set[memberIndex(set, v.by)].s.Title)
	case v.outcome == tooFar:
		return farCause(v.pair), farDetail(v.pair)
	case v.outcome == joinsMember && !pls[j].found[i]:
		return "not a candidate", farDetail(v.pair)
	case v.outcome == joinsMember:
		where := "a closer event of its own"
		switch k := memberIndex(set, pls[j].via); {
		case pls[j].via == nil:
			where = "an event in other languages, weighed as a whole"
		case k >= 0 && set[k].gold != set[j].gold:
			where = "a closer event of " + set[k].gold
		}
		return "joined " + where, farDetail(v.pair)
	}
	return v.outcome.String(), ""
}

// farCause files a pair under the threshold by what it lacked.
func farCause(p pair) string {
	lang := "one language"
	if p.cross {
		lang = "two languages"
	}
	if p.anchors == 0 || p.cross && p.hard == 0 {
		return "no specific evidence, " + lang
	}
	return "similarity, " + lang
}

// farDetail gives a pair's similarity (raised by the signature, if any)
// against its threshold, and the specific evidence it shares.
func farDetail(p pair) string {
	sig, sim := "", p.sim
	if p.same {
		sig, sim = fmt.Sprintf(" (%.3f ×%.1f signature)", p.sim, sameAction), p.sim*sameAction
	}
	cfg := DefaultConfig()
	return fmt.Sprintf("sim %.3f%s against %.3f, anchors %d, hard %d, named %d", sim, sig, cfg.threshold(p), p.anchors, p.hard, p.named)
}

func memberIndex(set []labelled, m *member) int {
	if m == nil {
		return -1
	}
	for k := range set {
		if set[k].s.Key == m.report.Key && set[k].s.FeedID == m.report.Feed {
			return k
		}
	}
	return -1
}

// shared lists the features two reports share that are no guard, each
// with its boost in a, sorted.
func shared(a, b Features) string {
	var out []string
	for k, w := range a.Keys {
		if _, ok := b.Keys[k]; ok && !kindOf(k).guard() {
			out = append(out, fmt.Sprintf("%s(%.1f)", k, w))
		}
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// explain logs every split with its cause and every false merge with the
// link that made it, and returns the splits counted by cause.
func explain(t *testing.T, set []labelled, ids []string, pls []placement) map[string]int {
	t.Helper()
	byCause := map[string]int{}
	for i := range set {
		for j := i + 1; j < len(set); j++ {
			gold, got := set[i].gold == set[j].gold, ids[i] == ids[j]
			switch {
			case gold && !got:
				cause, detail := splitCause(set, pls, i, j)
				byCause[cause]++
				t.Logf("split %s [%s] %s: %q | %q; shared: %s", set[i].gold, cause, detail, set[i].s.Title, set[j].s.Title,
					shared(pls[j].f, pls[i].f))
			case got && !gold:
				t.Logf("false merge %s %q + %s %q: %s", set[i].gold, set[i].s.Title, set[j].gold, set[j].s.Title, mergeLink(set, pls, i, j))
			}
		}
	}
	return byCause
}

// mergeLink says how the later report j of a false pair came into the
// event of i: through which member, at what similarity, on which shared
// features.
func mergeLink(set []labelled, pls []placement, i, j int) string {
	k := memberIndex(set, pls[j].via)
	if k < 0 {
		return fmt.Sprintf("joined the event as a whole across languages, sim %.3f", pls[j].sim)
	}
	via := "directly"
	if k != i {
		via = fmt.Sprintf("via %s %q", set[k].gold, set[k].s.Title)
	}
	return fmt.Sprintf("%s, sim %.3f; shared: %s", via, pls[j].sim, shared(pls[j].f, pls[k].f))
}

// causeTable lists causes by how many splits they hold, most first.
func causeTable(byCause map[string]int) string {
	causes := make([]string, 0, len(byCause))
	for c := range byCause {
		causes = append(causes, c)
	}
	sort.Slice(causes, func(a, b int) bool {
		if byCause[causes[a]] != byCause[causes[b]] {
			return byCause[causes[a]] > byCause[causes[b]]
		}
		return causes[a] < causes[b]
	})
	var out []string
	for _, c := range causes {
		out = append(out, fmt.Sprintf("%s %d", c, byCause[c]))
	}
	return strings.Join(out, "; ")
}
