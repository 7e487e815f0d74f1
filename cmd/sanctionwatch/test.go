package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/app"
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
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return &exitError{code: 2, err: fmt.Errorf("test takes one input")}
	}
	cfg, err := app.LoadConfig(*cfgPath, e.lookupEnv)
	if err != nil {
		return err
	}
	rs, err := app.LoadRules(cfg, nil)
	if err != nil {
		return err
	}
	input := "-"
	if fs.NArg() == 1 {
		input = fs.Arg(0)
	}
	stories, err := app.ReadStories(ctx, input, e.stdin)
	if err != nil {
		return err
	}
	opts := rules.MatchOptions{Explain: *explain}
	if *ruleID != "" {
		if !contains(rs.RuleIDs(), *ruleID) {
			return fmt.Errorf("unknown rule %q", *ruleID)
		}
		opts.Allow = func(id string, _ []string) bool { return id == *ruleID }
	}
	p := &testPrinter{w: e.stdout, color: e.isTerminal && !*asJSON}
	for i := range stories {
		res := rs.MatchWith(&stories[i], opts)
		if *asJSON {
			err = writeJSON(e.stdout, &stories[i], res)
		} else {
			p.story(&stories[i], res)
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
	Title      string           `json:"title"`
	Link       string           `json:"link,omitempty"`
	Matches    []story.Match    `json:"matches"`
	NearMisses []rules.NearMiss `json:"near_misses,omitempty"`
}

func writeJSON(w io.Writer, s *story.Story, res rules.Result) error {
	out := testJSON{ID: s.GUID, Title: s.Title, Link: s.Link, Matches: res.Matches, NearMisses: res.NearMisses}
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
		fmt.Fprintf(p.w, "%s %s\n", p.paint(ansiDim, "no match:"), s.Title)
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
	for _, m := range res.Matches {
		fmt.Fprintf(p.w, "  rule %s [%s] %s\n", p.paint(ansiBold, m.RuleID), m.Severity, m.Title)
		for _, h := range m.Hits {
			fmt.Fprintf(p.w, "    - %s\n", hitLine(h))
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
		for _, h := range nm.Hits {
			fmt.Fprintf(p.w, "    - %s\n", hitLine(h))
		}
	}
}

// hitLine describes one hit: `"Kim Jong-un" in summary: entity @dprk (North Korea)`.
func hitLine(h story.Hit) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q in %s: ", h.Text, h.Field)
	switch h.Source {
	case story.SourceEntity:
		fmt.Fprintf(&b, "entity @%s (%s)", h.Ref, h.Name)
	case story.SourceList:
		fmt.Fprintf(&b, "list $%s term %q", h.Ref, h.Term)
	case story.SourceResolution:
		b.WriteString(h.Name)
	default:
		fmt.Fprintf(&b, "%s %q", h.Source, h.Term)
	}
	if h.Detail != "" {
		fmt.Fprintf(&b, " [%s]", h.Detail)
	}
	return b.String()
}

func (p *testPrinter) summary(n int) {
	fmt.Fprintf(p.w, "\n%d of %d stories alert\n", p.matched, n)
}

// plainMarks replaces the snippet hit marks with open and close.
func plainMarks(s, open, close string) string {
	return strings.NewReplacer(story.MarkOpen, open, story.MarkClose, close).Replace(s)
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
