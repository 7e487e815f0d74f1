package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	sanctionwatch "github.com/sanctionwatch/sanctionwatch"
	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery"
	"github.com/sanctionwatch/sanctionwatch/rules"
)

// Report sums up a valid configuration.
type Report struct {
	Rules        rules.Stats
	Feeds        int
	Destinations int
}

// Validate makes every check run makes before it starts, without starting
// anything or writing the state file: the config, the rule files with
// every rule's examples and the sanctions lists already imported,
// rules.disabled and rule routes. The error lists every problem at once,
// each at its position.
func Validate(ctx context.Context, path string, lookupEnv func(string) (string, bool)) (Report, error) {
	cfg, cfgErr := loadConfigAll(path, lookupEnv)
	if cfgErr != nil {
		return Report{}, checkBroken(ctx, cfg, cfgErr)
	}
	lists, err := readLists(ctx, cfg)
	if err != nil {
		return Report{}, err
	}
	rs, _, err := check(cfg, nil, lists)
	if err != nil {
		return Report{}, err
	}
	return Report{Rules: rs.Stats(), Feeds: len(cfg.Feeds), Destinations: len(cfg.Destinations)}, nil
}

// check is the one checking path of validate and run. cfgErr is what the
// config's own checks found; the rules are checked all the same, so a
// missing rule path or a bad webhook does not hide the rule files' errors.
func check(cfg *config.Config, cfgErr error, lists Lists) (*rules.RuleSet, *delivery.Router, error) {
	rs, err := LoadRules(cfg, lists)
	if err != nil {
		return nil, nil, errors.Join(cfgErr, err)
	}
	if cfgErr != nil {
		return nil, nil, cfgErr
	}
	if err := checkRoutes(cfg, rs); err != nil {
		return nil, nil, err
	}
	router, err := delivery.NewRouter(cfg)
	if err != nil {
		return nil, nil, err
	}
	return rs, router, nil
}

// checkBroken completes the report on a config that failed its own
// checks with what validate would add (the rule files' errors), so that
// run refuses with the same list of problems validate prints.
func checkBroken(ctx context.Context, cfg *config.Config, cfgErr error) error {
	if cfg == nil {
		return cfgErr
	}
	lists, err := readLists(ctx, cfg)
	if err != nil {
		return errors.Join(cfgErr, err)
	}
	_, _, err = check(cfg, cfgErr, lists)
	return err
}

// checkRoutes reports rules that route to destinations the config lacks.
// With no destinations at all everything prints to the terminal, so any
// route is fine.
func checkRoutes(cfg *config.Config, rs *rules.RuleSet) error {
	if len(cfg.Destinations) == 0 {
		return nil
	}
	var errs []error
	for dest, rule := range rs.Routes() {
		if _, ok := cfg.Destination(dest); !ok {
			errs = append(errs, fmt.Errorf("rule %q routes to unknown destination %q", rule, dest))
		}
	}
	return errors.Join(errs...)
}

// loadConfigAll reads the config at path, or the embedded default when
// path is empty, and returns it with every problem its own checks found;
// the config is nil only when the file could not be read as YAML.
func loadConfigAll(path string, lookupEnv func(string) (string, bool)) (*config.Config, error) {
	if path == "" {
		return config.ParseAll(config.EmbeddedName, sanctionwatch.DefaultConfig, lookupEnv)
	}
	// An absolute path makes relative paths in the file resolve the same
	// way at start and at every reload, whatever the working directory.
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	cfg, err := config.ParseAll(path, data, lookupEnv)
	if cfg != nil {
		cfg.Path = path
	}
	return cfg, err
}
