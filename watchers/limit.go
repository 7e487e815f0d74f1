package watchers

import (
	"context"
	"net/url"
	"strings"
	"sync"
)

// limiter bounds polls in flight, in all and per host, so a thousand feeds
// never open a thousand connections nor hammer one publisher.
type limiter struct {
	all     chan struct{}
	perHost int
	mu      sync.Mutex
	hosts   map[string]chan struct{} // one per host ever polled; bounded by the config
}

func newLimiter(all, perHost int) *limiter {
	return &limiter{all: make(chan struct{}, all), perHost: perHost, hosts: map[string]chan struct{}{}}
}

// acquire waits for a slot for rawURL's host and a global one. The returned
// release must be called once; on error nothing is held.
func (l *limiter) acquire(ctx context.Context, rawURL string) (release func(), err error) {
	host := hostOf(rawURL)
	hs := l.host(host)
	select {
	case hs <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	select {
	case l.all <- struct{}{}:
	case <-ctx.Done():
		<-hs
		return nil, ctx.Err()
	}
	return func() { <-l.all; <-hs }, nil
}

func (l *limiter) host(host string) chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	c, ok := l.hosts[host]
	if !ok {
		c = make(chan struct{}, l.perHost)
		l.hosts[host] = c
	}
	return c
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return strings.ToLower(u.Hostname())
}
