package delivery

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/lease"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/store/pgtest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// drainAlerts is how many alerts one round of BenchmarkOutboxDrain queues.
const drainAlerts = 2000

// queuedOutbox is a fresh state file holding drainAlerts alerts for the
// terminal destination (no Discord limits), and the config that routes
// there; bytes is the size of the alerts as stored.
func queuedOutbox(b *testing.B, pg bool) (st *store.Store, cfg *config.Config, dest string, bytes int64) {
	cfg = &config.Config{Delivery: config.Delivery{MaxAge: defaultMaxAge, DedupWindow: 0}}
	r, err := NewRouter(cfg)
	if err != nil {
		b.Fatal(err)
	}
	if pg {
		st, err = store.OpenPostgres(context.Background(), pgtest.DSN(b))
	} else {
		st, err = store.Open(context.Background(), filepath.Join(b.TempDir(), "state.db"))
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	var alerts []story.Alert
	for i := range drainAlerts {
		a := alert("x", fmt.Sprint("wire", i%50), i, story.SeverityHigh)
		a.Story.Key, a.Story.Link = fmt.Sprint("k", i), fmt.Sprint("https://news.example/", i)
		for _, routed := range r.Route(a.Story, a.Matches) {
			j, _ := json.Marshal(routed)
			bytes += int64(len(j))
			alerts = append(alerts, routed)
		}
	}
	if _, err := st.EnqueueAlerts(context.Background(), alerts); err != nil {
		b.Fatal(err)
	}
	return st, cfg, alerts[0].Destination, bytes
}

// BenchmarkOutboxDrain drains 2,000 queued alerts to a destination that
// takes them at once (the terminal, discarding), so the outbox's own
// speed shows, Discord's request limits passed on a fake clock: beside its floor (reading the queue head and recording it
// sent, straight on the store), the sender without leases, and with the
// destination's lease as the daemon runs it.
func BenchmarkOutboxDrain(b *testing.B) {
	stores := []bool{false}
	if os.Getenv(pgtest.Env) != "" {
		stores = append(stores, true)
	}
	for _, pg := range stores {
		suffix := ""
		if pg {
			suffix = ",store=postgres"
		}
		benchDrain(b, pg, suffix)
	}
}

// benchDrain runs the drain's sub-benchmarks on one kind of store.
func benchDrain(b *testing.B, pg bool, suffix string) {
	b.Run("baseline=store"+suffix, func(b *testing.B) {
		ctx := context.Background()
		for b.Loop() {
			b.StopTimer()
			st, _, dest, bytes := queuedOutbox(b, pg)
			b.SetBytes(bytes)
			b.StartTimer()
			for {
				it, ok, err := st.NextAlert(ctx, dest, story.SeverityInfo)
				if err != nil || !ok {
					break
				}
				if err := st.MarkSent(ctx, it.ID, "x"); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(drainAlerts*b.N)/b.Elapsed().Seconds(), "alerts/s")
	})
	for _, leased := range []bool{false, true} {
		b.Run(fmt.Sprintf("sender,leases=%v%s", leased, suffix), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				st, cfg, _, bytes := queuedOutbox(b, pg)
				b.SetBytes(bytes)
				ns, err := NewNotifiers(cfg, io.Discard, false, false)
				if err != nil {
					b.Fatal(err)
				}
				// A fake clock lets the limiter's waits (Discord's request
				// limits, which the terminal is given too) take no time.
				clock := newClock()
				o := SenderOptions{Store: st, Notifiers: ns, Config: cfg, Now: clock.Now, Sleep: clock.Sleep}
				if leased {
					o.Leases = &lease.Holder{Store: st, Owner: "bench"}
				}
				s, err := NewSender(o)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := s.Flush(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(drainAlerts*b.N)/b.Elapsed().Seconds(), "alerts/s")
		})
	}
}
