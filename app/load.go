// Package app wires sanctionwatch together and owns its lifecycle: config,
// store, rules, watchers, delivery, reload and the HTTP endpoint. It never
// touches os/signal or os.Exit, so tests run the whole daemon in-process.
package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/internal/spelling"
	"github.com/sanctionwatch/sanctionwatch/rules"
)

// LoadConfig reads the config file at path, or the embedded default config
// when path is empty. lookupEnv expands ${VARS} in it. Any problem makes it
// fail: a config that did not pass its checks is never used.
func LoadConfig(path string, lookupEnv func(string) (string, bool)) (*config.Config, error) {
	cfg, err := loadConfigAll(path, lookupEnv)
	if err != nil {
		return nil, err
	}
	return cfg, nil
}

// LoadRules reads and compiles the rule files cfg names: the embedded
// default pack (unless switched off), the user's files, and one generated
// rule per sanctions list, with the entities of the lists already
// imported. Rules that cfg disables are dropped; naming a rule that does
// not exist is an error at its place in the config, since it is most
// likely a typo. Rule paths that do not exist are left to the config's own
// check, so that one missing path does not hide the other files' errors.
func LoadRules(cfg *config.Config, lists Lists) (*rules.RuleSet, error) {
	srcs, err := ruleSources(cfg)
	if err != nil {
		return nil, err
	}
	env := rules.Env{Entities: lists.Entities, Pending: lists.Pending, Generated: listRules(cfg.Lists)}
	for _, l := range cfg.Lists {
		env.Lists = append(env.Lists, l.Name)
	}
	rs, err := rules.Compile(srcs, env)
	if err != nil {
		// Still check rules.disabled, against the ids the files define, so
		// that every mistake is reported in one go.
		return nil, errors.Join(checkDisabled(cfg, rules.DefinedIDs(srcs, env.Generated)), err)
	}
	if err := checkDisabled(cfg, rs.RuleIDs()); err != nil {
		return nil, err
	}
	return rs.Without(cfg.Rules.Disabled), nil
}

// ruleSources reads the rule files cfg names: the default pack unless
// switched off, then the user's files.
func ruleSources(cfg *config.Config) ([]rules.Source, error) {
	var srcs []rules.Source
	if cfg.Rules.DefaultPack {
		srcs = append(srcs, rules.DefaultPack()...)
	}
	user, err := rules.ReadPaths(existing(cfg.Rules.Paths))
	if err != nil {
		return nil, err
	}
	return append(srcs, user...), nil
}

// RuleIDs lists the ids of the rules cfg loads, generated ones included,
// read without compiling, for commands that check a rule name.
func RuleIDs(cfg *config.Config) ([]string, error) {
	srcs, err := ruleSources(cfg)
	if err != nil {
		return nil, err
	}
	return rules.DefinedIDs(srcs, listRules(cfg.Lists)), nil
}

// LoadConfigToRead reads the config for commands that only report on the
// state file (feeds, lists, status, alerts). They need its state_file and
// names, not its secrets: problems such as an unset ${DISCORD_WEBHOOK_URL}
// are ignored here, since validate and run report them. It fails only when
// the file cannot be read as YAML.
func LoadConfigToRead(path string, lookupEnv func(string) (string, bool)) (*config.Config, error) {
	cfg, err := loadConfigAll(path, lookupEnv)
	if cfg == nil {
		return nil, err
	}
	return cfg, nil
}

// existing drops the paths that do not exist.
func existing(paths []string) []string {
	var out []string
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// checkDisabled reports every rules.disabled entry that names no rule.
func checkDisabled(cfg *config.Config, ids []string) error {
	var errs config.Errors
	for i, d := range cfg.Rules.Disabled {
		if slices.Contains(ids, d) {
			continue
		}
		hint := ""
		if near, ok := spelling.Nearest(d, ids); ok {
			hint = fmt.Sprintf("; did you mean %q?", near)
		}
		errs = append(errs, cfg.ErrorAt(fmt.Sprintf("rules.disabled[%d]", i),
			"rules.disabled names unknown rule %q%s", d, hint))
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// listRules makes one rule per sanctions list, firing when a story names
// one of its parties, routed like the list's change alerts.
func listRules(lists []config.List) []rules.Spec {
	out := make([]rules.Spec, 0, len(lists))
	for _, l := range lists {
		out = append(out, rules.Spec{ID: "listed-" + l.Name, Title: "Names a party on the " + l.Name + " list",
			Severity: "high", Tags: []string{"sanctions-list"}, Route: l.Route, Query: "@list:" + l.Name})
	}
	return out
}

// LoadRulesWithLists is LoadRules plus the parties of every sanctions list
// already imported into cfg's state file, for `test` and `validate`. It
// only reads the state file; a missing one just means no lists yet.
func LoadRulesWithLists(ctx context.Context, cfg *config.Config) (*rules.RuleSet, error) {
	lists, err := readLists(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return LoadRules(cfg, lists)
}
