// Package replay runs rules again over the stories kept in history and
// compares what they would alert with what did alert: the answer to "what
// would this rule edit have changed?" before or after it is saved.
package replay

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// History is what replay reads from the state file.
type History interface {
	EachStoryText(ctx context.Context, since time.Time, fn func(store.StoredStory) error) error
	AlertedRules(ctx context.Context, since time.Time) (map[store.StoryRef][]string, error)
}

// Classifier returns the matches that would alert on s (after routing), or
// none. It must be safe for concurrent use, as rule sets are.
type Classifier func(s *story.Story) []story.Match

// Options tune a replay.
type Options struct {
	Since   time.Time
	Explain bool // keep the full matches, with evidence, in the report
	Workers int  // stories matched at once; 0 = one per CPU
}

// Item is one story in a report.
type Item struct {
	Feed    string        `json:"feed"`
	Key     string        `json:"key"`
	Title   string        `json:"title"`
	Link    string        `json:"link,omitempty"`
	SeenAt  time.Time     `json:"seen_at"`
	Rules   []string      `json:"rules,omitempty"`  // rules that would fire now
	Before  []string      `json:"before,omitempty"` // rules that fired when it was seen
	Matches []story.Match `json:"matches,omitempty"`
}

// Report is the outcome of a replay.
type Report struct {
	Since   time.Time `json:"since"`
	Stories int       `json:"stories"`
	Would   []Item    `json:"would_alert"`
	New     []Item    `json:"new"`  // would alert now, did not then
	Lost    []Item    `json:"lost"` // alerted then, would not now
}

// Run replays classify over the history since opts.Since. Stories are
// read in order and matched by a pool of workers; the report keeps the
// order in which they were first seen.
func Run(ctx context.Context, h History, classify Classifier, opts Options) (*Report, error) {
	did, err := h.AlertedRules(ctx, opts.Since)
	if err != nil {
		return nil, err
	}
	items, n, err := matchAll(ctx, h, classify, did, opts)
	if err != nil {
		return nil, err
	}
	r := &Report{Since: opts.Since, Stories: n}
	for _, it := range items {
		r.add(it)
	}
	return r, nil
}

// add files one story that alerts then, now, or both.
func (r *Report) add(it Item) {
	if len(it.Rules) > 0 {
		r.Would = append(r.Would, it)
	}
	switch {
	case len(it.Rules) > 0 && len(it.Before) == 0:
		r.New = append(r.New, it)
	case len(it.Rules) == 0 && len(it.Before) > 0:
		r.Lost = append(r.Lost, it)
	}
}

// batchSize is how many stories travel to a worker at once: a channel
// hand-off per story would cost a goroutine wake-up per story.
const batchSize = 256

type job struct {
	seq     int
	stories []store.StoredStory
}

type result struct {
	seq   int
	items []Item
}

// matchAll streams history through the workers and returns the stories
// that alert now or did then, in history order, and how many were read.
func matchAll(ctx context.Context, h History, classify Classifier, did map[store.StoryRef][]string, opts Options) ([]Item, int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs, results := make(chan job, 2*workers), make(chan result, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(ctx, jobs, results, classify, did, opts.Explain)
		}()
	}
	var got []result
	collected := make(chan struct{})
	go func() {
		defer close(collected)
		for r := range results {
			got = append(got, r)
		}
	}()
	n, err := feed(ctx, h, opts.Since, jobs)
	close(jobs)
	wg.Wait()
	close(results)
	<-collected
	if err != nil {
		return nil, 0, err
	}
	return ordered(got), n, nil
}

// feed reads history into jobs of batchSize stories and returns how many
// stories it read.
func feed(ctx context.Context, h History, since time.Time, jobs chan<- job) (int, error) {
	n, seq := 0, 0
	batch := make([]store.StoredStory, 0, batchSize)
	send := func() error {
		select {
		case jobs <- job{seq: seq, stories: batch}:
			seq++
			batch = make([]store.StoredStory, 0, batchSize)
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	err := h.EachStoryText(ctx, since, func(ss store.StoredStory) error {
		n++
		if batch = append(batch, ss); len(batch) == batchSize {
			return send()
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = send()
	}
	if err != nil {
		return n, fmt.Errorf("replay: %w", err)
	}
	return n, nil
}

// work matches batches until jobs closes, and reports the stories that
// alert now or did then (did is only read, so workers share it).
func work(ctx context.Context, jobs <-chan job, results chan<- result, classify Classifier,
	did map[store.StoryRef][]string, explain bool) {
	for j := range jobs {
		r := result{seq: j.seq}
		for _, ss := range j.stories {
			if it, ok := matchOne(ss, classify, did, explain); ok {
				r.items = append(r.items, it)
			}
		}
		select {
		case results <- r:
		case <-ctx.Done():
			return
		}
	}
}

func matchOne(ss store.StoredStory, classify Classifier, did map[store.StoryRef][]string, explain bool) (Item, bool) {
	s := ss.Story
	ms := classify(&s)
	before := did[store.StoryRef{FeedID: s.FeedID, Key: s.Key}]
	if len(ms) == 0 && len(before) == 0 {
		return Item{}, false
	}
	it := Item{Feed: s.FeedID, Key: s.Key, Title: s.Title, Link: s.Link, SeenAt: ss.SeenAt,
		Rules: ruleIDs(ms), Before: before}
	if explain {
		it.Matches = ms
	}
	return it, true
}

func ordered(rs []result) []Item {
	sort.Slice(rs, func(i, j int) bool { return rs[i].seq < rs[j].seq })
	var out []Item
	for _, r := range rs {
		out = append(out, r.items...)
	}
	return out
}

func ruleIDs(ms []story.Match) []string {
	if len(ms) == 0 {
		return nil
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.RuleID
	}
	return ids
}

// RuleCount is how many stories one rule accounts for.
type RuleCount struct {
	Rule  string `json:"rule"`
	Count int    `json:"count"`
}

// Responsible counts, per rule, the new alerts (by the rules that fire
// now) or the lost ones (by the rules that fired then), most first.
func Responsible(items []Item, lost bool) []RuleCount {
	counts := map[string]int{}
	for _, it := range items {
		rules := it.Rules
		if lost {
			rules = it.Before
		}
		for _, r := range rules {
			counts[r]++
		}
	}
	out := make([]RuleCount, 0, len(counts))
	for r, n := range counts {
		out = append(out, RuleCount{r, n})
	}
	slices.SortFunc(out, func(a, b RuleCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Rule, b.Rule)
	})
	return out
}

// Summary is the one-line account of a report: "+12 alerts, -3 alerts
// (new: r1 10, r2 2; lost: r3 3)".
func (r *Report) Summary() string {
	s := fmt.Sprintf("+%d alerts, -%d alerts", len(r.New), len(r.Lost))
	var parts []string
	if len(r.New) > 0 {
		parts = append(parts, "new: "+countList(Responsible(r.New, false)))
	}
	if len(r.Lost) > 0 {
		parts = append(parts, "lost: "+countList(Responsible(r.Lost, true)))
	}
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, "; ") + ")"
	}
	return s
}

func countList(cs []RuleCount) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s %d", c.Rule, c.Count)
	}
	return strings.Join(parts, ", ")
}
