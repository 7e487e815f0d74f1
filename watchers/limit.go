package watchers

import (
	"context"
	"net/url"
	"strings"
	"sync"
)

// limiter bounds polls in flight, in all and per host, so a thousand feeds
// never open a thousand connections nor hammer one publisher. Feeds that
// failed their last poll share fewer of a host's slots (all but one), so
// feeds that hang until their timeout never take every slot of a host
// from its healthy feeds.
type limiter struct {
	all     chan struct{}
	perHost int
	mu      sync.Mutex
	hosts   map[string]*hostSlots // one per host ever polled; bounded by the config
}

type hostSlots struct {
	any     chan struct{} // per_host slots
	failing chan struct{} // what failing feeds may hold of them
}

func newLimiter(all, perHost int) *limiter {
	return &limiter{all: make(chan struct{}, all), perHost: perHost, hosts: map[string]*hostSlots{}}
}

// acquire waits for a slot for rawURL's host (a failing feed first for a
// failing feed's share) and a global one. The returned release must be
// called once; on error nothing is held.
func (l *limiter) acquire(ctx context.Context, rawURL string, failing bool) (release func(), err error) {
	hs := l.host(hostOf(rawURL))
	var held []chan struct{}
	free := func() {
		for i := len(held) - 1; i >= 0; i-- {
			<-held[i]
		}
	}
	chans := []chan struct{}{hs.any, l.all}
	if failing {
		chans = append([]chan struct{}{hs.failing}, chans...)
	}
	for _, c := range chans {
		select {
		case c <- struct{}{}:
			held = append(held, c)
		case <-ctx.Done():
			free()
			return nil, ctx.Err()
		}
	}
	return free, nil
}

func (l *limiter) host(host string) *hostSlots {
	l.mu.Lock()
	defer l.mu.Unlock()
	h, ok := l.hosts[host]
	if !ok {
		h = &hostSlots{any: make(chan struct{}, l.perHost), failing: make(chan struct{}, max(l.perHost-1, 1))}
		l.hosts[host] = h
	}
	return h
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return strings.ToLower(u.Hostname())
}
