package config

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// checker validates a decoded Config, placing each problem at the node of
// the value concerned (or the nearest enclosing one when the value was left
// out and came from the defaults).
type checker struct {
	errs *errorList
	pos  map[string]*yaml.Node
	bad  map[string]bool         // paths already reported as undecodable
	keys map[string]*yaml.Node   // key nodes by path, to tell a block written from one left out
	flat map[string][]*yaml.Node // keys of a block written flat, by block path
}

// errorf reports a problem with the value at path, unless that value (or
// one holding it) was already reported: a value that failed to decode is
// left empty, and "url is required" after "url: bad variable" is noise.
func (ch *checker) errorf(path, format string, args ...any) {
	if ch.reported(path) {
		return
	}
	ch.errs.at(ch.node(path), format, args...)
}

// reported reports whether path or a parent of it failed to decode.
func (ch *checker) reported(path string) bool {
	for path != "" {
		if ch.bad[path] {
			return true
		}
		path = parentPath(path)
	}
	return false
}

// parentPath drops the last key or index: "feeds[2].url" -> "feeds[2]".
func parentPath(path string) string {
	return path[:max(strings.LastIndexAny(path, ".["), 0)]
}

// node finds the node of path, walking up to its parents if it is absent.
func (ch *checker) node(path string) *yaml.Node {
	for {
		if n, ok := ch.pos[path]; ok {
			return n
		}
		if path == "" {
			return nil
		}
		path = parentPath(path)
	}
}

// validate checks every part of c; each check reports all it finds.
func (ch *checker) validate(c *Config) {
	ch.validateTop(c)
	ch.validateRules(c.Rules)
	ch.validateWatch(c.Watch)
	ch.validateFeeds(c.Feeds)
	names := destinationNames(c.Destinations)
	ch.validateLists(c.Lists, names)
	ch.validateDiscord(c.Discord)
	ch.validateDestinations(c.Destinations, c.Discord.Token != "")
	ch.validateRouting(c.Routing, names)
	ch.validateHistory(c.History)
	ch.validateInteractions(c.Interactions, c.Discord.Token != "")
}

// validateTop checks the settings at the top of the file.
func (ch *checker) validateTop(c *Config) {
	if c.StateFile == "" {
		ch.errorf("state_file", "state_file must not be empty")
	}
	ch.validateStateDSN(c)
	if c.Contact != "" && !strings.Contains(c.Contact, "@") && !isWebURL(c.Contact) {
		ch.errorf("contact", "contact must be an e-mail address or an http(s) URL")
	}
	if c.HTTP.Listen != "" {
		if _, port, err := net.SplitHostPort(c.HTTP.Listen); err != nil || port == "" {
			ch.errorf("http.listen", "http.listen must be host:port such as 127.0.0.1:9464, or empty to turn it off")
		}
	}
	ch.oneOf("log.level", c.Log.Level, "debug", "info", "warn", "error")
	ch.oneOf("log.format", c.Log.Format, "auto", "text", "json")
	ch.atLeast("delivery.max_age", int64(c.Delivery.MaxAge), 1)
	ch.atLeast("delivery.shutdown_grace", int64(c.Delivery.ShutdownGrace), 0)
	ch.atLeast("delivery.dedup_window", int64(c.Delivery.DedupWindow), 0)
	ch.atLeast("events.window", int64(c.Events.Window), 1)
	ch.atLeast("events.escalate_after", int64(c.Events.EscalateAfter), 0)
	ch.validTranslateURL(c.Delivery.TranslateURL)
}

// validateRules checks that every rule path exists.
func (ch *checker) validateRules(r Rules) {
	for i, p := range r.Paths {
		key := fmt.Sprintf("rules.paths[%d]", i)
		if p == "" {
			ch.errorf(key, "rules.paths: empty path")
			continue
		}
		if _, err := os.Stat(p); err != nil {
			ch.errorf(key, "rules.paths: %v", describeFileErr(p, err))
		}
	}
	for i, id := range r.Disabled {
		if strings.TrimSpace(id) == "" {
			ch.errorf(fmt.Sprintf("rules.disabled[%d]", i), "rules.disabled: empty rule id")
		}
	}
}

// validateWatch checks the polling defaults and limits.
func (ch *checker) validateWatch(w Watch) {
	ch.validCron("watch.schedule", w.Schedule, true)
	ch.atLeast("watch.jitter", int64(w.Jitter), 0)
	ch.atLeast("watch.timeout", int64(w.Timeout), 1)
	ch.atLeast("watch.connect_timeout", int64(w.ConnectTimeout), 1)
	ch.atLeast("watch.max_body_bytes", w.MaxBodyBytes, 1)
	ch.atLeast("watch.max_redirects", int64(w.MaxRedirects), 0)
	ch.atLeast("watch.concurrency", int64(w.Concurrency), 1)
	ch.atLeast("watch.per_host", int64(w.PerHost), 1)
	ch.atLeast("watch.max_backoff", int64(w.MaxBackoff), 1)
	ch.atLeast("watch.failure_threshold", int64(w.FailureThreshold), 1)
	ch.atLeast("watch.backfill", int64(w.Backfill), 0)
	ch.atLeast("watch.retention", int64(w.Retention), 1)
}

// atLeast reports a number (duration, count or size) below least; least
// is 0 (may be zero) or 1 (must be positive).
func (ch *checker) atLeast(path string, v, least int64) {
	switch {
	case v < least && least == 1:
		ch.errorf(path, "%s must be greater than zero", path)
	case v < least:
		ch.errorf(path, "%s must not be negative", path)
	}
}

// validCron checks a cron spec; an empty one is fine unless required.
func (ch *checker) validCron(path, spec string, required bool) {
	if spec == "" {
		if required {
			ch.errorf(path, "%s must not be empty", path)
		}
		return
	}
	if _, err := ParseSchedule(spec); err != nil {
		ch.errorf(path, "%s: bad schedule %q: %v (use 5 cron fields or e.g. @every 10m, @hourly)", path, spec, err)
	}
}

// oneOf reports a value that is not among the allowed ones.
func (ch *checker) oneOf(path, v string, allowed ...string) {
	if !slices.Contains(allowed, v) {
		ch.errorf(path, "%s: %q is not one of %s", path, v, strings.Join(allowed, ", "))
	}
}

// isWebURL reports whether s is an absolute http or https URL with a host.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// validTranslateURL checks the translation link template: a web URL once
// its placeholders are filled, using at least one of {url} and {title}.
func (ch *checker) validTranslateURL(tmpl string) {
	if tmpl == "" {
		return
	}
	filled := strings.NewReplacer("{url}", "x", "{title}", "x", "{lang}", "x").Replace(tmpl)
	switch {
	case !isWebURL(filled):
		ch.errorf("delivery.translate_url", "delivery.translate_url %q must be an http or https URL", tmpl)
	case !strings.Contains(tmpl, "{url}") && !strings.Contains(tmpl, "{title}"):
		ch.errorf("delivery.translate_url", "delivery.translate_url %q uses neither {url} nor {title}, so every link would be the same", tmpl)
	}
}
