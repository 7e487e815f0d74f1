package main

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"time"

	"github.com/sanctionwatch/sanctionwatch/app"
	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/internal/spelling"
	"github.com/sanctionwatch/sanctionwatch/store"
)

// durationFlag is a flag.Value taking what config.yaml takes: Go
// durations and whole days ("2d", "1d12h").
type durationFlag struct{ d *time.Duration }

func (f durationFlag) String() string {
	if f.d == nil {
		return ""
	}
	return f.d.String()
}

func (f durationFlag) Set(s string) error {
	d, err := config.ParseDuration(s)
	if err != nil {
		return err
	}
	if d <= 0 {
		return fmt.Errorf("%s is not a positive duration", s)
	}
	*f.d = d
	return nil
}

// alertRow is one alert of `alerts --json`.
type alertRow struct {
	QueuedAt    time.Time `json:"queued_at"`
	Severity    string    `json:"severity"`
	State       string    `json:"state"`
	Rules       []string  `json:"rules"`
	Destination string    `json:"destination"`
	Title       string    `json:"title"`
	Link        string    `json:"link"`
	Feed        string    `json:"feed"`
	Event       string    `json:"event,omitempty"` // alerts of one happening share it; notices have none
	Muted       string    `json:"muted,omitempty"` // which mute silenced it
}

func cmdAlerts(ctx context.Context, e *env, args []string) error {
	since := 24 * time.Hour
	var rule string
	var asJSON bool
	cfg, st, _, err := openState(ctx, e, "alerts", args, func(fs *flag.FlagSet) {
		fs.Var(durationFlag{&since}, "since", "how far back, e.g. 90m, 24h, 2d")
		fs.StringVar(&rule, "rule", "", "only alerts of this rule")
		fs.BoolVar(&asJSON, "json", false, "print JSON")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	if rule != "" {
		if err := knownRule(cfg, rule); err != nil {
			return err
		}
	}
	alerts, err := st.RecentAlerts(ctx, since, rule)
	if err != nil {
		return err
	}
	rows := alertRows(alerts)
	if asJSON {
		return writeJSONValue(e.stdout, rows)
	}
	printByEvent(e.stdout, rows)
	return nil
}

// knownRule refuses a rule id that no rule file of cfg defines: "0
// alerts" for a typo would read as "nothing happened".
func knownRule(cfg *config.Config, rule string) error {
	ids, err := app.RuleIDs(cfg)
	if err != nil {
		return err
	}
	if slices.Contains(ids, rule) {
		return nil
	}
	hint := ""
	if near, ok := spelling.Nearest(rule, ids); ok {
		hint = fmt.Sprintf("; did you mean %q?", near)
	}
	return &exitError{code: 2, err: fmt.Errorf("alerts: no rule %q is loaded%s", rule, hint)}
}

func alertRows(alerts []store.RecentAlert) []alertRow {
	rows := make([]alertRow, 0, len(alerts))
	for _, a := range alerts {
		s := a.Alert.Story
		r := alertRow{QueuedAt: a.QueuedAt, Severity: a.Alert.Severity.String(), State: a.State,
			Destination: a.Alert.Destination, Title: s.Title, Link: s.Link, Feed: s.FeedName,
			Event: a.Alert.Event, Muted: a.Alert.Muted}
		for _, m := range a.Alert.Matches {
			r.Rules = append(r.Rules, m.RuleID)
		}
		rows = append(rows, r)
	}
	return rows
}
