package main

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store"
)

// feedRow is one feed of `feeds`, also its --json form.
type feedRow struct {
	Name        string    `json:"name"`
	Health      string    `json:"health"` // new, ok, errors or failing
	Failures    int       `json:"consecutive_failures"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	NextPoll    time.Time `json:"next_poll,omitzero"`
	Items       int64     `json:"items_seen"`
	LastError   string    `json:"last_error,omitempty"`
}

func cmdFeeds(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "import" {
		return feedsImport(e, args[1:])
	}
	var asJSON bool
	cfg, st, _, err := openState(ctx, e, "feeds", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print JSON")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	states, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	byID := map[string]store.FeedState{}
	for _, s := range states {
		byID[s.ID] = s
	}
	rows := make([]feedRow, 0, len(cfg.Feeds))
	for _, f := range cfg.Feeds {
		s, ok := byID[f.Name]
		r := feedRow{Name: f.Name, Health: "ok", Failures: s.ConsecutiveFailures, LastSuccess: s.LastSuccess,
			NextPoll: s.NextPoll, Items: s.ItemsSeen, LastError: s.LastError}
		switch {
		case !ok:
			r.Health = "new"
		case s.Failing:
			r.Health = "failing"
		case s.ConsecutiveFailures > 0:
			r.Health = "errors"
		}
		rows = append(rows, r)
	}
	if asJSON {
		return writeJSONValue(e.stdout, rows)
	}
	tw := table(e.stdout)
	fmt.Fprintln(tw, "FEED\tHEALTH\tLAST SUCCESS\tNEXT POLL\tITEMS\tLAST ERROR")
	for _, r := range rows {
		health := r.Health
		switch r.Health {
		case "failing":
			health = fmt.Sprintf("FAILING (%d)", r.Failures)
		case "errors":
			health = fmt.Sprintf("errors (%d)", r.Failures)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", r.Name, health, when(r.LastSuccess), when(r.NextPoll),
			r.Items, shorten(r.LastError, 60))
	}
	return tw.Flush()
}

func cmdLists(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "diff" {
		return listsDiff(ctx, e, args[1:])
	}
	cfg, st, _, err := openState(ctx, e, "lists", args, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	statuses, err := st.ListImports(ctx)
	if err != nil {
		return err
	}
	byName := map[string]store.ListStatus{}
	for _, s := range statuses {
		byName[s.List] = s
	}
	tw := table(e.stdout)
	fmt.Fprintln(tw, "LIST\tFORMAT\tENTRIES\tALIASES\tLAST FETCH\tLAST CHANGE\tLAST ERROR")
	for _, l := range cfg.Lists {
		s := byName[l.Name]
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\n", l.Name, l.Format, s.Entries, s.Aliases,
			when(s.FetchedAt), when(s.ChangedAt), shorten(s.LastError, 60))
	}
	return tw.Flush()
}

// statusReport is what `status` shows, also its --json form.
type statusReport struct {
	Destinations []store.DestinationStats `json:"destinations"`
	Feeds        int                      `json:"feeds"`
	Failing      []failingFeed            `json:"failing_feeds"`
	AlertsByRule map[string]int           `json:"alerts_24h_by_rule"`
	Mutes        []store.Mute             `json:"mutes"`
	Instances    []instanceRow            `json:"instances"`
}

type failingFeed struct {
	Name      string `json:"name"`
	LastError string `json:"last_error"`
}

func cmdStatus(ctx context.Context, e *env, args []string) error {
	var asJSON bool
	cfg, st, _, err := openState(ctx, e, "status", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "print JSON")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	rep := statusReport{Feeds: len(cfg.Feeds), Failing: []failingFeed{}}
	if rep.Destinations, err = st.OutboxStats(ctx); err != nil {
		return err
	}
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	for _, f := range feeds {
		if f.Failing {
			rep.Failing = append(rep.Failing, failingFeed{f.ID, f.LastError})
		}
	}
	if rep.AlertsByRule, err = st.AlertsByRule(ctx, 24*time.Hour); err != nil {
		return err
	}
	if rep.Mutes, err = st.ActiveMutes(ctx); err != nil {
		return err
	}
	if rep.Instances, err = instanceRows(ctx, st, time.Now()); err != nil {
		return err
	}
	if asJSON {
		return writeJSONValue(e.stdout, rep)
	}
	printStatus(e, rep)
	return nil
}

func printStatus(e *env, rep statusReport) {
	tw := table(e.stdout)
	fmt.Fprintln(tw, "DESTINATION\tQUEUED\tLAST SUCCESS\tLAST ERROR\tSTATE")
	for _, d := range rep.Destinations {
		state := "ok"
		if d.Failed != "" {
			state = "STOPPED: " + d.Failed
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", d.Destination, d.Depth, when(d.LastSuccess), shorten(d.LastError, 50), state)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "\nfeeds: %d configured, %d failing\n", rep.Feeds, len(rep.Failing))
	for _, f := range rep.Failing {
		fmt.Fprintf(e.stdout, "  %s (%s)\n", f.Name, shorten(f.LastError, 60))
	}
	fmt.Fprintln(e.stdout, "\nalerts in the last 24 hours by rule:")
	rules := make([]string, 0, len(rep.AlertsByRule))
	for r := range rep.AlertsByRule {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	for _, r := range rules {
		fmt.Fprintf(e.stdout, "  %-28s %d\n", r, rep.AlertsByRule[r])
	}
	fmt.Fprintln(e.stdout, "\nmutes:")
	printMuteTable(e.stdout, rep.Mutes)
	fmt.Fprintln(e.stdout, "\ninstances:")
	printInstances(e.stdout, rep.Instances)
}
