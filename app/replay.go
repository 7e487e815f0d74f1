package app

import (
	"context"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery"
	"github.com/sanctionwatch/sanctionwatch/replay"
	"github.com/sanctionwatch/sanctionwatch/rules"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Classifier decides what would alert on a stored story under cfg and rs
// the way a poll does: only the rules its feed allows, and only if routing
// sends the matches somewhere. A feed no longer configured gets all rules.
func Classifier(cfg *config.Config, rs *rules.RuleSet) (replay.Classifier, error) {
	router, err := delivery.NewRouter(cfg)
	if err != nil {
		return nil, err
	}
	feeds := make(map[string]config.Feed, len(cfg.Feeds))
	for _, f := range cfg.Feeds {
		feeds[f.Name] = f
	}
	return func(s *story.Story) []story.Match {
		res := rs.MatchWith(s, rules.MatchOptions{Allow: feedFilter(feeds[s.FeedID])})
		if len(res.Matches) == 0 || len(router.Route(*s, res.Matches)) == 0 {
			return nil
		}
		return res.Matches
	}, nil
}

// Replay runs rs over the stories st keeps, as cfg would route them.
func Replay(ctx context.Context, cfg *config.Config, rs *rules.RuleSet, st *store.Store, opts replay.Options) (*replay.Report, error) {
	classify, err := Classifier(cfg, rs)
	if err != nil {
		return nil, err
	}
	return replay.Run(ctx, st, classify, opts)
}
