package app

import (
	"context"
	"log/slog"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// applyHistory tells the store how much of each new story to keep for
// replay; history.text_cap 0 or history.retention 0 keep nothing.
func (a *App) applyHistory(h config.History) {
	if !h.Keeps() {
		a.store.SetTextCap(0)
		return
	}
	a.store.SetTextCap(h.TextCap)
}

// pruneTexts forgets story texts past the history retention.
func (a *App) pruneTexts(ctx context.Context) {
	n, err := a.store.PruneTexts(ctx, a.cfg.Load().History.Retention)
	switch {
	case err != nil && ctx.Err() == nil:
		a.log.Warn("prune story texts", slog.Any("error", err))
	case n > 0:
		a.log.Info("pruned story texts", slog.Int("texts", n))
	}
}
