package config

import (
	"fmt"
	"time"
)

// Destination returns the destination called name.
func (c *Config) Destination(name string) (Destination, bool) {
	for _, d := range c.Destinations {
		if d.Name == name {
			return d, true
		}
	}
	return Destination{}, false
}

// Feed returns the feed called name.
func (c *Config) Feed(name string) (Feed, bool) {
	for _, f := range c.Feeds {
		if f.Name == name {
			return f, true
		}
	}
	return Feed{}, false
}

// EffectiveSchedule is the feed's own cron spec, or the watch default.
func (f Feed) EffectiveSchedule(w Watch) string {
	if f.Schedule != "" {
		return f.Schedule
	}
	return w.Schedule
}

// EffectiveTimeout is the feed's own request timeout, or the watch default.
func (f Feed) EffectiveTimeout(w Watch) time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return w.Timeout
}

// IsChannel reports whether d posts through the bot to a channel rather
// than through a webhook.
func (d Destination) IsChannel() bool { return d.Discord.ChannelID != "" }

// ErrorAt makes an Error placed at the value written at path (such as
// "rules.disabled[2]"), or at the nearest enclosing value written, for
// checks that need more than the config to make (a disabled rule that no
// rule file defines).
func (c *Config) ErrorAt(path, format string, args ...any) Error {
	e := Error{File: c.source, Msg: fmt.Sprintf(format, args...)}
	ch := &checker{pos: c.pos}
	if n := ch.node(path); n != nil {
		e.Line, e.Col = n.Line, n.Column
	}
	return e
}
