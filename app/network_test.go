package app

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestNetworkDownSaidOnce: when no server answers in the first moments
// and requests failed, the daemon says the network looks down; one answer,
// even an error status, means the network is up.
func TestNetworkDownSaidOnce(t *testing.T) {
	defer func(g time.Duration) { networkGrace = g }(networkGrace)
	networkGrace = 10 * time.Millisecond

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + l.Addr().String() + "/feed"
	l.Close() // nothing listens there now: connection refused
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusNotFound)
	}))
	defer up.Close()

	for _, tc := range []struct {
		name string
		urls []string
		want bool
	}{
		{"all refused", []string{refused, refused}, true},
		{"one answer", []string{refused, up.URL}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var log syncBuffer
			nw := &netWatch{}
			client := &http.Client{Timeout: 5 * time.Second, Transport: nw.wrap(http.DefaultTransport)}
			a := &App{net: nw, log: slog.New(slog.NewTextHandler(&log, nil))}
			for _, u := range tc.urls {
				if resp, err := client.Get(u); err == nil {
					resp.Body.Close()
				}
			}
			a.judgeNetwork(context.Background())
			if got := strings.Count(log.String(), "network looks down"); got != map[bool]int{true: 1, false: 0}[tc.want] {
				t.Fatalf("said %d times:\n%s", got, log.String())
			}
		})
	}
}
