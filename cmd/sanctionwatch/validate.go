package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/sanctionwatch/sanctionwatch/app"
)

// cmdValidate checks the config and the rules and prints every error.
func cmdValidate(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cfgPath := fs.String("config", "", "config file (default: the embedded default config)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	rep, err := app.Validate(ctx, *cfgPath, e.lookupEnv)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "ok: %d rules, %d terms, %d entities, %d lists; %d feeds, %d destinations\n",
		rep.Rules.Rules, rep.Rules.Terms, rep.Rules.Entities, rep.Rules.Lists, rep.Feeds, rep.Destinations)
	return nil
}
