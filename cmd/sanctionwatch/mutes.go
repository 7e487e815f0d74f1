package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sanctionwatch/sanctionwatch/app"
	"github.com/sanctionwatch/sanctionwatch/store"
)

// cmdMutes lists the mutes in force, or adds or lifts one:
//
//	mutes
//	mutes add KIND VALUE --for 24h [--reason TEXT]
//	mutes lift KIND VALUE
func cmdMutes(ctx context.Context, e *env, args []string) error {
	var dur sinceFlag
	var reason string
	cfg, st, fs, err := openState(ctx, e, "mutes", args, func(fs *flag.FlagSet) {
		fs.Var(&dur, "for", "how long a new mute lasts: 1h, 24h, 7d")
		fs.StringVar(&reason, "reason", "", "why, shown with the mute")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	rest := fs.Args()
	if len(rest) == 0 {
		return printMutes(ctx, e.stdout, st)
	}
	if len(rest) != 3 || (rest[0] != "add" && rest[0] != "lift") {
		return &exitError{code: 2, err: fmt.Errorf("usage: sanctionwatch mutes [add KIND VALUE --for 24h [--reason TEXT] | lift KIND VALUE]; flags go first")}
	}
	kind, ok := store.ParseMuteKind(rest[1])
	if !ok {
		return &exitError{code: 2, err: fmt.Errorf("unknown mute kind %q: want rule, feed, entity or tag", rest[1])}
	}
	// Listing reads; adding and lifting write, beside a running daemon
	// (SQLite in WAL mode lets both work on the file).
	st.Close()
	if st, err = app.OpenState(ctx, cfg); err != nil {
		return err
	}
	defer st.Close()
	if rest[0] == "lift" {
		n, err := st.LiftMutes(ctx, kind, rest[2], cliUser())
		if err == nil {
			fmt.Fprintf(e.stdout, "lifted %d mute(s) of %s %s\n", n, kind, rest[2])
		}
		return err
	}
	if dur.d <= 0 {
		return &exitError{code: 2, err: fmt.Errorf("mutes add needs --for, e.g. --for 24h")}
	}
	m, err := st.AddMute(ctx, kind, rest[2], dur.d, cliUser(), reason)
	if err == nil {
		fmt.Fprintf(e.stdout, "muted %s %s until %s\n", m.Kind, m.Value, when(m.Expires))
	}
	return err
}

// cliUser names who muted from the command line.
func cliUser() string {
	if u := os.Getenv("USER"); u != "" {
		return "cli:" + u
	}
	return "cli"
}

// printMutes writes the table of mutes in force.
func printMutes(ctx context.Context, w io.Writer, st *store.Store) error {
	ms, err := st.ActiveMutes(ctx)
	if err != nil {
		return err
	}
	return printMuteTable(w, ms)
}

// printMuteTable writes mutes as a table, for mutes and status.
func printMuteTable(w io.Writer, ms []store.Mute) error {
	if len(ms) == 0 {
		fmt.Fprintln(w, "no mutes in force")
		return nil
	}
	tw := table(w)
	fmt.Fprintln(tw, "KIND\tVALUE\tUNTIL\tLEFT\tBY\tREASON")
	for _, m := range ms {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", m.Kind, m.Value, when(m.Expires),
			time.Until(m.Expires).Round(time.Minute), m.By, shorten(m.Reason, 50))
	}
	return tw.Flush()
}
