package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/store"
)

// cmdFeedback shows per-rule counts and precision from readers' verdicts;
// 'feedback export' turns one rule's judged stories into rule examples.
func cmdFeedback(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "export" {
		return feedbackExport(ctx, e, args[1:])
	}
	since := sinceFlag{30 * 24 * time.Hour}
	var rule string
	_, st, fs, err := openState(ctx, e, "feedback", args, func(fs *flag.FlagSet) {
		fs.Var(&since, "since", "how far back: 30d, 36h")
		fs.StringVar(&rule, "rule", "", "only this rule")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	if fs.NArg() > 0 {
		return &exitError{code: 2, err: fmt.Errorf("unexpected argument %q (did you mean 'feedback export'?)", fs.Arg(0))}
	}
	fb, err := st.FeedbackByRule(ctx, time.Now().Add(-since.d), rule)
	if err != nil {
		return err
	}
	if len(fb) == 0 {
		fmt.Fprintf(e.stdout, "no verdicts in the last %s\n", since.d)
		return nil
	}
	tw := table(e.stdout)
	fmt.Fprintln(tw, "RULE\tRELEVANT\tNOT RELEVANT\tPRECISION")
	for _, f := range fb {
		p, _ := f.Precision()
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.2f\n", f.Rule, f.Relevant, f.NotRelevant, p)
	}
	return tw.Flush()
}

// exampleYAML is one story as a rule example.
type exampleYAML struct {
	Title   string `yaml:"title,omitempty"`
	Summary string `yaml:"summary,omitempty"`
	Content string `yaml:"content,omitempty"`
}

type examplesYAML struct {
	Match   []exampleYAML `yaml:"match,omitempty"`
	NoMatch []exampleYAML `yaml:"no_match,omitempty"`
}

// feedbackExport prints a rule's judged stories as an examples: block to
// paste into the rule: stories most readers found relevant must match,
// the others must not. Ties are left out and counted.
func feedbackExport(ctx context.Context, e *env, args []string) error {
	since := sinceFlag{365 * 24 * time.Hour}
	var rule string
	_, st, _, err := openState(ctx, e, "feedback export", args, func(fs *flag.FlagSet) {
		fs.Var(&since, "since", "how far back: 365d, 36h")
		fs.StringVar(&rule, "rule", "", "the rule whose judged stories to export (required)")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	if rule == "" {
		return &exitError{code: 2, err: fmt.Errorf("feedback export needs --rule ID")}
	}
	judged, err := st.JudgedStories(ctx, rule, time.Now().Add(-since.d))
	if err != nil {
		return err
	}
	ex, ties := examplesFrom(judged)
	b, err := yaml.Marshal(map[string]examplesYAML{"examples": ex})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "# readers' verdicts on rule %s: %d to match, %d not to match, %d tied and left out.\n"+
		"# Paste under the rule (merge with its examples:); validate then runs them.\n%s",
		rule, len(ex.Match), len(ex.NoMatch), ties, b)
	return nil
}

func examplesFrom(judged []store.JudgedStory) (ex examplesYAML, ties int) {
	for _, j := range judged {
		y := exampleYAML{Title: j.Story.Title, Summary: j.Story.Summary, Content: j.Story.Content}
		switch {
		case j.Relevant > j.NotRelevant:
			ex.Match = append(ex.Match, y)
		case j.NotRelevant > j.Relevant:
			ex.NoMatch = append(ex.NoMatch, y)
		default:
			ties++
		}
	}
	return ex, ties
}
