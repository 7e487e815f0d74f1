package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"syscall"

	"github.com/sanctionwatch/sanctionwatch/app"
)

// daemonFlags are the flags run and once share.
type daemonFlags struct {
	config    string
	dryRun    bool
	logLevel  string
	logFormat string
}

func (d *daemonFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.config, "config", "", "config file (default: the embedded default config)")
	fs.BoolVar(&d.dryRun, "dry-run", false, "print alerts to the terminal instead of posting them")
	fs.StringVar(&d.logLevel, "log-level", "", "debug, info, warn or error (default: from config)")
	fs.StringVar(&d.logFormat, "log-format", "", "text or json (default: from config; auto = text on a terminal)")
}

func cmdRun(ctx context.Context, e *env, args []string) error {
	a, err := newApp(ctx, e, "run", args)
	if err != nil {
		return err
	}
	return a.Run(ctx)
}

func cmdOnce(ctx context.Context, e *env, args []string) error {
	a, err := newApp(ctx, e, "once", args)
	if err != nil {
		return err
	}
	return a.Once(ctx)
}

// newApp parses the daemon flags and builds the app with a logger and the
// SIGHUP reload channel.
func newApp(ctx context.Context, e *env, name string, args []string) (*app.App, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var d daemonFlags
	d.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	// The config is read here for its log settings only; app.New checks it
	// and reports every problem, the rule files' included.
	var level, format string
	if cfg, err := app.LoadConfig(d.config, e.lookupEnv); err == nil {
		level, format = cfg.Log.Level, cfg.Log.Format
	}
	log := newLogger(e.stderr, pick(d.logLevel, level), pick(d.logFormat, format), e.stderrTerminal)
	return app.New(ctx, app.Options{
		ConfigPath: d.config, LookupEnv: e.lookupEnv, Logger: log, Reload: hangups(ctx),
		DryRun: d.dryRun, Terminal: e.stdout, Color: e.color(),
		Version: appVersion(), Commit: appCommit(),
	})
}

// parseFlags parses a command's flags: -h and --help come back as
// flag.ErrHelp (exit 0, usage printed), any other mistake as exit code 2.
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		return err
	}
	return &exitError{code: 2, err: err}
}

func pick(flagValue, cfgValue string) string {
	if flagValue != "" {
		return flagValue
	}
	return cfgValue
}

// newLogger makes the slog logger: text on a terminal, JSON otherwise,
// unless the format is set.
func newLogger(w io.Writer, level, format string, terminal bool) *slog.Logger {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		lv = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lv}
	if format == "json" || (format != "text" && !terminal) {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// signalContext is cancelled by the first SIGINT or SIGTERM; a second one
// exits at once (the outbox keeps what was not sent).
func signalContext() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-sigs
		cancel()
		<-sigs
		fmt.Fprintln(os.Stderr, "second signal: exiting now")
		os.Exit(130)
	}()
	return ctx, func() { signal.Stop(sigs); cancel() }
}

// hangups turns SIGHUP into reload requests until ctx ends.
func hangups(ctx context.Context) <-chan struct{} {
	out := make(chan struct{}, 1)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP)
	go func() {
		defer signal.Stop(sigs)
		for {
			select {
			case <-ctx.Done():
				return
			case <-sigs:
				select {
				case out <- struct{}{}:
				default:
				}
			}
		}
	}()
	return out
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func cmdVersion(ctx context.Context, e *env, args []string) error {
	v, c := buildVersion()
	fmt.Fprintf(e.stdout, "sanctionwatch %s (commit %s, %s %s/%s)\n", v, c,
		runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// buildVersion prefers what -ldflags set, then what the Go toolchain
// recorded: the module version for `go install ...@v1.2.3`, the VCS
// revision for a build in a checkout.
func buildVersion() (v, c string) {
	v, c = version, commit
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v, orUnknown(c)
	}
	if v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && c == "" {
			c = s.Value
		}
	}
	return v, orUnknown(c)
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func cmdSendTest(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("send-test", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfgPath := fs.String("config", "", "config file (default: the embedded default config)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return &exitError{code: 2, err: fmt.Errorf("usage: sanctionwatch send-test [--config F] DESTINATION")}
	}
	id, err := app.SendTest(ctx, app.Options{ConfigPath: *cfgPath, LookupEnv: e.lookupEnv,
		Terminal: e.stdout, Color: e.color()}, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "sent to %s (message %s)\n", fs.Arg(0), id)
	return nil
}

func appVersion() string { v, _ := buildVersion(); return v }

func appCommit() string { _, c := buildVersion(); return c }
