package delivery

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/lease"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// instance is another sender on h's state file, draining under leases
// held as owner, as a second daemon on the same state would.
func (h *harness) instance(owner string) *Sender {
	h.t.Helper()
	st, err := store.Open(context.Background(), h.path)
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { st.Close() })
	ns, err := NewNotifiers(h.cfg, h.logs, false, false)
	if err != nil {
		h.t.Fatal(err)
	}
	s, err := NewSender(SenderOptions{Store: st, Notifiers: ns, Config: h.cfg,
		Logger: slog.New(slog.NewJSONHandler(h.logs, nil)), Leases: &lease.Holder{Store: st, Owner: owner}})
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

// Three senders on one outbox, all woken for every alert, post each alert
// once and in order: only the holder of the destination's lease drains it.
func TestLeasedSendersPostOnceInOrder(t *testing.T) {
	h := newHarness(t, nil)
	senders := []*Sender{h.instance("a"), h.instance("b"), h.instance("c")}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, s := range senders {
		wg.Go(func() { s.Run(ctx) })
	}
	const n = 15 // the webhook limit (5 in 2 s) makes each post cost 0.4 s
	for i := range n {
		h.enqueue(alert("ops", "wire", i, story.SeverityHigh))
		for _, s := range senders {
			s.Wake()
		}
	}
	deadline := time.Now().Add(time.Minute)
	for len(h.srv.MessagesTo("1")) < n && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	wantTitles(t, h.titles("1"), "wire", n)
}

// A destination whose lease a dead instance holds is left alone until the
// lease expires; then another instance's sender takes the queue from its
// head.
func TestDeadSendersDestinationTakenOver(t *testing.T) {
	h := newHarness(t, nil)
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s := h.instance("live")
	s.opt.Store.SetClock(clock)
	if ok, err := s.opt.Store.TakeLease(context.Background(), "dest:ops", "dead", destLease); !ok || err != nil {
		t.Fatalf("dead instance's lease: ok=%v err=%v", ok, err)
	}
	for i := range 3 {
		h.enqueue(alert("ops", "wire", i, story.SeverityHigh))
	}
	flush := func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := s.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	flush()
	if n := len(h.srv.MessagesTo("1")); n != 0 {
		t.Fatalf("%d posts while another instance held the destination", n)
	}
	mu.Lock()
	now = now.Add(destLease)
	mu.Unlock()
	flush()
	wantTitles(t, h.titles("1"), "wire", 3)
}
