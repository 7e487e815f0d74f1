package delivery

import (
	"fmt"
	"reflect"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// destination is one place alerts go, with what the sender needs to post
// there. It has one worker while the sender runs: the only goroutine that
// takes alerts off its queue.
type destination struct {
	name          string
	cfg           config.Destination // as configured, to tell a changed one on reload
	shared        sharedConfig
	notifier      Notifier
	limit         limiters
	immediateFrom story.Severity // alerts below this wait for the digest
	digest        cron.Schedule  // nil: no digest
	wake          chan struct{}
	failed        atomic.Bool // Discord refused the destination; held until it changes
	// threads is set when the destination asked for a thread per event
	// and its notifier can open them (a bot channel; not the terminal).
	threads threader
	// forum: the channel is a forum, where the notifier makes every post
	// a thread of its own; the sender keeps it as the event's thread.
	forum bool
}

func (d *destination) stopped() bool { return d.failed.Load() }

// Destinations is a checked set of destinations and the delivery policy,
// ready to be applied to a running sender (see Sender.Prepare).
type Destinations struct {
	maxAge time.Duration
	window time.Duration
	// escalateAfter is events.escalate_after: the outlets at which an
	// event's post turns one severity up and pings, once; 0 never.
	escalateAfter int
	admin         string
	list          []*destination
	byName        map[string]*destination
}

// sharedConfig is the configuration outside a destination's own block
// that its notifier was built with: a change to it must rebuild the
// destination on reload, as a change to its own block does.
type sharedConfig struct {
	discord      config.Discord
	translateURL string // delivery.translate_url, rendered into every alert
}

// names lists the destinations in config order.
func (ds *Destinations) names() []string {
	out := make([]string, len(ds.list))
	for i, d := range ds.list {
		out[i] = d.name
	}
	return out
}

// prepare builds the destinations of cfg. A destination whose config
// (and the shared config it was built with) did not change is carried over from old
// as it is, with its notifier, limiter and worker: a reload never restarts
// what it did not change.
func (s *Sender) prepare(cfg *config.Config, notifiers map[string]Notifier, old *Destinations) (*Destinations, error) {
	ds := &Destinations{maxAge: cfg.Delivery.MaxAge, window: max(cfg.Delivery.DedupWindow, 0),
		escalateAfter: cfg.Events.EscalateAfter, admin: cfg.Routing.Admin, byName: map[string]*destination{}}
	if ds.maxAge <= 0 {
		ds.maxAge = defaultMaxAge
	}
	cfgs := cfg.Destinations
	if len(cfgs) == 0 {
		cfgs = []config.Destination{{Name: Terminal}}
	}
	var bot *limiter
	shared := sharedConfig{discord: cfg.Discord, translateURL: cfg.Delivery.TranslateURL}
	for _, c := range cfgs {
		d, err := s.destinationFor(c, shared, notifiers, old, &bot)
		if err != nil {
			return nil, fmt.Errorf("destination %q: %w", c.Name, err)
		}
		ds.list = append(ds.list, d)
		ds.byName[d.name] = d
	}
	if ds.admin != "" && ds.byName[ds.admin] == nil {
		return nil, fmt.Errorf("routing.admin names unknown destination %q", ds.admin)
	}
	return ds, nil
}

func (s *Sender) destinationFor(c config.Destination, sc sharedConfig, notifiers map[string]Notifier, old *Destinations, bot **limiter) (*destination, error) {
	if old != nil {
		if d := old.byName[c.Name]; d != nil && reflect.DeepEqual(d.cfg, c) && d.shared == sc {
			if len(d.limit) > 1 && *bot == nil {
				*bot = d.limit[1] // bot destinations keep sharing one limiter
			}
			return d, nil
		}
	}
	return s.newDestination(c, sc, notifiers[c.Name], bot)
}

func (s *Sender) newDestination(c config.Destination, sc sharedConfig, n Notifier, bot **limiter) (*destination, error) {
	if n == nil {
		return nil, fmt.Errorf("no notifier")
	}
	d := &destination{name: c.Name, cfg: c, shared: sc, notifier: n, wake: make(chan struct{}, 1), forum: c.Discord.Forum}
	if t, ok := n.(threader); ok && (c.Discord.Threads || c.Discord.Forum) {
		d.threads = t
	}
	d.limit = limiters{newLimiter(webhookRequests, webhookWindow, s.opt.Now, s.opt.Sleep)}
	if c.Discord.Webhook == "" && c.Discord.ChannelID != "" {
		if *bot == nil {
			*bot = newLimiter(botRequests, botWindow, s.opt.Now, s.opt.Sleep)
		}
		d.limit = append(d.limit, *bot)
	}
	return d, s.setDigest(d, c.Digest)
}

func (s *Sender) setDigest(d *destination, g config.Digest) error {
	below, err := parseSeverity(g.Below)
	if err != nil || below == 0 {
		return err
	}
	sched, err := config.ParseSchedule(g.Schedule)
	if err != nil {
		return fmt.Errorf("digest schedule %q: %w", g.Schedule, err)
	}
	d.immediateFrom, d.digest = below, sched
	return nil
}

// Destinations names the configured destinations, in config order.
func (s *Sender) Destinations() []string { return s.current().names() }
