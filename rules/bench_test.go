package rules_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/internal/corpuslists"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/story"
)

func compile(tb testing.TB, extra []*rules.Entity, srcs ...rules.Source) *rules.RuleSet {
	tb.Helper()
	rs, err := rules.Compile(srcs, rules.Env{Entities: extra, Lists: []string{"un", "ofac"}})
	if err != nil {
		tb.Fatal(err)
	}
	return rs
}

// benchStories reads the benchmark stories: realistic English news items
// of about 1.3-2 KB, title first, separated by "===" lines.
func benchStories(tb testing.TB) []story.Story {
	tb.Helper()
	return readStories(tb, "stories.txt")
}

// readStories reads a file of testdata/bench: stories, title first,
// separated by "===" lines.
func readStories(tb testing.TB, name string) []story.Story {
	tb.Helper()
	data, err := os.ReadFile("testdata/bench/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	var out []story.Story
	for _, part := range strings.Split(string(data), "\n===\n") {
		title, body, _ := strings.Cut(strings.TrimSpace(part), "\n")
		out = append(out, story.Story{Title: title, Content: body})
	}
	return out
}

func storyBytes(ss []story.Story) int64 {
	n := 0
	for _, s := range ss {
		n += len(s.Title) + len(s.Content)
	}
	return int64(n)
}

// syntheticTerms makes n distinct one- to three-word terms from a syllable
// alphabet, like transliterated names on a sanctions list. A few real words
// are mixed in so that some rules fire on the stories.
func syntheticTerms(n int, r *rand.Rand) []string {
	syl := []string{"ka", "ro", "vel", "min", "tor", "sha", "lu", "dek", "ar", "zim", "po", "nel", "ba", "qui", "sor", "ten"}
	word := func() string {
		w := ""
		for k := 2 + r.IntN(2); k > 0; k-- {
			w += syl[r.IntN(len(syl))]
		}
		return w
	}
	seen := map[string]bool{}
	out := []string{"artillery rounds", "tankers", "restrictive measures", "transponder", "price cap"}
	for _, t := range out {
		seen[t] = true
	}
	for len(out) < n {
		t := word()
		for k := r.IntN(3); k > 0; k-- {
			t += " " + word()
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out[:n]
}

// syntheticRules writes a rule file with the terms split into lists of 50
// and one rule per list, so the rule count grows with the term count.
func syntheticRules(terms []string) rules.Source {
	var b strings.Builder
	b.WriteString("lists:\n")
	nLists := (len(terms) + 49) / 50
	for l := 0; l < nLists; l++ {
		fmt.Fprintf(&b, "  l%d:\n", l)
		for _, t := range terms[l*50 : min(len(terms), (l+1)*50)] {
			fmt.Fprintf(&b, "    - %s\n", t)
		}
	}
	b.WriteString("rules:\n")
	for l := 0; l < nLists; l++ {
		fmt.Fprintf(&b, "  - id: r%d\n    severity: low\n    query: '$l%d AND (NOT ignored OR $l%d NEAR/5 $l%d)'\n", l, l, l, (l+1)%nLists)
	}
	return rules.Source{Name: "bench.yaml", Data: []byte(b.String())}
}

func BenchmarkMatch(b *testing.B) {
	stories := benchStories(b)
	for _, n := range []int{100, 1000, 10000, 50000} {
		terms := syntheticTerms(n, rand.New(rand.NewPCG(1, uint64(n))))
		rs := compile(b, nil, syntheticRules(terms))
		b.Run(fmt.Sprintf("terms=%d", n), func(b *testing.B) { benchMatch(b, rs, stories) })
	}
	pack := compile(b, nil, rules.DefaultPack()...)
	b.Run("pack=default", func(b *testing.B) { benchMatch(b, pack, stories) })
	// With explanations, as `test` and `replay --explain` ask: near misses
	// and snippets on top of the match.
	b.Run("pack=default/explain", func(b *testing.B) {
		b.SetBytes(storyBytes(stories))
		b.ReportAllocs()
		for b.Loop() {
			for i := range stories {
				pack.MatchWith(&stories[i], rules.MatchOptions{Explain: true})
			}
		}
	})
	// The same pack on news in each script, to compare with English: the
	// stories say much the same things in each language.
	for _, text := range []struct{ name, file string }{
		{"english", "stories.txt"}, {"cyrillic", "stories-ru.txt"}, {"hangul", "stories-ko.txt"},
		{"cjk", "stories-zh.txt"}, {"arabic", "stories-ar.txt"},
	} {
		stories := readStories(b, text.file)
		b.Run("text="+text.name, func(b *testing.B) { benchMatch(b, pack, stories) })
	}
	b.Run("lists=un+ofac", func(b *testing.B) {
		benchMatch(b, compile(b, listEntities(b), append(rules.DefaultPack(), listRule)...), stories)
	})
}

func benchMatch(b *testing.B, rs *rules.RuleSet, stories []story.Story) {
	b.SetBytes(storyBytes(stories))
	b.ReportAllocs()
	for b.Loop() {
		for i := range stories {
			rs.Match(&stories[i])
		}
	}
}

// BenchmarkBaselineLower is the practical floor: one bytes.ToLower pass
// over the same stories.
func BenchmarkBaselineLower(b *testing.B) {
	stories := benchStories(b)
	texts := make([][]byte, len(stories))
	for i, s := range stories {
		texts[i] = []byte(s.Title + "\n" + s.Content)
	}
	b.SetBytes(storyBytes(stories))
	for b.Loop() {
		for _, t := range texts {
			bytes.ToLower(t)
		}
	}
}

// BenchmarkBaselineRegexp is what typical filter bots do: one
// case-insensitive alternation of all terms with word boundaries.
func BenchmarkBaselineRegexp(b *testing.B) {
	stories := benchStories(b)
	for _, n := range []int{100, 1000} {
		terms := syntheticTerms(n, rand.New(rand.NewPCG(1, uint64(n))))
		quoted := make([]string, len(terms))
		for i, t := range terms {
			quoted[i] = regexp.QuoteMeta(t)
		}
		re := regexp.MustCompile(`(?i)\b(` + strings.Join(quoted, "|") + `)\b`)
		b.Run(fmt.Sprintf("terms=%d", n), func(b *testing.B) {
			b.SetBytes(storyBytes(stories))
			for b.Loop() {
				for _, s := range stories {
					re.FindAllStringIndex(s.Title, -1)
					re.FindAllStringIndex(s.Content, -1)
				}
			}
		})
	}
}

var listRule = rules.Source{Name: "lists.yaml", Data: []byte(`rules:
  - id: listed
    severity: high
    query: '@list:un OR @list:ofac'
`)}

// listEntities loads the real UN consolidated list and the OFAC SDN list
// from the shared corpus as rule entities.
func listEntities(b *testing.B) []*rules.Entity { return corpuslists.Entities(b) }

// BenchmarkCompileLists measures loading the UN and OFAC lists into a rule
// set, and the heap the compiled set holds.
func BenchmarkCompileLists(b *testing.B) {
	ents := listEntities(b)
	var rs *rules.RuleSet
	for b.Loop() {
		rs = compile(b, ents, append(rules.DefaultPack(), listRule)...)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
	b.ReportMetric(float64(rs.Stats().Terms), "terms")
}

// BenchmarkCompilePack measures compiling the default pack, with the heap
// the compiled set holds: the cost of every start and reload. The English
// pack alone (rules/pack/*.yaml, without the language files) runs beside
// it, so that the languages' share shows in one run. The budget (the whole
// pack within 1.5x of the compile before the languages) is measured
// against that older code built separately; docs/benchmarks.md says how.
func BenchmarkCompilePack(b *testing.B) {
	all := rules.DefaultPack()
	var english []rules.Source
	for _, src := range all {
		if !strings.Contains(src.Name, "/lang/") {
			english = append(english, src)
		}
	}
	b.Run("pack=english", func(b *testing.B) { benchCompile(b, english) })
	b.Run("pack=all", func(b *testing.B) { benchCompile(b, all) })
}

func benchCompile(b *testing.B, srcs []rules.Source) {
	b.ReportAllocs()
	var rs *rules.RuleSet
	cpu0, cpuOK := processCPU()
	for b.Loop() {
		rs = compile(b, nil, srcs...)
	}
	if cpu1, ok := processCPU(); ok && cpuOK {
		// CPU per compile beside wall time: a parallel compile must not
		// buy its wall time with more work, and CPU varies less here.
		b.ReportMetric(float64(cpu1-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	keep := compile(b, nil, srcs...)
	runtime.GC()
	runtime.ReadMemStats(&after)
	// Live bytes, not heap spans in use: spans half filled by the garbage
	// of the compile made the figure wander by a fifth between runs.
	// Signed: a collection that frees more than the set holds must show
	// as a bad reading, not as 16 EiB.
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "set-MiB")
	b.ReportMetric(float64(rs.Stats().Terms), "terms")
	runtime.KeepAlive(keep)
}
