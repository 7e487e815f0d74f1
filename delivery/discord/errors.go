package discord

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Discord JSON error codes that mean a destination is gone for good.
const (
	codeUnknownChannel = 10003
	codeUnknownWebhook = 10015
	codeMissingAccess  = 50001
	codeMissingPerms   = 50013
)

// Error is a failed Discord call, classified for the retry policy. Its text
// never contains the webhook URL or the bot token.
type Error struct {
	Op         string        // "send" or "edit"
	Status     int           // HTTP status, 0 when no response came
	Code       int           // Discord's JSON error code, 0 when none
	Message    string        // Discord's message or the transport error, secrets removed
	RetryAfter time.Duration // how long Discord asked us to wait, 0 when it did not say
	retryable  bool
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("discord " + e.Op)
	if e.Status != 0 {
		fmt.Fprintf(&b, ": HTTP %d", e.Status)
	}
	if e.Code != 0 {
		fmt.Fprintf(&b, " code %d", e.Code)
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

// Retryable says whether the same request may succeed later: 429, 5xx and
// transport failures are; other 4xx are not.
func (e *Error) Retryable() bool { return e.retryable }

// NotDelivered says whether Discord surely did not act on the request: it
// answered 429 (rate limited before anything was done), 502 or 503 (its
// gateway did not reach the API) or refused the request (another 4xx).
// A 500, a 504, a timeout or a lost connection may come after the message
// was posted.
func (e *Error) NotDelivered() bool {
	return e.Status >= 400 && e.Status < 500 || e.Status == http.StatusBadGateway || e.Status == http.StatusServiceUnavailable
}

// DestinationGone says whether Discord refuses the destination itself (bad
// token, deleted webhook, lost access, deleted channel) rather than one
// message, so that nothing more should be sent there until it is fixed.
func (e *Error) DestinationGone() bool {
	switch e.Code {
	case codeUnknownWebhook, codeUnknownChannel, codeMissingAccess, codeMissingPerms:
		return true
	}
	return e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden ||
		(e.Status == http.StatusNotFound && e.Code == 0)
}

// classify turns a discordgo error into an *Error, removing every secret
// from its text (discordgo's errors include the request URL).
func classify(op string, err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	var rest *discordgo.RESTError
	var rl *discordgo.RateLimitError
	switch {
	case errors.As(err, &rest):
		return restError(op, rest, secrets)
	case errors.As(err, &rl):
		return &Error{Op: op, Status: http.StatusTooManyRequests, Message: "rate limited", RetryAfter: rl.RetryAfter, retryable: true}
	}
	msg := redact(err.Error(), secrets)
	e := &Error{Op: op, Message: msg, retryable: true}
	if strings.HasPrefix(msg, "Exceeded Max retries HTTP 502") {
		e.Status, e.Message = http.StatusBadGateway, "bad gateway"
	}
	return e
}

func restError(op string, r *discordgo.RESTError, secrets []string) *Error {
	e := &Error{Op: op}
	if r.Response != nil {
		e.Status = r.Response.StatusCode
		e.RetryAfter = retryAfter(r.Response.Header, time.Now())
	}
	if r.Message != nil {
		e.Code, e.Message = r.Message.Code, redact(r.Message.Message, secrets)
	}
	e.retryable = e.Status == http.StatusTooManyRequests || e.Status >= 500
	return e
}

// retryAfter reads Retry-After in seconds (fractions allowed) or as an
// HTTP date; 0 when absent or unreadable.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := h.Get("Retry-After")
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil && secs >= 0 {
		return time.Duration(secs * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// atOrigin rewrites discordgo's https://discord.com in err's message to
// origin, where the request really went.
func atOrigin(err error, origin string) error {
	var e *Error
	if origin != discordOrigin && errors.As(err, &e) {
		e.Message = strings.ReplaceAll(e.Message, discordOrigin, origin)
	}
	return err
}

func redact(s string, secrets []string) string {
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "<secret>")
		}
	}
	return s
}

// RetryAfterDuration is RetryAfter, for callers that see errors through an
// interface.
func (e *Error) RetryAfterDuration() time.Duration { return e.RetryAfter }
