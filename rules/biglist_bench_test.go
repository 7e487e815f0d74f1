package rules_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// bigListSize is the size of OpenSanctions' full sanctions collection in
// round numbers: the case a compliance team loads.
const bigListSize = 500_000

// Syllables per script, so that generated names have the shapes of real
// listed names: Latin transliterations, Russian, Arabic and Chinese.
var scriptSyllables = [][]string{
	{"al", "ab", "du", "ka", "mir", "ov", "ra", "sha", "ti", "ven", "zo", "nik", "el", "han", "mu", "sa"},
	{"ал", "ек", "сан", "др", "ов", "ич", "ни", "ко", "ла", "ев", "ми", "ха", "ил", "ре", "ва", "то"},
	{"عب", "د", "ال", "له", "مح", "مد", "حس", "ين", "عل", "ي", "اح", "مد", "سع", "يد", "نو", "ر"},
	{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "明", "华", "强", "伟", "军", "平"},
}

// bigListEntities generates n listed parties: 60% Latin, 15% each
// Cyrillic and Arabic, 10% CJK; one to three aliases of two to four words
// (CJK: two to four characters written as one word, as lists write them).
func bigListEntities(n int) []*rules.Entity {
	r := rand.New(rand.NewPCG(7, 500))
	out := make([]*rules.Entity, 0, n)
	for i := range n {
		script := 0
		switch p := r.IntN(100); {
		case p >= 90:
			script = 3
		case p >= 75:
			script = 2
		case p >= 60:
			script = 1
		}
		e := &rules.Entity{ID: fmt.Sprintf("gen:%d", i), Kind: "person", List: "big",
			Regimes: []string{"gen-" + fmt.Sprint(i%40)}}
		for a := 1 + r.IntN(3); a > 0; a-- {
			e.Aliases = append(e.Aliases, generatedName(r, script))
		}
		e.Name = e.Aliases[0]
		out = append(out, e)
	}
	return out
}

func generatedName(r *rand.Rand, script int) string {
	syl := scriptSyllables[script]
	if script == 3 {
		var b strings.Builder
		for k := 2 + r.IntN(3); k > 0; k-- {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		return b.String()
	}
	words := make([]string, 2+r.IntN(3))
	for w := range words {
		var b strings.Builder
		for k := 2 + r.IntN(2); k > 0; k-- {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		words[w] = b.String()
	}
	return strings.Join(words, " ")
}

var bigListRule = rules.Source{Name: "big.yaml", Data: []byte(`rules:
  - id: listed-big
    severity: high
    query: '@list:big'
`)}

func compileBig(tb testing.TB, ents []*rules.Entity) *rules.RuleSet {
	tb.Helper()
	rs, err := rules.Compile(append(rules.DefaultPack(), bigListRule), rules.Env{Entities: ents, Lists: []string{"big"}})
	if err != nil {
		tb.Fatal(err)
	}
	return rs
}

// bigListSet is compiled once per process, so that -count runs of the
// match benchmarks do not wait for a compile each.
var bigListSet *rules.RuleSet

func bigListCompiled(tb testing.TB, ents []*rules.Entity) *rules.RuleSet {
	if bigListSet == nil {
		bigListSet = compileBig(tb, ents)
	}
	return bigListSet
}

// BenchmarkBigList compiles the default pack with 500,000 generated listed
// names, reports the time and the heap the compiled set holds, then
// matches the benchmark stories against it beside the default pack alone
// (the floor: the same stories, the same rules, without the list).
func BenchmarkBigList(b *testing.B) {
	stories := benchStories(b)
	ents := bigListEntities(bigListSize)
	var rs *rules.RuleSet
	b.Run("compile", func(b *testing.B) {
		for b.Loop() {
			rs = nil
			runtime.GC()
			start := time.Now()
			rs = compileBig(b, ents)
			b.ReportMetric(time.Since(start).Seconds(), "s/compile")
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MiB")
		b.ReportMetric(float64(rs.Stats().Terms), "terms")
	})
	if rs == nil {
		rs = bigListCompiled(b, ents)
	}
	pack := compile(b, nil, rules.DefaultPack()...)
	b.Run("match/pack=default", func(b *testing.B) { benchMatch(b, pack, stories) })
	b.Run("match/list=500k", func(b *testing.B) { benchMatch(b, rs, stories) })
	// On a shared machine the load drifts between two benchmarks run one
	// after the other; matching the same stories with both sets in every
	// round compares them under the same load. "ratio" is the list's
	// throughput as a share of the pack's.
	b.Run("match/paired", func(b *testing.B) {
		b.SetBytes(2 * storyBytes(stories))
		var withPack, withList time.Duration
		for b.Loop() {
			t0 := time.Now()
			for i := range stories {
				pack.Match(&stories[i])
			}
			t1 := time.Now()
			for i := range stories {
				rs.Match(&stories[i])
			}
			withPack, withList = withPack+t1.Sub(t0), withList+time.Since(t1)
		}
		b.ReportMetric(withPack.Seconds()/withList.Seconds(), "ratio")
	})
}

// TestBigListNamesMatch: a generated name of each script is found in a
// story, so the benchmark measures matches that can happen.
func TestBigListNamesMatch(t *testing.T) {
	t.Parallel() // seconds of CPU under -race, independent of the rest
	ents := bigListEntities(2000)
	rs := compileBig(t, ents)
	for _, e := range ents[:200] {
		s := story.Story{Title: "Officials met " + e.Aliases[0] + " yesterday"}
		found := false
		for _, m := range rs.Match(&s) {
			found = found || m.RuleID == "listed-big"
		}
		if !found {
			t.Fatalf("%q not found", e.Aliases[0])
		}
	}
}
