// Command sanctionwatch watches news feeds for arms transfers and sanctions
// and posts explained alerts to Discord.
//
// main only turns arguments and signals into calls on the app package, so
// tests can run everything in-process.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// Set at build time with -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = ""
)

// command is one subcommand: its name, a line of help, and what it runs.
type command struct {
	name  string
	usage string
	run   func(ctx context.Context, env *env, args []string) error
}

// env is what commands read and write, injectable for tests.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	lookupEnv      func(string) (string, bool)
	isTerminal     bool // stdout is a terminal
	stderrTerminal bool
	stdinTerminal  bool
}

// color reports whether to paint output: on a terminal, unless NO_COLOR
// is set to anything (https://no-color.org).
func (e *env) color() bool {
	_, off := e.lookupEnv("NO_COLOR")
	return e.isTerminal && !off
}

// exitError carries a specific exit code out of a command.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func commands() []command {
	return []command{
		{"run", "run the daemon: poll feeds, match, alert (default config: embedded)", cmdRun},
		{"once", "poll every feed once, match, send, exit", cmdOnce},
		{"validate", "check the config and rule files; print every error", cmdValidate},
		{"test", "show which rules fire on a story, page, feed file or URL, and why", cmdTest},
		{"feeds", "list feeds with their health; 'feeds import FILE.opml' adds feeds", cmdFeeds},
		{"lists", "show sanctions lists; 'lists diff OLD NEW' compares two list files", cmdLists},
		{"status", "outbox depth, destination health, failing feeds, alerts by rule", cmdStatus},
		{"alerts", "recent alerts with their stories", cmdAlerts},
		{"send-test", "post a sample alert to a destination", cmdSendTest},
		{"eval", "precision and recall of the rules on labelled stories", cmdEval},
		{"replay", "run current or candidate rules over stored stories; what would change", cmdReplay},
		{"feedback", "readers' verdicts per rule; 'feedback export --rule ID' prints them as rule examples", cmdFeedback},
		{"mutes", "mutes in force; 'mutes add KIND VALUE --for 24h', 'mutes lift KIND VALUE'", cmdMutes},
		{"version", "print version, commit and Go version", cmdVersion},
	}
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, lookupEnv: os.LookupEnv,
		isTerminal: isTerminal(os.Stdout), stderrTerminal: isTerminal(os.Stderr), stdinTerminal: isTerminal(os.Stdin)}
	ctx, stop := signalContext()
	defer stop()
	os.Exit(dispatch(ctx, e, os.Args[1:]))
}

// dispatch runs the named command and returns the process exit code.
func dispatch(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		if err == nil || errors.Is(err, flag.ErrHelp) {
			return 0 // -h and --help print the command's usage and succeed
		}
		fmt.Fprintln(e.stderr, err)
		var ee *exitError
		if errors.As(err, &ee) {
			return ee.code
		}
		return 1
	}
	fmt.Fprintf(e.stderr, "unknown command %q\n\n", args[0])
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: sanctionwatch COMMAND [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nRun 'sanctionwatch COMMAND -h' for a command's flags.")
}
