package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/app"
	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/sanctions"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/watchers"
)

// openState loads the config and opens its store for reading. These
// commands run beside a live daemon: SQLite in WAL mode lets them read
// while it writes.
func openState(ctx context.Context, e *env, name string, args []string, extra func(*flag.FlagSet)) (*config.Config, *store.Store, *flag.FlagSet, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfgPath := fs.String("config", "", "config file (default: the embedded default config)")
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, nil, &exitError{code: 2, err: err}
	}
	cfg, err := app.LoadConfig(*cfgPath, e.lookupEnv)
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := store.Open(ctx, cfg.StateFile)
	if err != nil {
		return nil, nil, nil, err
	}
	return cfg, st, fs, nil
}

func table(w io.Writer) *tabwriter.Writer { return tabwriter.NewWriter(w, 0, 4, 2, ' ', 0) }

func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04")
}

func cmdFeeds(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "import" {
		return feedsImport(e, args[1:])
	}
	cfg, st, _, err := openState(ctx, e, "feeds", args, nil)
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
	tw := table(e.stdout)
	fmt.Fprintln(tw, "FEED\tHEALTH\tLAST SUCCESS\tNEXT POLL\tITEMS\tLAST ERROR")
	for _, f := range cfg.Feeds {
		s, ok := byID[f.Name]
		health := "ok"
		switch {
		case !ok:
			health = "new"
		case s.Failing:
			health = fmt.Sprintf("FAILING (%d)", s.ConsecutiveFailures)
		case s.ConsecutiveFailures > 0:
			health = fmt.Sprintf("errors (%d)", s.ConsecutiveFailures)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", f.Name, health, when(s.LastSuccess), when(s.NextPoll),
			s.ItemsSeen, shorten(s.LastError, 60))
	}
	return tw.Flush()
}

// feedsImport prints the feeds of an OPML file as config.yaml entries to
// paste under feeds:.
func feedsImport(e *env, args []string) error {
	if len(args) != 1 {
		return &exitError{code: 2, err: fmt.Errorf("usage: sanctionwatch feeds import FILE.opml")}
	}
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	feeds, err := watchers.ParseOPML(f)
	if err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	type entry struct {
		Name string   `yaml:"name"`
		URL  string   `yaml:"url"`
		Tags []string `yaml:"tags,omitempty"`
	}
	out := make([]entry, len(feeds))
	for i, fd := range feeds {
		out[i] = entry{fd.Name, fd.URL, fd.Tags}
	}
	b, err := yaml.Marshal(map[string]any{"feeds": out})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "# %d feeds from %s: paste under feeds: in config.yaml\n%s", len(feeds), args[0], b)
	return nil
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

func listsDiff(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("lists diff", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	format := fs.String("format", "un-xml", "list format: un-xml, ofac-csv, opensanctions-ftm, opensanctions-csv")
	if err := fs.Parse(args); err != nil || fs.NArg() != 2 {
		return &exitError{code: 2, err: fmt.Errorf("usage: sanctionwatch lists diff [--format F] OLD NEW")}
	}
	ch, err := sanctions.DiffFiles(ctx, *format, fs.Arg(0), fs.Arg(1))
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, ch.String())
	return nil
}

func cmdStatus(ctx context.Context, e *env, args []string) error {
	cfg, st, _, err := openState(ctx, e, "status", args, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	dests, err := st.OutboxStats(ctx)
	if err != nil {
		return err
	}
	tw := table(e.stdout)
	fmt.Fprintln(tw, "DESTINATION\tQUEUED\tLAST SUCCESS\tLAST ERROR\tSTATE")
	for _, d := range dests {
		state := "ok"
		if d.Failed != "" {
			state = "STOPPED: " + d.Failed
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", d.Destination, d.Depth, when(d.LastSuccess), shorten(d.LastError, 50), state)
	}
	tw.Flush()
	feeds, err := st.Feeds(ctx)
	if err != nil {
		return err
	}
	var failing []string
	for _, f := range feeds {
		if f.Failing {
			failing = append(failing, fmt.Sprintf("%s (%s)", f.ID, shorten(f.LastError, 60)))
		}
	}
	fmt.Fprintf(e.stdout, "\nfeeds: %d configured, %d failing\n", len(cfg.Feeds), len(failing))
	for _, f := range failing {
		fmt.Fprintf(e.stdout, "  %s\n", f)
	}
	byRule, err := st.AlertsByRule(ctx, 24*time.Hour)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "\nalerts in the last 24 hours by rule:")
	rulesSorted := make([]string, 0, len(byRule))
	for r := range byRule {
		rulesSorted = append(rulesSorted, r)
	}
	sort.Strings(rulesSorted)
	for _, r := range rulesSorted {
		fmt.Fprintf(e.stdout, "  %-28s %d\n", r, byRule[r])
	}
	fmt.Fprintln(e.stdout, "\nmutes:")
	return printMutes(ctx, e.stdout, st)
}

func cmdAlerts(ctx context.Context, e *env, args []string) error {
	var since time.Duration
	var rule string
	_, st, _, err := openState(ctx, e, "alerts", args, func(fs *flag.FlagSet) {
		fs.DurationVar(&since, "since", 24*time.Hour, "how far back")
		fs.StringVar(&rule, "rule", "", "only alerts of this rule")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	alerts, err := st.RecentAlerts(ctx, since, rule)
	if err != nil {
		return err
	}
	for _, a := range alerts {
		s := a.Alert.Story
		var ids []string
		for _, m := range a.Alert.Matches {
			ids = append(ids, m.RuleID)
		}
		fmt.Fprintf(e.stdout, "%s  %-8s %-7s %s -> %s\n    %s\n    %s (%s)\n", when(a.QueuedAt), a.Alert.Severity,
			a.State, strings.Join(ids, ","), a.Alert.Destination, s.Title, s.Link, s.FeedName)
	}
	fmt.Fprintf(e.stdout, "%d alerts\n", len(alerts))
	return nil
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
