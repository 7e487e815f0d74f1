package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/app"
	"github.com/sanctionwatch/sanctionwatch/language"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// cmdTest shows which rules fire on some input and why.
func cmdTest(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfgPath := fs.String("config", "", "config file (default: the embedded default config)")
	asJSON := fs.Bool("json", false, "print one JSON object per story")
	ruleID := fs.String("rule", "", "only evaluate this rule")
	explain := fs.Bool("explain", false, "also show near misses: rules with some hits whose query failed")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: sanctionwatch test [flags] [FILE|URL|-]\n\n"+
			"Input is text on stdin (first line = title), a text or HTML file, a feed file\n"+
			"(RSS/Atom/JSON Feed: every item), or an http(s) URL of a page or feed.")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return &exitError{code: 2, err: fmt.Errorf("test takes one input")}
	}
	cfg, err := app.LoadConfig(*cfgPath, e.lookupEnv)
	if err != nil {
		return err
	}
	rs, err := app.LoadRulesWithLists(ctx, cfg)
	if err != nil {
		return err
	}
	input := "-"
	if fs.NArg() == 1 {
		input = fs.Arg(0)
	}
	stdin := e.stdin
	if input == "-" && e.stdinTerminal {
		// Without a file or pipe, `test` reads what is typed: say so rather
		// than wait silently, and let Ctrl-C end the wait.
		fmt.Fprintln(e.stderr, "Type or paste a story: the title on the first line, then its text.\n"+
			"End with Ctrl-D on a line of its own (Ctrl-Z, Enter on Windows); Ctrl-C cancels.\n"+
			"Or give a file, a URL or '-' for a pipe: sanctionwatch test story.txt")
		stdin = &cancellableReader{ctx: ctx, r: e.stdin}
	}
	stories, err := app.ReadStories(ctx, cfg.Watch, input, stdin)
	if err != nil {
		return err
	}
	opts := rules.MatchOptions{Explain: *explain}
	if *ruleID != "" {
		if !slices.Contains(rs.RuleIDs(), *ruleID) {
			return fmt.Errorf("unknown rule %q", *ruleID)
		}
		opts.Allow = func(id string, _ []string) bool { return id == *ruleID }
	}
	group, err := newTestGrouper(cfg, rs)
	if err != nil {
		return err
	}
	// Events are decided in publication order, as the daemon would see
	// the stories arrive.
	sort.SliceStable(stories, func(i, j int) bool { return stories[i].Published.Before(stories[j].Published) })
	p := &testPrinter{w: e.stdout, color: e.color() && !*asJSON}
	for i := range stories {
		language.Tag(&stories[i])
		res := rs.MatchWith(&stories[i], opts)
		ev, err := group.place(&stories[i])
		if err != nil {
			return err
		}
		if *asJSON {
			err = writeJSON(e.stdout, &stories[i], res, ev.Event)
		} else {
			p.story(&stories[i], res)
			p.event(ev)
		}
		if err != nil {
			return err
		}
	}
	if !*asJSON {
		p.summary(len(stories))
	}
	return nil
}

// testJSON is the --json line for one story, for scripts.
type testJSON struct {
	ID         string           `json:"id"`
	Event      string           `json:"event"` // stories with the same event id tell one happening
	Title      string           `json:"title"`
	Link       string           `json:"link,omitempty"`
	Lang       string           `json:"lang,omitempty"`
	Matches    []story.Match    `json:"matches"`
	NearMisses []rules.NearMiss `json:"near_misses,omitempty"`
}

func writeJSON(w io.Writer, s *story.Story, res rules.Result, event string) error {
	out := testJSON{ID: s.GUID, Event: event, Title: s.Title, Link: s.Link, Lang: s.Lang, Matches: res.Matches, NearMisses: res.NearMisses}
	if out.ID == "" {
		out.ID = s.Key
	}
	if out.Matches == nil {
		out.Matches = []story.Match{}
	}
	for i := range out.Matches {
		out.Matches[i].Snippet = plainMarks(out.Matches[i].Snippet, "**", "**")
	}
	b, err := json.Marshal(out)
	if err != nil {
		return fmt.Errorf("encode result: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// testPrinter writes the human-readable report.
type testPrinter struct {
	w       io.Writer
	color   bool
	matched int
}

const (
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiDim    = "\x1b[2m"
	ansiReset  = "\x1b[0m"
)

func (p *testPrinter) paint(code, s string) string {
	if !p.color {
		return s
	}
	return code + s + ansiReset
}

func (p *testPrinter) story(s *story.Story, res rules.Result) {
	if len(res.Matches) == 0 && len(res.NearMisses) == 0 {
		fmt.Fprintf(p.w, "%s %s%s\n", p.paint(ansiDim, "no match:"), s.Title, p.paint(ansiDim, langTag(s)))
		return
	}
	if len(res.Matches) > 0 {
		p.matched++
		fmt.Fprintf(p.w, "%s %s\n", p.paint(ansiRed, "ALERT:"), p.paint(ansiBold, s.Title))
	} else {
		fmt.Fprintf(p.w, "%s %s\n", p.paint(ansiDim, "no match:"), s.Title)
	}
	if s.Link != "" {
		fmt.Fprintf(p.w, "  %s\n", s.Link)
	}
	if s.Lang != "" {
		fmt.Fprintf(p.w, "  language: %s (%s)\n", language.Name(s.Lang), s.Lang)
	}
	for _, m := range res.Matches {
		fmt.Fprintf(p.w, "  rule %s [%s] %s\n", p.paint(ansiBold, m.RuleID), m.Severity, m.Title)
		for _, line := range groupHits(m.Hits) {
			fmt.Fprintf(p.w, "    - %s\n", line)
		}
		if m.Snippet != "" {
			open, close := "[", "]"
			if p.color {
				open, close = ansiYellow, ansiReset
			}
			fmt.Fprintf(p.w, "    > %s\n", plainMarks(m.Snippet, open, close))
		}
	}
	for _, nm := range res.NearMisses {
		fmt.Fprintf(p.w, "  near miss %s: failed %s\n", nm.RuleID, strings.Join(nm.Failed, " | "))
		for _, line := range groupHits(nm.Hits) {
			fmt.Fprintf(p.w, "    - %s\n", line)
		}
	}
}

// langTag is " [ko]" after the title of a story in a known language.
func langTag(s *story.Story) string {
	if s.Lang == "" {
		return ""
	}
	return " [" + s.Lang + "]"
}

// groupHits describes the evidence one line per source: an entity with
// the words that named it, a list with its words, a resolution. Repeats
// are counted, not listed.
//
//	entity @dprk (North Korea (DPRK)): "Kim Jong Un" x3, "Pyongyang" [title, content]
func groupHits(hits []story.Hit) []string {
	type group struct {
		head   string
		words  []string
		count  map[string]int
		fields []string
	}
	var order []*group
	byHead := map[string]*group{}
	for _, h := range hits {
		head := hitSource(h)
		g := byHead[head]
		if g == nil {
			g = &group{head: head, count: map[string]int{}}
			byHead[head] = g
			order = append(order, g)
		}
		if g.count[h.Text] == 0 {
			g.words = append(g.words, h.Text)
		}
		g.count[h.Text]++
		if !slices.Contains(g.fields, string(h.Field)) {
			g.fields = append(g.fields, string(h.Field))
		}
	}
	lines := make([]string, len(order))
	for i, g := range order {
		words := make([]string, len(g.words))
		for k, w := range g.words {
			words[k] = fmt.Sprintf("%q", w)
			if n := g.count[w]; n > 1 {
				words[k] += fmt.Sprintf(" x%d", n)
			}
		}
		lines[i] = fmt.Sprintf("%s: %s [%s]", g.head, strings.Join(words, ", "), strings.Join(g.fields, ", "))
	}
	return lines
}

// hitSource names where a hit came from: `entity @dprk (North Korea)`,
// `list $munitions`, `UNSC resolution 2397 (regime 1718 (DPRK))`.
func hitSource(h story.Hit) string {
	var s string
	switch h.Source {
	case story.SourceEntity:
		s = fmt.Sprintf("entity @%s (%s)", h.Ref, h.Name)
	case story.SourceList:
		s = "list $" + h.Ref
	case story.SourceResolution:
		s = h.Name
	default:
		s = fmt.Sprintf("%s %q", h.Source, h.Term)
	}
	if h.Detail != "" {
		s += " [" + h.Detail + "]"
	}
	return s
}

func (p *testPrinter) summary(n int) {
	fmt.Fprintf(p.w, "\n%d of %s would alert\n", p.matched, plural(n, "story", "stories"))
}

// plainMarks replaces the snippet hit marks with open and close.
func plainMarks(s, open, close string) string {
	return strings.NewReplacer(story.MarkOpen, open, story.MarkClose, close).Replace(s)
}

// cancellableReader ends a read from a terminal when ctx ends (Ctrl-C).
// A read blocked on a terminal cannot be interrupted, so each read runs in
// a goroutine this reader owns; after a cancellation that goroutine stays
// blocked until the process exits, which the command does at once.
type cancellableReader struct {
	ctx context.Context
	r   io.Reader
}

type readResult struct {
	n   int
	err error
}

func (c *cancellableReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, fmt.Errorf("interrupted: %w", err)
	}
	buf := make([]byte, len(p))
	done := make(chan readResult, 1)
	go func() {
		n, err := c.r.Read(buf)
		done <- readResult{n, err}
	}()
	select {
	case <-c.ctx.Done():
		return 0, fmt.Errorf("interrupted: %w", c.ctx.Err())
	case res := <-done:
		copy(p, buf[:res.n])
		return res.n, res.err
	}
}
