package watchers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// Limits applied when config leaves them unset.
const (
	DefaultMaxBodyBytes   = 10 << 20
	DefaultTimeout        = 30 * time.Second
	DefaultConnectTimeout = 10 * time.Second
)

// Fetcher makes the HTTP requests of polls, and of `test` on a URL:
// conditional, size-limited, polite, and refusing non-public addresses
// unless allowed. It is safe for concurrent use.
type Fetcher struct {
	guarded   *http.Client // refuses loopback, private, link-local, multicast
	open      *http.Client // for feeds (or a config) that allow them
	userAgent string
	maxBody   int64
	timeout   time.Duration
	now       func() time.Time // reads Retry-After dates against it
}

// Request is one fetch of one feed.
type Request struct {
	Feed         string // feed name, for errors
	URL          string
	ETag         string // validators from the last 200, sent back conditionally
	LastModified string
	Headers      map[string]string
	Timeout      time.Duration // whole request; 0 = the fetcher's default
	AllowPrivate bool          // may reach non-public addresses
	// SizeHint is the size the body is expected to have (the last one's),
	// so a body sent without Content-Length is read without regrowing its
	// buffer; 0 when unknown.
	SizeHint int64
}

// Response is a fetched feed. When NotModified is set, Body is empty and the
// validators are the ones sent.
type Response struct {
	NotModified  bool
	Body         []byte
	URL          string // after redirects: what relative links resolve against
	ETag         string
	LastModified string
	MaxAge       time.Duration // Cache-Control max-age, 0 when absent
}

// NewFetcher returns a fetcher with w's limits and transport settings
// (connect_timeout, allow_private). Zero limits that config refuses fall
// back to the package defaults; MaxRedirects 0 follows no redirect.
func NewFetcher(w config.Watch, userAgent string) *Fetcher {
	return newFetcher(w, userAgent, addressGuard{})
}

func newFetcher(w config.Watch, userAgent string, g addressGuard) *Fetcher {
	redirects := checkRedirect(max(w.MaxRedirects, 0))
	open := &http.Client{Transport: newTransport(w.ConnectTimeout, nil), CheckRedirect: redirects}
	guarded := open
	if !w.AllowPrivate {
		guarded = &http.Client{Transport: newTransport(w.ConnectTimeout, &g), CheckRedirect: redirects}
	}
	return &Fetcher{
		guarded:   guarded,
		open:      open,
		userAgent: userAgent,
		maxBody:   orDefault(w.MaxBodyBytes, DefaultMaxBodyBytes),
		timeout:   orDefault(w.Timeout, DefaultTimeout),
		now:       time.Now,
	}
}

// wrapTransport wraps the transports of both clients (one client when
// private addresses are allowed and they are the same).
func (f *Fetcher) wrapTransport(wrap func(http.RoundTripper) http.RoundTripper) {
	same := f.guarded == f.open
	f.open = withTransport(f.open, wrap)
	if same {
		f.guarded = f.open
		return
	}
	f.guarded = withTransport(f.guarded, wrap)
}

func withTransport(c *http.Client, wrap func(http.RoundTripper) http.RoundTripper) *http.Client {
	w := *c
	w.Transport = wrap(c.Transport)
	return &w
}

// NewClient is an HTTP client with w's transport and address guard, for
// other downloads (sanctions lists); timeout bounds a whole request.
func NewClient(w config.Watch, timeout time.Duration) *http.Client {
	var g *addressGuard
	if !w.AllowPrivate {
		g = &addressGuard{}
	}
	return &http.Client{Transport: newTransport(w.ConnectTimeout, g), Timeout: timeout,
		CheckRedirect: checkRedirect(max(w.MaxRedirects, 0))}
}

// timeoutFor is how long a request with its own timeout d (0: none) may
// take in all.
func (f *Fetcher) timeoutFor(d time.Duration) time.Duration { return orDefault(d, f.timeout) }

func orDefault[T int64 | time.Duration | int](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// newTransport dials with a connect timeout, through guard unless it is
// nil, and leaves compression to us, so the decompressed size can be
// limited. A guarded transport connects directly, never through a proxy
// from the environment (HTTP_PROXY): the guard would see only the proxy's
// address, and the proxy would fetch any internal address for us.
func newTransport(connect time.Duration, guard *addressGuard) *http.Transport {
	connect = orDefault(connect, DefaultConnectTimeout)
	t := http.DefaultTransport.(*http.Transport).Clone()
	if guard != nil {
		t.Proxy = nil
	}
	t.DialContext = dialer(connect, guard).DialContext
	t.TLSHandshakeTimeout = connect
	t.ResponseHeaderTimeout = 0 // the request context bounds the whole exchange
	t.DisableCompression = true
	t.MaxIdleConnsPerHost = 4
	return t
}

// ErrRedirectLoop is returned (wrapped) when a redirect revisits a URL.
var ErrRedirectLoop = errors.New("redirect loop")

func checkRedirect(max int) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		for _, v := range via {
			if v.URL.String() == req.URL.String() {
				return fmt.Errorf("%w at %s", ErrRedirectLoop, req.URL.Redacted())
			}
		}
		if len(via) > max {
			if max == 0 {
				return errors.New("redirect refused: max_redirects is 0")
			}
			return fmt.Errorf("stopped after %d redirects", max)
		}
		// net/http copies the first request's headers to every redirect,
		// whatever its host, dropping only Authorization and Cookie on a
		// change of domain; feed headers are dropped in Fetch.
		return nil
	}
}

// Fetch performs a conditional GET of req.URL. Errors name the feed; a
// 429 or 503 is a *StatusError carrying the publisher's Retry-After.
func (f *Fetcher) Fetch(ctx context.Context, req Request) (Response, error) {
	ctx, cancel := context.WithTimeout(ctx, f.timeoutFor(req.Timeout))
	defer cancel()
	hreq, err := f.newRequest(ctx, req)
	if err != nil {
		return Response{}, fmt.Errorf("fetch %s: %w", req.Feed, err)
	}
	client := f.guarded
	if req.AllowPrivate {
		client = f.open
	}
	if len(req.Headers) > 0 {
		client = keepHeadersOnHost(client, req.Headers)
	}
	resp, err := client.Do(hreq)
	if err != nil {
		return Response{}, fmt.Errorf("fetch %s: %w", req.Feed, err)
	}
	defer resp.Body.Close()
	return f.read(resp, req)
}

// keepHeadersOnHost returns c dropping the feed's configured headers from
// a redirect to another host: they are often credentials (an API key) for
// the feed's host, which a redirect must not hand to whoever it points at.
func keepHeadersOnHost(c *http.Client, headers map[string]string) *http.Client {
	w := *c
	check := c.CheckRedirect
	w.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := check(req, via); err != nil {
			return err
		}
		if req.URL.Host != via[0].URL.Host {
			for k := range headers {
				req.Header.Del(k)
			}
		}
		return nil
	}
	return &w
}

func (f *Fetcher) newRequest(ctx context.Context, req Request) (*http.Request, error) {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, req.URL, nil)
	if err != nil {
		return nil, err
	}
	for k, v := range req.Headers {
		hreq.Header.Set(k, v)
	}
	hreq.Header.Set("User-Agent", f.userAgent)
	hreq.Header.Set("Accept-Encoding", "gzip")
	if hreq.Header.Get("Accept") == "" {
		hreq.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	}
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}
	return hreq, nil
}

// read turns a response into a Response or a status error.
func (f *Fetcher) read(resp *http.Response, req Request) (Response, error) {
	out := Response{URL: resp.Request.URL.String(), MaxAge: maxAge(resp.Header.Get("Cache-Control"))}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified, out.ETag, out.LastModified = true, req.ETag, req.LastModified
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return out, &StatusError{Feed: req.Feed, Code: resp.StatusCode, RetryAfter: retryAfter(resp, f.now())}
	}
	body, err := readBody(resp, f.maxBody, req.SizeHint)
	if err != nil {
		return out, fmt.Errorf("fetch %s: %w", req.Feed, err)
	}
	out.Body = body
	out.ETag = resp.Header.Get("ETag")
	out.LastModified = resp.Header.Get("Last-Modified")
	return out, nil
}
