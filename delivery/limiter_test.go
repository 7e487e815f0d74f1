package delivery

import (
	"context"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/delivery/discord/discordtest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

func TestRequestsStayUnderDiscordLimits(t *testing.T) {
	tests := []struct {
		dest, target string
		n            int
		window       time.Duration
	}{
		// Discord's documented limits, written out so that a change to the
		// sender's constants cannot pass unnoticed.
		{"ops", "1", 5, 2 * time.Second},
		{"chan", "555", 5, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.dest, func(t *testing.T) {
			h := newHarness(t, nil)
			var times []time.Time
			h.srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
				if r.Target == tt.target {
					times = append(times, h.clock.Now())
				}
				return nil
			})
			for i := 0; i < 23; i++ {
				h.enqueue(alert(tt.dest, "wire", i, story.SeverityHigh))
			}
			h.flush()
			wantTitles(t, h.titles(tt.target), "wire", 23)
			for i := tt.n; i < len(times); i++ {
				if d := times[i].Sub(times[i-tt.n]); d < tt.window {
					t.Fatalf("%d requests within %s (request %d)", tt.n+1, d, i)
				}
			}
		})
	}
}

func TestLimiterSharedAcrossCallers(t *testing.T) {
	c := newClock()
	l := newLimiter(3, time.Second, c.Now, c.Sleep)
	start := c.Now()
	for i := 0; i < 7; i++ {
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	// 7 requests at 3 per second: the 7th may go no earlier than 2s in.
	if got := c.Now().Sub(start); got != 2*time.Second {
		t.Fatalf("7th request at +%s, want +2s", got)
	}
	full := newLimiter(1, time.Second, c.Now, c.Sleep)
	full.Wait(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := full.Wait(ctx); err == nil {
		t.Fatal("Wait on a full limiter with a cancelled context succeeded")
	}
}
