package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/replay"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/store"
)

// ruleChangeWindow is how far back a reload looks to say what new rules
// would have changed.
const ruleChangeWindow = 7 * 24 * time.Hour

// rulesFingerprint hashes what decides the rules: the pack switch, the
// rule files' bytes, the disabled ids and the lists. A reload that leaves
// it alone (feeds or destinations edited) changed no rule.
func rulesFingerprint(cfg *config.Config) string {
	h := sha256.New()
	fmt.Fprintf(h, "pack=%t disabled=%q\n", cfg.Rules.DefaultPack, cfg.Rules.Disabled)
	for _, l := range cfg.Lists {
		fmt.Fprintf(h, "list=%s\n", l.Name)
	}
	srcs, err := rules.ReadPaths(cfg.Rules.Paths)
	if err != nil {
		fmt.Fprintf(h, "unreadable=%v\n", err)
	}
	for _, s := range srcs {
		fmt.Fprintf(h, "file=%s %d\n", s.Name, len(s.Data))
		h.Write(s.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// oldRules stands in for the outbox when comparing two rule sets: what
// the old rules would have alerted is what "did" alert.
type oldRules struct {
	*store.Store
	would map[store.StoryRef][]string
}

func (o oldRules) AlertedRules(context.Context, time.Time) (map[store.StoryRef][]string, error) {
	return o.would, nil
}

// ruleChange replays the last week under the old and the new rules and
// returns how the new ones differ; nil when no history is kept.
func (a *App) ruleChange(ctx context.Context, oldCfg, newCfg *config.Config, oldRS, newRS *rules.RuleSet) (*replay.Report, error) {
	if !newCfg.History.Keeps() {
		return nil, nil
	}
	opts := replay.Options{Since: a.opts.Now().Add(-ruleChangeWindow)}
	before, err := Replay(ctx, oldCfg, oldRS, a.store, opts)
	if err != nil {
		return nil, err
	}
	would := make(map[store.StoryRef][]string, len(before.Would))
	for _, it := range before.Would {
		would[store.StoryRef{FeedID: it.Feed, Key: it.Key}] = it.Rules
	}
	classify, err := Classifier(newCfg, newRS)
	if err != nil {
		return nil, err
	}
	return replay.Run(ctx, oldRules{a.store, would}, classify, opts)
}

// reportRuleChange logs and tells the admin destination what a reload's
// rule change would have done over the last week.
func (a *App) reportRuleChange(ctx context.Context, oldCfg, newCfg *config.Config, oldRS, newRS *rules.RuleSet) {
	rep, err := a.ruleChange(ctx, oldCfg, newCfg, oldRS, newRS)
	if err != nil {
		a.log.Warn("could not replay the last week under the new rules", slog.Any("error", err))
		return
	}
	if rep == nil {
		return
	}
	summary := rep.Summary()
	a.log.Info("rules changed; over the last 7 days they would have given "+summary,
		slog.Int("stories", rep.Stories), slog.Int("new", len(rep.New)), slog.Int("lost", len(rep.Lost)))
	a.notice("Rules changed: "+summary+" over the last 7 days", changeDetail(rep))
}

// changeDetail lists a few of the stories gained and lost.
func changeDetail(r *replay.Report) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Replayed %d stories seen in the last 7 days.", r.Stories)
	for _, part := range []struct {
		label string
		items []replay.Item
	}{{"New", r.New}, {"Lost", r.Lost}} {
		for i, it := range part.items {
			if i == 5 {
				fmt.Fprintf(&sb, "\n…and %d more", len(part.items)-5)
				break
			}
			fmt.Fprintf(&sb, "\n%s: %s", part.label, it.Title)
		}
	}
	return sb.String()
}
