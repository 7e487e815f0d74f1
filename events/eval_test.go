package events

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// labelledSet is a grouping set: events, each told by one or more reports.
type labelledSet struct {
	Events []struct {
		ID      string `yaml:"id"`
		About   string `yaml:"about"`
		Reports []struct {
			Feed      string    `yaml:"feed"`
			Lang      string    `yaml:"lang"`
			Published time.Time `yaml:"published"`
			Title     string    `yaml:"title"`
			Summary   string    `yaml:"summary"`
		} `yaml:"reports"`
	} `yaml:"events"`
}

// labelled is one report with its true event.
type labelled struct {
	gold string
	s    story.Story
}

func loadSet(t testing.TB, name string) []labelled {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var set labelledSet
	if err := yaml.Unmarshal(data, &set); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []labelled
	for _, ev := range set.Events {
		for i, r := range ev.Reports {
			out = append(out, labelled{gold: ev.ID, s: story.Story{FeedID: r.Feed, FeedName: r.Feed,
				Key: fmt.Sprintf("%s/%d", ev.ID, i), Title: r.Title, Summary: r.Summary,
				Published: r.Published, Lang: r.Lang}})
		}
	}
	// Stories are taken in publication order, as a daemon would see them.
	sort.SliceStable(out, func(i, j int) bool { return out[i].s.Published.Before(out[j].s.Published) })
	return out
}

var packOnce = sync.OnceValues(func() (*rules.RuleSet, error) { return rules.Compile(rules.DefaultPack(), rules.Env{}) })

func defaultPack(t testing.TB) *rules.RuleSet {
	t.Helper()
	rs, err := packOnce()
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// groupAll places every report, one at a time, and returns the event ids.
func groupAll(t testing.TB, cfg Config, set []labelled) []string {
	t.Helper()
	ids, _ := groupExplained(t, cfg, set)
	return ids
}

// scores are the grouping measures: over pairs of reports, the share of
// pairs put together that belong together (precision) and of pairs that
// belong together that were put together (recall); and per true event, how
// many messages (predicted events) its reports made.
type scores struct {
	precision, recall, messages float64
	truePairs, predPairs, hits  int
	falseMerges, splits         []string
	// The same over pairs of reports in one language, and in two.
	same, cross pairScores
}

type pairScores struct{ truePairs, predPairs, hits int }

func (p *pairScores) add(gold, got bool) {
	if gold {
		p.truePairs++
	}
	if got {
		p.predPairs++
	}
	if gold && got {
		p.hits++
	}
}

func (p pairScores) String() string {
	return fmt.Sprintf("precision %.3f (%d/%d), recall %.3f (%d/%d)", ratio(p.hits, p.predPairs), p.hits, p.predPairs,
		ratio(p.hits, p.truePairs), p.hits, p.truePairs)
}

func score(set []labelled, pred []string) scores {
	var sc scores
	for i := range set {
		for j := i + 1; j < len(set); j++ {
			gold, got := set[i].gold == set[j].gold, pred[i] == pred[j]
			if set[i].s.Lang == set[j].s.Lang {
				sc.same.add(gold, got)
			} else {
				sc.cross.add(gold, got)
			}
			switch {
			case gold && got:
				sc.hits++
			case got:
				sc.falseMerges = append(sc.falseMerges, fmt.Sprintf("%s %q + %s %q", set[i].gold, set[i].s.Title, set[j].gold, set[j].s.Title))
			case gold:
				sc.splits = append(sc.splits, fmt.Sprintf("%s: %q | %q", set[i].gold, set[i].s.Title, set[j].s.Title))
			}
			if gold {
				sc.truePairs++
			}
			if got {
				sc.predPairs++
			}
		}
	}
	sc.precision, sc.recall = ratio(sc.hits, sc.predPairs), ratio(sc.hits, sc.truePairs)
	msgs := map[string]map[string]bool{}
	for i, l := range set {
		if msgs[l.gold] == nil {
			msgs[l.gold] = map[string]bool{}
		}
		msgs[l.gold][pred[i]] = true
	}
	total := 0
	for _, m := range msgs {
		total += len(m)
	}
	sc.messages = float64(total) / float64(len(msgs))
	return sc
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// The targets: a false merge hides a story and fakes corroboration, so
// precision is held higher than recall.
const (
	minPrecision = 0.98
	minRecall    = 0.80
	maxMessages  = 1.2
)

// guards are the floors a set is held to. The dev set, tuned on, must meet
// the targets. The blind sets do not reach the recall and messages
// targets (see docs/events.md: reports that tell different facts of one
// happening); their guards are the measured scores, precision and recall
// rounded down and messages up to three decimals, so that a change can
// only make them better. All four sets are now tuned on: a fresh held-out
// set is the estimate for unseen news.
var guards = map[string]struct{ precision, recall, messages float64 }{
	"dev.yaml": {minPrecision, minRecall, maxMessages},
	// The first blind set: 200/238 pairs, none false, 1.122 messages
	// (182/238 and 1.162 before the action signature).
	"blind.yaml": {1.000, 0.840, 1.123},
	// The second blind set, written later by someone who had not seen the
	// rule (first score 0.857/0.538/1.47); its floors are its score after
	// the precision guards were tuned on it (123/128 and 123/223 pairs,
	// 1.458 messages), then the action signature: 135/140 and 135/223
	// pairs, 1.394 messages; with meetings among its kinds 136/141 and
	// 136/223, 1.387; with Ukrainian scale words 138/143 and 138/223,
	// 1.373; with the country a group holds 140/145 and 140/223, 1.366;
	// with purchases, rulings and releases among the kinds 141/146, 1.359;
	// with two concepts alone asking for 0.25 across languages 141/145.
	"blind2.yaml": {0.972, 0.632, 1.360},
	// The third blind set, written by someone who had not seen the rule:
	// 0.754/0.413/1.59 at first; 0.936/0.423/1.57 after the precision
	// guards (whose author was shown the titles of its false merges,
	// nothing else); 94/99 and 94/208 pairs, 1.543 messages after the
	// action signature, its last score as a held-out set. Tuned on since:
	// 95/100 with the Arabic denial forms ending their word, 99/104 with
	// purchases, rulings and releases among the kinds, 99/101 and 1.512
	// messages with a government's act in a background told as before;
	// 100/102 and 1.504 with a number after a capitalised word counting
	// nothing ("Office 313").
	"blind3.yaml": {0.980, 0.480, 1.505},
	// The fourth blind set, written the same way and held out: scored,
	// never studied or tuned on. First score 129/150 and 129/241 pairs,
	// 1.469 messages, on the rule as blind3 was opened to tuning; 123/143
	// and 123/241, 1.508 messages after that tuning.
	"blind4.yaml": {0.860, 0.510, 1.509},
}

func TestGroupingOnLabelledSets(t *testing.T) {
	for _, name := range []string{"dev.yaml", "blind.yaml", "blind2.yaml", "blind3.yaml", "blind4.yaml"} {
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			set := loadSet(t, name)
			ids, pls := groupExplained(t, DefaultConfig(), set)
			sc := score(set, ids)
			t.Logf("%d reports: precision %.3f (%d/%d pairs), recall %.3f (%d/%d), %.3f messages per event",
				len(set), sc.precision, sc.hits, sc.predPairs, sc.recall, sc.hits, sc.truePairs, sc.messages)
			t.Logf("pairs in one language: %s; in two: %s", sc.same, sc.cross)
			byCause := explain(t, set, ids, pls)
			t.Logf("splits by cause: %s", causeTable(byCause))
			g := guards[name]
			if sc.precision < g.precision || sc.recall < g.recall || sc.messages > g.messages {
				t.Errorf("below the floors (precision >= %.3f, recall >= %.3f, messages <= %.3f)", g.precision, g.recall, g.messages)
			}
			if sc.precision < minPrecision || sc.recall < minRecall || sc.messages > maxMessages {
				t.Logf("below the targets (precision >= %.2f, recall >= %.2f, messages <= %.1f)", minPrecision, minRecall, maxMessages)
			}
		})
	}
}

// The same stories always make the same events: ids and the order in which
// candidates are met must not depend on map iteration (before they were
// interned in order, one run in three differed).
func TestGroupingIsDeterministic(t *testing.T) {
	set := loadSet(t, "blind.yaml")
	first := groupAll(t, DefaultConfig(), set)
	for run := range 3 {
		got := groupAll(t, DefaultConfig(), set)
		for i := range got {
			if got[i] != first[i] {
				t.Fatalf("run %d put %q in %s, the first run in %s", run+2, set[i].s.Title, got[i], first[i])
			}
		}
	}
}
