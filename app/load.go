// Package app wires sanctionwatch together and owns its lifecycle: config,
// store, rules, watchers, delivery, reload and the HTTP endpoint. It never
// touches os/signal or os.Exit, so tests run the whole daemon in-process.
package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	sanctionwatch "github.com/sanctionwatch/sanctionwatch"
	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/store"
)

// LoadConfig reads the config file at path, or the embedded default config
// when path is empty. lookupEnv expands ${VARS} in it.
func LoadConfig(path string, lookupEnv func(string) (string, bool)) (*config.Config, error) {
	if path == "" {
		return config.Parse("config.yaml (embedded)", sanctionwatch.DefaultConfig, lookupEnv)
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
	cfg, err := config.Parse(path, data, lookupEnv)
	if err != nil {
		return nil, err
	}
	cfg.Path = path
	return cfg, nil
}

// LoadRules reads and compiles the rule files cfg names: the embedded
// default pack (unless switched off) and the user's files, plus entities
// from sanctions lists. Rules that cfg disables are dropped; naming a rule
// that does not exist is an error, since it is most likely a typo.
func LoadRules(cfg *config.Config, extra []*rules.Entity) (*rules.RuleSet, error) {
	var srcs []rules.Source
	if cfg.Rules.DefaultPack {
		srcs = append(srcs, rules.DefaultPack()...)
	}
	user, err := rules.ReadPaths(cfg.Rules.Paths)
	if err != nil {
		return nil, err
	}
	srcs = append(srcs, user...)
	if len(cfg.Lists) > 0 {
		srcs = append(srcs, listRules(cfg.Lists))
	}
	rs, err := rules.Compile(srcs, extra)
	if err != nil {
		return nil, err
	}
	ids := rs.RuleIDs()
	for _, d := range cfg.Rules.Disabled {
		if !slices.Contains(ids, d) {
			return nil, fmt.Errorf("config: rules.disabled names unknown rule %q", d)
		}
	}
	return rs.Without(cfg.Rules.Disabled), nil
}

// listRules makes one rule per sanctions list, firing when a story names
// one of its parties, routed like the list's change alerts.
func listRules(lists []config.List) rules.Source {
	var b strings.Builder
	b.WriteString("rules:\n")
	for _, l := range lists {
		fmt.Fprintf(&b, "  - id: listed-%s\n    title: %q\n    severity: high\n    tags: [sanctions-list]\n",
			l.Name, "Names a party on the "+l.Name+" list")
		if len(l.Route) > 0 {
			fmt.Fprintf(&b, "    route: [%s]\n", strings.Join(l.Route, ", "))
		}
		fmt.Fprintf(&b, "    query: '@list:%s'\n", l.Name)
	}
	return rules.Source{Name: "config lists (generated rules)", Data: []byte(b.String())}
}

// LoadRulesWithLists is LoadRules plus the parties of every sanctions list
// already imported into cfg's state file, for `test` and `validate`. A
// missing state file just means no lists yet.
func LoadRulesWithLists(ctx context.Context, cfg *config.Config) (*rules.RuleSet, error) {
	if _, err := os.Stat(cfg.StateFile); err != nil || len(cfg.Lists) == 0 {
		return LoadRules(cfg, nil)
	}
	st, err := store.Open(ctx, cfg.StateFile)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	ents, err := listEntities(ctx, st, cfg.Lists)
	if err != nil {
		return nil, err
	}
	return LoadRules(cfg, ents)
}
