package replay_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/replay"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/rules/labelled"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

const benchStories = 100_000

// benchHistory is a state file of 100,000 stories built once per run from
// the labelled sets (realistic headlines and summaries, both relevant and
// look-alikes), repeated under distinct keys.
var benchHistory struct {
	once    sync.Once
	dir     string
	stories []story.Story
	bytes   int64
	err     error
}

func openHistory(b *testing.B) (*store.Store, []story.Story, int64) {
	b.Helper()
	benchHistory.once.Do(func() { benchHistory.err = buildHistory() })
	if benchHistory.err != nil {
		b.Fatal(benchHistory.err)
	}
	st, err := store.Open(context.Background(), filepath.Join(benchHistory.dir, "state.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st, benchHistory.stories, benchHistory.bytes
}

func buildHistory() error {
	base, err := labelledStories()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "replay-bench")
	if err != nil {
		return err
	}
	benchHistory.dir = dir
	st, err := store.Open(context.Background(), filepath.Join(dir, "state.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	st.SetTextCap(64 << 10)
	all := make([]story.Story, benchStories)
	for i := range all {
		s := base[i%len(base)]
		s.FeedID, s.Key = fmt.Sprintf("feed%d", i%50), fmt.Sprintf("k%d", i)
		all[i] = s
		benchHistory.bytes += int64(len(s.Title) + len(s.Summary))
	}
	benchHistory.stories = all
	for start := 0; start < len(all); start += 5000 {
		batch := all[start:min(start+5000, len(all))]
		if _, err := st.CommitPoll(context.Background(), store.Poll{Feed: store.FeedState{ID: batch[0].FeedID}, Stories: batch}); err != nil {
			return err
		}
	}
	return nil
}

func labelledStories() ([]story.Story, error) {
	files, _ := filepath.Glob(filepath.Join("..", "rules", "testdata", "eval", "*.yaml"))
	var out []story.Story
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		set, err := labelled.Parse(f, data)
		if err != nil {
			return nil, err
		}
		for _, ls := range set {
			out = append(out, ls.Story())
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no labelled stories")
	}
	return out, nil
}

func packRules(b *testing.B) *rules.RuleSet {
	rs, err := rules.Compile(rules.DefaultPack(), rules.Env{})
	if err != nil {
		b.Fatal(err)
	}
	return rs
}

func matcher(rs *rules.RuleSet) replay.Classifier {
	return func(s *story.Story) []story.Match { return rs.Match(s) }
}

// BenchmarkReplay100k replays the default pack over 100,000 stored
// stories: reading them from SQLite and matching them.
func BenchmarkReplay100k(b *testing.B) {
	st, _, size := openHistory(b)
	classify := matcher(packRules(b))
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				r, err := replay.Run(context.Background(), st, classify, replay.Options{Since: time.Time{}, Workers: workers})
				if err != nil || r.Stories != benchStories {
					b.Fatalf("%v, %d stories", err, r.Stories)
				}
			}
			b.ReportMetric(float64(benchStories*b.N)/b.Elapsed().Seconds(), "stories/s")
		})
	}
}

// BenchmarkReplayMatcherAlone is the floor: the same stories matched from
// memory on one goroutine, with no store.
func BenchmarkReplayMatcherAlone(b *testing.B) {
	_, stories, size := openHistory(b)
	rs := packRules(b)
	b.SetBytes(size)
	for b.Loop() {
		for i := range stories {
			rs.Match(&stories[i])
		}
	}
	b.ReportMetric(float64(benchStories*b.N)/b.Elapsed().Seconds(), "stories/s")
}

// BenchmarkReplayStoreAlone reads the stories from SQLite and does nothing
// with them: the store's share of a replay.
func BenchmarkReplayStoreAlone(b *testing.B) {
	st, _, size := openHistory(b)
	b.SetBytes(size)
	for b.Loop() {
		n := 0
		if err := st.EachStoryText(context.Background(), time.Time{}, func(store.StoredStory) error { n++; return nil }); err != nil || n != benchStories {
			b.Fatalf("%v, %d", err, n)
		}
	}
	b.ReportMetric(float64(benchStories*b.N)/b.Elapsed().Seconds(), "stories/s")
}
