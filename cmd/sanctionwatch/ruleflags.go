package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/app"
	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/rules"
)

// pathsFlag collects a repeatable --rules PATH.
type pathsFlag []string

func (p *pathsFlag) String() string { return strings.Join(*p, ",") }

func (p *pathsFlag) Set(v string) error {
	if v == "" {
		return fmt.Errorf("empty path")
	}
	*p = append(*p, v)
	return nil
}

// ruleFlags are the flags of commands that run rules over stories: the
// config, and candidate rule files in place of its rules.paths.
type ruleFlags struct {
	config string
	paths  pathsFlag
}

func (r *ruleFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&r.config, "config", "", "config file (default: the embedded default config)")
	fs.Var(&r.paths, "rules", "candidate rule file or folder in place of the config's rules.paths (repeatable)")
}

// load reads the config and compiles the current rules, or the candidate
// ones, with the sanctions lists already imported.
func (r *ruleFlags) load(ctx context.Context, e *env) (*config.Config, *rules.RuleSet, error) {
	cfg, err := app.LoadConfig(r.config, e.lookupEnv)
	if err != nil {
		return nil, nil, err
	}
	candidate := *cfg
	if len(r.paths) > 0 {
		candidate.Rules.Paths = r.paths
	}
	rs, err := app.LoadRulesWithLists(ctx, &candidate)
	if err != nil {
		return nil, nil, err
	}
	return cfg, rs, nil
}

// ratioFlag is a number from 0 to 1 that remembers whether it was given,
// so that a written 0 is a threshold of 0, not "no threshold".
type ratioFlag struct {
	v   float64
	set bool
}

func (r *ratioFlag) String() string {
	if !r.set {
		return ""
	}
	return strconv.FormatFloat(r.v, 'g', -1, 64)
}

func (r *ratioFlag) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v > 1 {
		return fmt.Errorf("want a number from 0 to 1, got %q", s)
	}
	r.v, r.set = v, true
	return nil
}
