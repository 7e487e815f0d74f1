package discord

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Transport sends requests that discordgo addresses to discord.com to
// another base URL instead (discord.api_base: a REST proxy, or a test
// server), so that discordgo's own calls are used unchanged.
type Transport struct {
	base *url.URL
	next http.RoundTripper
}

// NewTransport returns a transport for apiBase ("" or https://discord.com
// leave requests as they are). next nil means http.DefaultTransport.
func NewTransport(apiBase string, next http.RoundTripper) (*Transport, error) {
	if next == nil {
		next = http.DefaultTransport
	}
	t := &Transport{next: next}
	if apiBase == "" {
		return t, nil
	}
	u, err := url.Parse(apiBase)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("discord api_base %q: want an http(s) URL", apiBase)
	}
	if u.Scheme == "https" && u.Host == "discord.com" && strings.Trim(u.Path, "/") == "" {
		return t, nil
	}
	t.base = u
	return t, nil
}

// discordOrigin is where discordgo addresses every request.
const discordOrigin = "https://discord.com"

// origin is where requests really go, for error messages.
func (t *Transport) origin() string {
	if t.base == nil {
		return discordOrigin
	}
	return strings.TrimSuffix(t.base.String(), "/")
}

// WebhookBase is the base URL of a webhook URL's own host: scheme, host and
// any path before /api/ (a proxy mounted under a prefix). It is "" for
// Discord's own hosts and for URLs it cannot read.
func WebhookBase(webhookURL string) string {
	u, err := url.Parse(webhookURL)
	if err != nil || u.Host == "" || u.Host == "discord.com" {
		return ""
	}
	prefix, _, _ := strings.Cut(u.Path, "/api/")
	return u.Scheme + "://" + u.Host + prefix
}

// rateLimitHeaders feed discordgo's bucket limiter, whose wait is a
// time.Sleep under a per-route lock that no context can end. The sender
// keeps under Discord's limits itself and honours Retry-After on a 429,
// so these headers are dropped before discordgo sees them: a shutdown or
// a reload never waits on a sleep it cannot cancel.
var rateLimitHeaders = []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
	"X-RateLimit-Reset-After", "X-RateLimit-Global", "X-RateLimit-Bucket", "X-RateLimit-Scope"}

// RoundTrip rewrites scheme, host and path prefix of requests to
// discord.com and passes every request on.
func (t *Transport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.roundTrip(r)
	if resp != nil {
		for _, h := range rateLimitHeaders {
			resp.Header.Del(h)
		}
	}
	return resp, err
}

func (t *Transport) roundTrip(r *http.Request) (*http.Response, error) {
	if t.base == nil || r.URL.Host != "discord.com" {
		return t.next.RoundTrip(r)
	}
	r2 := r.Clone(r.Context())
	r2.URL.Scheme = t.base.Scheme
	r2.URL.Host = t.base.Host
	r2.URL.Path = strings.TrimSuffix(t.base.Path, "/") + r.URL.Path
	r2.URL.RawPath = ""
	r2.Host = ""
	return t.next.RoundTrip(r2)
}
