package delivery

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/lease"
	"github.com/sanctionwatch/sanctionwatch/store"
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
	// Leases, if set, lets only the instance holding "dest:<name>" drain
	// a destination's outbox, and only the one holding "digest:<name>"
	// post its digest, so that of several instances sharing one state
	// Discord sees one ordered stream per destination. nil drains without.
	Leases Leaser
}

// Leaser runs work under a named lease shared by every instance on the
// state (lease.Holder): f runs only if the lease could be taken, and took
// says whether it did; f's context ends if the lease is lost.
type Leaser interface {
	Do(ctx context.Context, name string, ttl time.Duration, f func(context.Context) error) (took bool, err error)
}

// destLease is how long a destination stays with an instance that stopped
// renewing: how long a dead instance's alerts wait before another
// instance's sender takes them on.
const destLease = 15 * time.Second

// Sender drains the outbox to Discord. Every destination has its own worker
// and rate limiter, so a blocked destination never holds up another, and
// its worker is the only goroutine that takes alerts off its queue: the
// shutdown flush is the same worker told to finish, never a second reader
// of the queue head (which posted alerts twice).
type Sender struct {
	opt     SenderOptions
	log     *slog.Logger
	run     atomic.Pointer[context.Context] // Run's context: only it ends a delivery begun
	set     atomic.Pointer[Destinations]
	changed chan struct{} // tells Run to start and stop workers
	finish  chan struct{} // closed by Finish
	once    sync.Once
	halt    chan struct{} // closed by Halt
	haltOne sync.Once
}

// NewSender checks that every destination has a notifier and sets up each
// one's rendering options, limiter and digest schedule.
func NewSender(o SenderOptions) (*Sender, error) {
	if o.Store == nil || o.Config == nil {
		return nil, errors.New("new sender: store and config are required")
	}
	fillClock(&o)
	s := &Sender{opt: o, log: o.Logger, changed: make(chan struct{}, 1), finish: make(chan struct{}),
		halt: make(chan struct{})}
	ds, err := s.prepare(o.Config, o.Notifiers, nil)
	if err != nil {
		return nil, fmt.Errorf("new sender: %w", err)
	}
	s.set.Store(ds)
	return s, nil
}

// Prepare checks the destinations of cfg (with their new notifiers) for a
// reload, without changing anything: unchanged destinations are carried
// over whole. Apply the result with Apply.
func (s *Sender) Prepare(cfg *config.Config, notifiers map[string]Notifier) (*Destinations, error) {
	return s.prepare(cfg, notifiers, s.current())
}

// Apply switches to ds: workers start for new and changed destinations
// and stop for removed and changed ones (a delivery in hand is finished
// first, so none is posted twice); the others go on undisturbed.
func (s *Sender) Apply(ds *Destinations) {
	s.set.Store(ds)
	select {
	case s.changed <- struct{}{}:
	default:
	}
}

func (s *Sender) current() *Destinations { return s.set.Load() }

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
	for _, d := range s.current().list {
		select {
		case d.wake <- struct{}{}:
		default:
		}
	}
}

// Finish tells the workers to send what is queued for immediate delivery
// and stop once their queues are empty; Run then returns. Callers bound
// the time this takes with Run's context.
func (s *Sender) Finish() { s.once.Do(func() { close(s.finish) }) }

// Halt tells a finishing sender to start no further delivery: each worker
// completes the one in hand and stops. A shutdown halts before its grace
// ends so that no request is cut off after Discord may have acted on it
// (a webhook post has no key to drop a repeat; the next start would post
// it again).
func (s *Sender) Halt() {
	s.Finish()
	s.haltOne.Do(func() { close(s.halt) })
}

func (s *Sender) halted() bool    { return closed(s.halt) }
func (s *Sender) finishing() bool { return closed(s.finish) }

// closed says, without waiting, whether ch has been closed.
func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// Run drains the outbox until ctx ends, or until the queues are empty
// after Finish, and then returns: nil, or ctx's error if ctx ended while
// finishing (alerts were still waiting). It owns one worker per
// destination, follows Apply, and returns only after every worker stopped.
func (s *Sender) Run(ctx context.Context) error {
	s.run.Store(&ctx)
	defer s.run.Store(nil)
	ws := map[*destination]*worker{}
	defer stopAll(ws)
	for {
		s.reconcile(ctx, ws)
		select {
		case <-ctx.Done():
			return nil
		case <-s.changed:
		case <-s.finish:
			return waitAll(ctx, ws)
		}
	}
}

// Flush sends everything queued for immediate delivery and returns, for
// `once`: Finish then Run. It must not be called while Run runs.
func (s *Sender) Flush(ctx context.Context) error {
	s.Finish()
	return s.Run(ctx)
}

// committed is the context for a delivery that has begun (its request and
// the write of its outcome): Run's, so that a worker retired by a reload
// finishes the delivery in hand rather than abandon it half done (which
// could post it twice), while a hard stop still ends it.
func (s *Sender) committed(ctx context.Context) context.Context {
	if run := s.run.Load(); run != nil {
		return *run
	}
	return ctx
}

// worker is the goroutine (and digest loop) that owns one destination.
type worker struct {
	stop context.CancelFunc
	done chan struct{}
}

// reconcile starts a worker for each current destination without one and
// stops the workers of destinations no longer current.
func (s *Sender) reconcile(ctx context.Context, ws map[*destination]*worker) {
	cur := s.current()
	for d, w := range ws {
		if cur.byName[d.name] != d {
			w.stop()
			<-w.done
			delete(ws, d)
		}
	}
	for _, d := range cur.list {
		if ws[d] == nil {
			ws[d] = s.startWorker(ctx, d)
		}
	}
}

func (s *Sender) startWorker(ctx context.Context, d *destination) *worker {
	wctx, stop := context.WithCancel(ctx)
	w := &worker{stop: stop, done: make(chan struct{})}
	go func() {
		defer close(w.done)
		var wg sync.WaitGroup
		wg.Go(func() { s.work(wctx, d) })
		if d.digest != nil {
			// The digest waits for its schedule; finishing ends that wait.
			dctx, stopDigest := context.WithCancel(wctx)
			wg.Go(func() { s.digestLoop(dctx, d) })
			wg.Go(func() {
				defer stopDigest()
				select {
				case <-s.finish:
				case <-dctx.Done():
				}
			})
		}
		wg.Wait()
	}()
	return w
}

func stopAll(ws map[*destination]*worker) {
	for _, w := range ws {
		w.stop()
	}
	for _, w := range ws {
		<-w.done
	}
}

// waitAll waits for finishing workers, or for ctx.
func waitAll(ctx context.Context, ws map[*destination]*worker) error {
	for _, w := range ws {
		select {
		case <-w.done:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// work drains d whenever woken or every idlePoll, until ctx ends, or until
// d's queue is empty once the sender is finishing.
func (s *Sender) work(ctx context.Context, d *destination) {
	t := time.NewTicker(idlePoll)
	defer t.Stop()
	for {
		err := s.drainLeased(ctx, d)
		if err != nil && ctx.Err() == nil {
			s.log.Error("drain outbox", slog.String("destination", d.name), slog.Any("error", err))
		}
		if s.finishing() {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-d.wake:
		case <-t.C:
		case <-s.finish:
		}
	}
}

// drainLeased drains d if this instance can take d's lease, and leaves it
// to the holder otherwise (this worker idles and tries again when woken or
// at its next look).
func (s *Sender) drainLeased(ctx context.Context, d *destination) error {
	return s.underLease(ctx, lease.DestPrefix+d.name, func(ctx context.Context) error { return s.drain(ctx, d) })
}

// underLease runs f under the lease name when there are leases, and
// directly otherwise. A run whose lease was lost stops quietly: the new
// holder goes on from what is still queued, and the loss was logged.
func (s *Sender) underLease(ctx context.Context, name string, f func(context.Context) error) error {
	if s.opt.Leases == nil {
		return f(ctx)
	}
	_, err := s.opt.Leases.Do(ctx, name, destLease, func(lctx context.Context) error {
		err := f(lctx)
		if lctx.Err() != nil && ctx.Err() == nil {
			return nil
		}
		return err
	})
	return err
}

// drain sends d's queue head after head, in order, until the queue is empty,
// d has been stopped, or ctx ends. A head waiting for a retry is waited for,
// never skipped.
func (s *Sender) drain(ctx context.Context, d *destination) error {
	defer s.updateDepth(ctx, d)
	for !d.stopped() && !s.halted() {
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
