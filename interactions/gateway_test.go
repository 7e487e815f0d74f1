package interactions

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/interactions/gatewaytest"
)

// startGateway runs a Gateway against the stand-in until the test ends.
func startGateway(t *testing.T, h Handler) *gatewaytest.Server {
	t.Helper()
	gw := gatewaytest.New()
	gw.HeartbeatMillis = 50
	t.Cleanup(gw.Close)
	g := &Gateway{Session: restSession(t, gw.URL), Handler: h, Log: slog.New(slog.DiscardHandler)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("gateway run: %v", err)
		}
	})
	select {
	case <-gw.Ready():
	case <-time.After(10 * time.Second):
		t.Fatal("no identify")
	}
	return gw
}

func TestGatewayAnswersAndResumesAfterADrop(t *testing.T) {
	st := openStore(t)
	gw := startGateway(t, newBot(st, &announcer{}))
	gw.Dispatch(clickJSON("7001", "u1", false, "sw:rel:1"))
	waitUntil(t, "the first answer", func() bool { return len(gw.Callbacks()) == 1 })
	if cb := gw.Callbacks()[0]; cb.InteractionID != "7001" || cb.Token != "tok-7001" || !strings.Contains(string(cb.Body), `"type":7`) {
		t.Errorf("callback %+v %s", cb, cb.Body)
	}
	waitUntil(t, "heartbeats", func() bool { _, _, hb := gw.Counts(); return hb >= 2 })

	// The connection drops; a click made meanwhile arrives on resume.
	gw.Drop()
	gw.Dispatch(clickJSON("7002", "u2", false, "sw:notrel:1"))
	select {
	case <-gw.Ready():
	case <-time.After(15 * time.Second):
		t.Fatal("no reconnect")
	}
	waitUntil(t, "the answer after resume", func() bool { return len(gw.Callbacks()) == 2 })
	identifies, resumes, _ := gw.Counts()
	if identifies != 1 || resumes != 1 {
		t.Errorf("identifies %d, resumes %d; want 1 and 1", identifies, resumes)
	}
	fb, _ := st.FeedbackByRule(context.Background(), time.Time{}, "r1")
	if len(fb) != 1 || fb[0].Relevant != 1 || fb[0].NotRelevant != 1 {
		t.Errorf("feedback %+v, want one verdict each way", fb)
	}
}

func TestRegisterWritesOnlyWhenChanged(t *testing.T) {
	gw := gatewaytest.New()
	t.Cleanup(gw.Close)
	s := restSession(t, gw.URL)
	ctx := context.Background()
	for i, want := range []bool{true, false, false} {
		wrote, err := Register(ctx, s, "100000000000000002", guildID)
		if err != nil || wrote != want {
			t.Fatalf("register %d: wrote %v, %v; want %v", i, wrote, err, want)
		}
	}
	if n := gw.CommandWrites(); n != 1 {
		t.Errorf("%d writes, want 1", n)
	}
	// Global commands are a different scope: registered once of their own.
	if wrote, err := Register(ctx, s, "100000000000000002", ""); err != nil || !wrote {
		t.Errorf("global: wrote %v, %v", wrote, err)
	}
}
