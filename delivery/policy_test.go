package delivery

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sanctionwatch/sanctionwatch/delivery/discord/discordtest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

func TestRetryDelay(t *testing.T) {
	plain := errors.New("connection reset")
	tests := []struct {
		name     string
		attempts int
		rnd      float64
		want     time.Duration
	}{
		{"first, no jitter", 0, 0, 500 * time.Millisecond},
		{"first, full jitter", 0, 0.999999999, time.Second},
		{"third", 2, 0.5, 3 * time.Second},
		{"capped: a probe every 5-10s", 30, 0, 5 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := retryDelay(plain, tt.attempts, tt.rnd)
			if got.Round(time.Millisecond) != tt.want {
				t.Fatalf("retryDelay = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestExpiredAlertGivesUpAndOthersFollow(t *testing.T) {
	h := newHarness(t, nil)
	h.cfg.Delivery.MaxAge = 10 * time.Minute
	h.open()
	h.enqueue(alert("ops", "wire", 0, story.SeverityHigh))
	h.srv.Intercept(func(discordtest.Request) *discordtest.Reply { return discordtest.Failure(503, 0, "down") })
	h.flush()
	h.srv.Intercept(nil)
	h.enqueue(alert("ops", "wire", 1, story.SeverityHigh))
	h.flush()
	recent, err := h.store.RecentAlerts(context.Background(), 24*time.Hour, "")
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]string{}
	for _, r := range recent {
		states[r.Alert.Story.Key] = r.State
		if r.Alert.Story.Key == "k00" && !strings.Contains(r.LastError, "gave up after") {
			t.Fatalf("expired alert's error = %q", r.LastError)
		}
	}
	if states["k00"] != "failed" || states["k01"] != "sent" {
		t.Fatalf("states = %v, want k00 failed (expired), k01 sent", states)
	}
}

func TestRefusedMessageDoesNotStopDestination(t *testing.T) {
	h := newHarness(t, nil)
	h.enqueue(alert("ops", "wire", 0, story.SeverityHigh), alert("ops", "wire", 1, story.SeverityHigh))
	first := true
	h.srv.Intercept(func(discordtest.Request) *discordtest.Reply {
		if first {
			first = false
			return discordtest.Failure(400, 50035, "Invalid Form Body")
		}
		return nil
	})
	h.flush()
	if got := h.titles("1"); len(got) != 1 || got[0] != "story 01 from wire" {
		t.Fatalf("ops got %v, want only story 01", got)
	}
}

func TestHungDestinationDoesNotBlockOthers(t *testing.T) {
	h := newHarness(t, nil)
	for i := 0; i < 3; i++ {
		h.enqueue(alert("ops", "wire", i, story.SeverityHigh), alert("news", "wire", i, story.SeverityHigh))
	}
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
		if r.Target == "1" {
			return &discordtest.Reply{Hang: true}
		}
		return nil
	})
	// news must get its three posts while ops hangs; only then is the
	// flush cancelled, and it must end with the cancellation.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- h.sender.Flush(ctx) }()
	deadline := time.Now().Add(time.Minute)
	for len(h.titles("2")) < 3 {
		select {
		case err := <-done:
			t.Fatalf("Flush = %v before news got its posts, want it to wait for hung ops", err)
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("news got %d posts while ops hung, want 3", len(h.titles("2")))
		}
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Flush = %v, want the cancellation (ops is hung)", err)
	}
	wantTitles(t, h.titles("2"), "wire", 3)
	if n := len(h.titles("1")); n != 0 {
		t.Fatalf("hung ops has %d messages", n)
	}
}

func TestMetricsNamesAndNoSecrets(t *testing.T) {
	h := newHarness(t, nil)
	reg := prometheus.NewRegistry()
	h.sender.opt.Metrics = NewMetrics(reg)
	a := alert("ops", "wire", 0, story.SeverityHigh)
	h.enqueue(a)
	h.sender.opt.Metrics.AlertsQueued([]story.Alert{a})
	h.srv.DeleteWebhook("2")
	h.enqueue(alert("news", "wire", 0, story.SeverityHigh))
	h.flush()
	fams, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range fams {
		got[f.GetName()] = true
		for _, sec := range secrets {
			if strings.Contains(f.String(), sec) {
				t.Fatalf("metric %s contains a secret", f.GetName())
			}
		}
	}
	for _, name := range []string{"sanctionwatch_alerts_queued_total", "sanctionwatch_alerts_sent_total",
		"sanctionwatch_alerts_failed_total", "sanctionwatch_outbox_depth", "sanctionwatch_discord_request_duration_seconds"} {
		if !got[name] {
			t.Errorf("metric %s missing", name)
		}
	}
}
