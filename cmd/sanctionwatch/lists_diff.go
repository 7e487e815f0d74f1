package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/sanctions"
)

// maxDiffLines bounds each section of `lists diff`; the counts are exact.
const maxDiffLines = 50

func listsDiff(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("lists diff", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	format := fs.String("format", "", "list format: un-xml, ofac-csv, opensanctions-ftm, opensanctions-csv (default: detected)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return &exitError{code: 2, err: fmt.Errorf("usage: sanctionwatch lists diff [--format F] OLD NEW")}
	}
	ch, err := sanctions.DiffFiles(ctx, *format, fs.Arg(0), fs.Arg(1))
	if err != nil {
		return err
	}
	printChanges(e.stdout, ch)
	return nil
}

// printChanges says what changed, entry by entry, then the counts.
func printChanges(w io.Writer, ch sanctions.Changes) {
	section(w, "added", len(ch.Added), func(i int) string { return partyLine(ch.Added[i]) })
	section(w, "removed", len(ch.Removed), func(i int) string { return partyLine(ch.Removed[i]) })
	section(w, "changed", len(ch.Changed), func(i int) string {
		c := ch.Changed[i]
		return fmt.Sprintf("%s: %s", partyLine(c.New), strings.Join(c.Fields, ", "))
	})
	fmt.Fprintln(w, ch.String())
}

func section(w io.Writer, what string, n int, line func(int) string) {
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "%s %s:\n", plural(n, "entry", "entries"), what)
	for i := range min(n, maxDiffLines) {
		fmt.Fprintf(w, "  %s\n", line(i))
	}
	if n > maxDiffLines {
		fmt.Fprintf(w, "  … and %d more\n", n-maxDiffLines)
	}
}

func partyLine(p sanctions.Party) string {
	s := p.Name
	if p.RefID != "" {
		s += " [" + p.RefID + "]"
	}
	if prog := p.Programme(); prog != "" {
		s += " (" + prog + ")"
	}
	return s
}
