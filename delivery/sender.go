package delivery

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Defaults for Config.Delivery fields left at zero.
const (
	defaultMaxAge = 24 * time.Hour
	idlePoll      = 2 * time.Second
)

// Discord's documented request limits that the sender keeps under.
const (
	webhookRequests = 5
	webhookWindow   = 2 * time.Second
	botRequests     = 50
	botWindow       = time.Second
)

// SenderOptions wires a Sender. Store, Notifiers and Config are required.
type SenderOptions struct {
	Store     *store.Store
	Notifiers map[string]Notifier // one per destination name (Terminal when none is configured)
	Config    *config.Config
	Logger    *slog.Logger
	Metrics   *Metrics
	// Now and Sleep are the clock; tests pass a fake one so that an outage
	// of minutes takes no time. Sleep returns ctx.Err() when ctx ends.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	Rand  func() float64 // jitter in [0,1); default math/rand/v2
}

// Sender drains the outbox to Discord. Every destination has its own worker
// and rate limiter, so a blocked destination never holds up another.
type Sender struct {
	opt    SenderOptions
	log    *slog.Logger
	maxAge time.Duration
	window time.Duration
	admin  string
	dests  []*destination
	byName map[string]*destination
}

// NewSender checks that every destination has a notifier and sets up each
// one's rendering options, limiter and digest schedule.
func NewSender(o SenderOptions) (*Sender, error) {
	if o.Store == nil || o.Config == nil {
		return nil, errors.New("new sender: store and config are required")
	}
	fillClock(&o)
	s := &Sender{opt: o, log: o.Logger, maxAge: o.Config.Delivery.MaxAge, window: o.Config.Delivery.DedupWindow,
		admin: o.Config.Routing.Admin, byName: map[string]*destination{}}
	if s.maxAge <= 0 {
		s.maxAge = defaultMaxAge
	}
	if err := s.addDestinations(); err != nil {
		return nil, fmt.Errorf("new sender: %w", err)
	}
	return s, nil
}

func fillClock(o *SenderOptions) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Wake tells idle workers that alerts were queued, so they need not wait for
// their next look at the outbox.
func (s *Sender) Wake() {
	for _, d := range s.dests {
		select {
		case d.wake <- struct{}{}:
		default:
		}
	}
}

// Run drains the outbox until ctx ends, then returns nil. It owns one worker
// per destination (and one digest loop per digest destination) and returns
// only after all of them have stopped.
func (s *Sender) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	for _, d := range s.dests {
		wg.Go(func() { s.work(ctx, d) })
		if d.digest != nil {
			wg.Go(func() { s.digestLoop(ctx, d) })
		}
	}
	wg.Wait()
	return nil
}

// Flush sends everything queued for immediate delivery and returns: for
// `once` and for shutdown. It waits out retries, so callers bound it with
// ctx; it returns ctx's error if alerts were still waiting when ctx ended.
// Destinations are flushed in parallel.
func (s *Sender) Flush(ctx context.Context) error {
	errs := make([]error, len(s.dests))
	var wg sync.WaitGroup
	for i, d := range s.dests {
		wg.Go(func() { errs[i] = s.drain(ctx, d) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// work drains d whenever woken or every idlePoll, until ctx ends.
func (s *Sender) work(ctx context.Context, d *destination) {
	t := time.NewTicker(idlePoll)
	defer t.Stop()
	for {
		if err := s.drain(ctx, d); err != nil && ctx.Err() == nil {
			s.log.Error("drain outbox", slog.String("destination", d.name), slog.String("error", err.Error()))
		}
		select {
		case <-ctx.Done():
			return
		case <-d.wake:
		case <-t.C:
		}
	}
}

// drain sends d's queue head after head, in order, until the queue is empty,
// d has been stopped, or ctx ends. A head waiting for a retry is waited for,
// never skipped.
func (s *Sender) drain(ctx context.Context, d *destination) error {
	defer s.updateDepth(ctx, d)
	for !d.stopped() {
		it, ok, err := s.opt.Store.NextAlert(ctx, d.name, d.immediateFrom)
		if err != nil || !ok {
			return err
		}
		if wait := it.NextAttempt.Sub(s.opt.Now()); wait > 0 {
			if err := s.opt.Sleep(ctx, wait); err != nil {
				return err
			}
		}
		if err := s.deliver(ctx, d, it); err != nil {
			return err
		}
	}
	return nil
}

func (s *Sender) updateDepth(ctx context.Context, d *destination) {
	if s.opt.Metrics == nil || ctx.Err() != nil {
		return
	}
	stats, err := s.opt.Store.OutboxStats(ctx)
	if err != nil {
		return
	}
	for _, st := range stats {
		if st.Destination == d.name {
			s.opt.Metrics.setDepth(d.name, st.Depth)
		}
	}
}

// isNotice says whether an alert is an operator notice rather than a story.
func isNotice(a story.Alert) bool { return a.Story.FeedID == noticeFeed }
