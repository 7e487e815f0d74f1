package delivery

import (
	"fmt"
	"sync/atomic"

	"github.com/robfig/cron/v3"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery/discord"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// destination is one place alerts go, with what the sender needs to post
// there.
type destination struct {
	name          string
	notifier      Notifier
	render        discord.RenderOptions
	limit         limiters
	immediateFrom story.Severity // alerts below this wait for the digest
	digest        cron.Schedule  // nil: no digest
	wake          chan struct{}
	failed        atomic.Bool // Discord refused the destination; held until restart
}

func (d *destination) stopped() bool { return d.failed.Load() }

func (s *Sender) addDestinations() error {
	cfgs := s.opt.Config.Destinations
	if len(cfgs) == 0 {
		cfgs = []config.Destination{{Name: Terminal}}
	}
	var bot *limiter
	for _, c := range cfgs {
		d, err := s.newDestination(c, &bot)
		if err != nil {
			return fmt.Errorf("destination %q: %w", c.Name, err)
		}
		s.dests = append(s.dests, d)
		s.byName[d.name] = d
	}
	if s.admin != "" && s.byName[s.admin] == nil {
		return fmt.Errorf("routing.admin names unknown destination %q", s.admin)
	}
	return nil
}

func (s *Sender) newDestination(c config.Destination, bot **limiter) (*destination, error) {
	n := s.opt.Notifiers[c.Name]
	if n == nil {
		return nil, fmt.Errorf("no notifier")
	}
	from, err := parseSeverity(c.MentionFrom)
	if err != nil {
		return nil, fmt.Errorf("mention_from: %w", err)
	}
	d := &destination{name: c.Name, notifier: n, wake: make(chan struct{}, 1),
		render: discord.RenderOptions{MentionRole: c.MentionRole, MentionFrom: from,
			TranslateURL: s.opt.Config.Delivery.TranslateURL}}
	d.limit = limiters{newLimiter(webhookRequests, webhookWindow, s.opt.Now, s.opt.Sleep)}
	if c.Webhook == "" && c.ChannelID != "" {
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
	sched, err := cron.ParseStandard(g.Schedule)
	if err != nil {
		return fmt.Errorf("digest schedule %q: %w", g.Schedule, err)
	}
	d.immediateFrom, d.digest = below, sched
	return nil
}

// Names of the configured destinations, in config order.
func (s *Sender) Destinations() []string {
	out := make([]string, len(s.dests))
	for i, d := range s.dests {
		out[i] = d.name
	}
	return out
}
