package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/sanctionwatch/sanctionwatch/mutes"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// applyMutes silences what the mutes in force cover. The mutes are read
// from the state file each time, so one set from Discord or the command
// line applies to the next story, and an expired one to none. If they
// cannot be read the alerts go out: a missed mute is noise, a lost alert
// is worse.
func (a *App) applyMutes(alerts []story.Alert) []story.Alert {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	ms, err := a.store.ActiveMutes(ctx)
	if err != nil {
		a.log.Warn("mutes not applied", slog.Any("error", err))
		return alerts
	}
	set := mutes.NewSet(ms, a.opts.Now())
	if set.Empty() {
		return alerts
	}
	for i := range alerts {
		alerts[i] = set.Apply(alerts[i])
		if alerts[i].Muted != "" {
			a.log.Info("alert muted", slog.String("title", alerts[i].Story.Title),
				slog.String("destination", alerts[i].Destination), slog.String("why", alerts[i].Muted))
		}
	}
	return alerts
}
