package watchers

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// StatusError is a response other than 2xx or 304.
type StatusError struct {
	Feed       string
	Code       int
	RetryAfter time.Time // zero unless a 429 or 503 said when to come back
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("fetch %s: HTTP %d %s", e.Feed, e.Code, http.StatusText(e.Code))
	if !e.RetryAfter.IsZero() {
		msg += ", retry after " + e.RetryAfter.UTC().Format(time.RFC3339)
	}
	return msg
}

// retryAfter reads Retry-After on 429 and 503, in seconds or as an HTTP
// date; it returns zero otherwise or when the header is unreadable.
func retryAfter(resp *http.Response, now time.Time) time.Time {
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return time.Time{}
	}
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return time.Time{}
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return time.Time{}
		}
		return now.Add(time.Duration(secs) * time.Second)
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t
	}
	return time.Time{}
}

// maxAge reads max-age from a Cache-Control header; 0 when absent, when
// no-cache or no-store is set, or when it is not a number.
func maxAge(cc string) time.Duration {
	var age time.Duration
	for _, d := range strings.Split(cc, ",") {
		name, val, _ := strings.Cut(strings.TrimSpace(d), "=")
		switch strings.ToLower(name) {
		case "no-cache", "no-store":
			return 0
		case "max-age":
			if secs, err := strconv.Atoi(strings.Trim(val, `"`)); err == nil && secs > 0 {
				age = time.Duration(secs) * time.Second
			}
		}
	}
	return age
}
