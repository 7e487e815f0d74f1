package app

import (
	"errors"
	"fmt"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/rules"
)

// Report sums up a valid configuration.
type Report struct {
	Rules        rules.Stats
	Feeds        int
	Destinations int
}

// Validate loads the config at path (or the embedded default) and its
// rules, runs every rule's examples, and checks that rule routes name
// configured destinations. The error lists every problem found.
func Validate(path string, lookupEnv func(string) (string, bool)) (Report, error) {
	cfg, err := LoadConfig(path, lookupEnv)
	if err != nil {
		return Report{}, err
	}
	rs, err := LoadRules(cfg, nil)
	if err != nil {
		return Report{}, err
	}
	if err := checkRoutes(cfg, rs); err != nil {
		return Report{}, err
	}
	return Report{Rules: rs.Stats(), Feeds: len(cfg.Feeds), Destinations: len(cfg.Destinations)}, nil
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
