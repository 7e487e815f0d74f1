package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sanctionwatch/sanctionwatch/app"
	"github.com/sanctionwatch/sanctionwatch/replay"
)

// cmdReplay runs the current or candidate rules over the stories kept in
// the state file and shows what would alert, and what differs from what
// did.
func cmdReplay(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("replay", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var rf ruleFlags
	rf.register(fs)
	since := sinceFlag{30 * 24 * time.Hour}
	fs.Var(&since, "since", "how far back: 30d, 36h")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	explain := fs.Bool("explain", false, "show the evidence for every story that would alert")
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2, err: err}
	}
	if fs.NArg() > 0 {
		return &exitError{code: 2, err: fmt.Errorf("replay takes no arguments; candidate rules go in --rules")}
	}
	cfg, rs, err := rf.load(ctx, e)
	if err != nil {
		return err
	}
	st, err := app.OpenState(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := app.Replay(ctx, cfg, rs, st, replay.Options{Since: time.Now().Add(-since.d), Explain: *explain || *asJSON})
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(rep)
	}
	printReplay(e.stdout, rep, *explain)
	return nil
}

func printReplay(w io.Writer, r *replay.Report, explain bool) {
	fmt.Fprintf(w, "%d stories seen since %s: %d would alert; %s\n", r.Stories, when(r.Since), len(r.Would), r.Summary())
	if r.Stories == 0 {
		fmt.Fprintln(w, "no story text kept in that period (history.text_cap and history.retention keep it)")
	}
	if len(r.Would) > 0 {
		fmt.Fprintln(w, "\nwould alert (+ = did not alert then):")
	}
	for _, it := range r.Would {
		mark := " "
		if len(it.Before) == 0 {
			mark = "+"
		}
		fmt.Fprintf(w, "%s %s  %s  %s [%s]\n", mark, when(it.SeenAt), it.Feed, it.Title, strings.Join(it.Rules, ", "))
		if explain {
			for _, m := range it.Matches {
				fmt.Fprintf(w, "    rule %s [%s]\n", m.RuleID, m.Severity)
				for _, line := range groupHits(m.Hits) {
					fmt.Fprintf(w, "      - %s\n", line)
				}
			}
		}
	}
	if len(r.Lost) > 0 {
		fmt.Fprintln(w, "\nwould no longer alert:")
	}
	for _, it := range r.Lost {
		fmt.Fprintf(w, "- %s  %s  %s [was %s]\n", when(it.SeenAt), it.Feed, it.Title, strings.Join(it.Before, ", "))
	}
}
