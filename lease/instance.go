package lease

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"time"
)

// NewID names this process among the instances sharing a state: host and
// pid say where to look, the random part tells a restart with a reused pid
// from the instance that died.
func NewID(host string) string {
	var b [4]byte
	rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// Hostname is the host part of an id and of `status`: the machine's name,
// or "unknown" when the system will not say.
func Hostname() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "unknown"
	}
	return h
}

// BeatEvery is how often an instance says it is alive.
const BeatEvery = 5 * time.Second

// Beat calls beat at once and then every interval until ctx ends. A failed
// beat is logged and tried again at the next tick: being listed is for
// people, leases do not depend on it.
func Beat(ctx context.Context, interval time.Duration, beat func(context.Context) error, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := beat(ctx); err != nil && ctx.Err() == nil {
			log.Warn("instance beat", slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
