package events

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/feed"
	"github.com/sanctionwatch/sanctionwatch/internal/corpus"
	"github.com/sanctionwatch/sanctionwatch/internal/corpuslists"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/story"
)

var update = flag.Bool("update", false, "rewrite testdata/corpus-merges.golden")

// corpusPack is the default pack with the real UN and OFAC lists and a
// rule per list, as a daemon configured with them runs.
func corpusPack(t *testing.T) *rules.RuleSet {
	env := rules.Env{Entities: corpuslists.Entities(t), Lists: []string{"un", "ofac"}}
	for _, l := range env.Lists {
		env.Generated = append(env.Generated, rules.Spec{ID: "listed-" + l, Severity: "high", Query: "@list:" + l})
	}
	rs, err := rules.Compile(rules.DefaultPack(), env)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// corpusAlerts reads every item of the real feeds once per outlet (a feed
// captured twice is one outlet) and keeps those the rules alert on, in
// publication order.
func corpusAlerts(t *testing.T, dir string, rs *rules.RuleSet) []story.Story {
	files, _ := filepath.Glob(filepath.Join(dir, "feeds", "*"))
	seen := map[string]bool{}
	var out []story.Story
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		outlet, _, _ := strings.Cut(filepath.Base(f), "-")
		doc, err := feed.Parse(feed.Source{ID: outlet, Name: outlet}, body, time.Now())
		if err != nil {
			continue // the parse test reports unreadable captures
		}
		for _, s := range doc.Stories() {
			if seen[outlet+"\x00"+s.Key] || len(rs.Match(&s)) == 0 {
				continue
			}
			seen[outlet+"\x00"+s.Key] = true
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Published.Before(out[j].Published) })
	return out
}

// TestRealFeedsEvents groups the alerts the real feeds raise and compares
// every merge with the reviewed list in testdata: a change in grouping
// shows up as a diff to review, not silently.
func TestRealFeedsEvents(t *testing.T) {
	dir := corpus.Path(t, "corpus")
	rs := corpusPack(t)
	alerts := corpusAlerts(t, dir, rs)
	g, err := NewGrouper(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	byEvent := map[string][]story.Story{}
	var order []string
	for i := range alerts {
		s := &alerts[i]
		r := Report{Feed: s.FeedID, Key: s.Key, Published: s.Published, Features: Extract(s, rs.Evidence(s), DefaultConfig().WeaponLists)}
		err := g.Assign([]Report{r}, func(as []Assignment) error {
			if byEvent[as[0].Event] == nil {
				order = append(order, as[0].Event)
			}
			byEvent[as[0].Event] = append(byEvent[as[0].Event], *s)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d alerts, %d events\n", len(alerts), len(order))
	if testing.Verbose() {
		for _, s := range alerts {
			t.Logf("alert %s %s: %s", s.Published.UTC().Format("2006-01-02 15:04"), s.FeedID, s.Title)
		}
	}
	for _, id := range order {
		if reports := byEvent[id]; len(reports) > 1 {
			fmt.Fprintf(&b, "event of %d reports:\n", len(reports))
			for _, s := range reports {
				fmt.Fprintf(&b, "  %s %s: %s\n", s.Published.UTC().Format("2006-01-02 15:04"), s.FeedID, s.Title)
			}
		}
	}
	t.Log("\n" + b.String())
	golden := filepath.Join("testdata", "corpus-merges.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read %s (run with -update to create it): %v", golden, err)
	}
	if string(want) != b.String() {
		t.Errorf("grouping of the real feeds changed; review and run with -update:\n%s", b.String())
	}
}
