package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/sanctionwatch/sanctionwatch/app"
	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/store"
)

// openState parses a reporting command's flags, reads the config for its
// state_file and names (no secrets needed) and opens the state file read
// only. These commands run beside a live daemon, never create a missing
// state file and never write one.
func openState(ctx context.Context, e *env, name string, args []string, extra func(*flag.FlagSet)) (*config.Config, *store.Store, *flag.FlagSet, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfgPath := fs.String("config", "", "config file (default: the embedded default config)")
	if extra != nil {
		extra(fs)
	}
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, nil, err
	}
	cfg, err := app.LoadConfigToRead(*cfgPath, e.lookupEnv)
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := app.OpenStateReadOnly(ctx, cfg)
	if errors.Is(err, store.ErrNoState) {
		return nil, nil, nil, fmt.Errorf("%s: nothing to show yet: %w", name, err)
	}
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

// writeJSONValue prints v as indented JSON, for scripts.
func writeJSONValue(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// plural is "1 alert", "2 alerts", "0 alerts".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
