package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/rules/labelled"
)

// cmdEval scores the rules on labelled story files, for a rule
// repository's CI: non-zero exit when precision or recall falls below
// the given floor.
func cmdEval(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var rf ruleFlags
	rf.register(fs)
	var minP, minR ratioFlag
	fs.Var(&minP, "min-precision", "fail when overall precision is below this (0 to 1)")
	fs.Var(&minR, "min-recall", "fail when overall recall is below this (0 to 1)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: sanctionwatch eval [flags] FILE...\n\n"+
			"FILE is a YAML list of stories with id, relevant (true/false), title, and\n"+
			"optionally summary, content, topic, note and rules (the rules that should fire).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &exitError{code: 2, err: errors.New("eval needs a labelled file")}
	}
	_, rs, err := rf.load(ctx, e)
	if err != nil {
		return err
	}
	var fails []string
	for _, name := range fs.Args() {
		r, err := evalFile(rs, name)
		if err != nil {
			return err
		}
		if err := printEval(e.stdout, name, r, *asJSON); err != nil {
			return err
		}
		fails = append(fails, belowFloor(name, r.Overall, minP, minR)...)
	}
	if len(fails) > 0 {
		return &exitError{code: 1, err: errors.New(strings.Join(fails, "\n"))}
	}
	return nil
}

func evalFile(rs *rules.RuleSet, name string) (labelled.Report, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return labelled.Report{}, err
	}
	set, err := labelled.Parse(name, data)
	if err != nil {
		return labelled.Report{}, err
	}
	return labelled.Score(rs, set), nil
}

func belowFloor(name string, c labelled.Counts, minP, minR ratioFlag) []string {
	var out []string
	if minP.set && c.Precision() < minP.v {
		out = append(out, fmt.Sprintf("%s: precision %.3f is below %v", name, c.Precision(), minP.v))
	}
	if minR.set && c.Recall() < minR.v {
		out = append(out, fmt.Sprintf("%s: recall %.3f is below %v", name, c.Recall(), minR.v))
	}
	return out
}

func printEval(w io.Writer, name string, r labelled.Report, asJSON bool) error {
	if asJSON {
		b, err := json.Marshal(struct {
			File string `json:"file"`
			labelled.Report
		}{name, r})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	fmt.Fprintf(w, "%s: %d stories, %d relevant\n", name, r.Stories, r.Relevant)
	fmt.Fprintf(w, "overall: precision %.3f, recall %.3f (%d true alerts, %d false alerts, %d missed)\n\n",
		r.Overall.Precision(), r.Overall.Recall(), r.Overall.TruePos, r.Overall.FalsePos, r.Overall.FalseNeg)
	tw := table(w)
	fmt.Fprintln(tw, "RULE\tTRUE\tFALSE\tMISSED\tPRECISION\tRECALL")
	for _, rs := range r.Rules {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\n", rs.Rule, rs.TruePos, rs.FalsePos, rs.FalseNeg,
			rs.Precision(), rs.Recall())
	}
	tw.Flush()
	fmt.Fprintln(w, "(a rule's recall counts the relevant stories that name it under rules:, or name no rules)")
	printOutcomes(w, "missed", r.Misses)
	printOutcomes(w, "false alerts", r.FalseAlerts)
	fmt.Fprintln(w)
	return nil
}

func printOutcomes(w io.Writer, what string, os []labelled.Outcome) {
	if len(os) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s (%d):\n", what, len(os))
	for _, o := range os {
		rules := ""
		if len(o.Rules) > 0 {
			rules = " [" + strings.Join(o.Rules, ", ") + "]"
		}
		fmt.Fprintf(w, "  %s (line %d): %s%s\n", o.ID, o.Story.Line, o.Title, rules)
	}
}
