// Package jsonhook is the generic JSON webhook destination type: each
// alert is POSTed to a URL as one JSON object, for chat bridges, ticket
// systems and scripts that are not Discord.
package jsonhook

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// requestTimeout bounds one POST, so a hung receiver becomes a retry.
const requestTimeout = 30 * time.Second

// Hook posts alerts to one URL. The URL may hold a token, so it never
// appears in errors.
type Hook struct {
	url     string
	headers map[string]string
	client  *http.Client
}

// New returns a hook for rawURL with extra request headers (for example
// Authorization). transport nil means http.DefaultTransport.
func New(rawURL string, headers map[string]string, transport http.RoundTripper) *Hook {
	return &Hook{url: rawURL, headers: headers, client: &http.Client{Transport: transport, Timeout: requestTimeout}}
}

// Event is the JSON body of every request: an alert posted, a post whose
// event more outlets reported, an event that reached the escalation
// threshold, or a digest of several alerts.
type Event struct {
	Event     string         `json:"event"` // "alert", "reported", "escalation" or "digest"
	Key       string         `json:"key,omitempty"`
	MessageID string         `json:"message_id,omitempty"`
	Alert     *Alert         `json:"alert,omitempty"`
	Alerts    []Alert        `json:"alerts,omitempty"`
	Outlets   int            `json:"outlets,omitempty"` // distinct outlets of the event
	Reports   []story.Report `json:"reports,omitempty"` // newest first
	// Part and Parts place a digest's request in the whole digest; a
	// digest split by another destination type before a reload may come
	// in several parts.
	Part  int `json:"part,omitempty"`
	Parts int `json:"parts,omitempty"`
}

// Alert is one alert as the receiver sees it.
type Alert struct {
	Kind        string    `json:"kind"` // "story" or "notice"
	Destination string    `json:"destination"`
	Severity    string    `json:"severity"`
	Title       string    `json:"title"`
	Link        string    `json:"link,omitempty"`
	Feed        string    `json:"feed,omitempty"`
	Published   time.Time `json:"published,omitzero"`
	Summary     string    `json:"summary,omitempty"`
	Rules       []Rule    `json:"rules"`
}

// Rule is a rule that fired, with the excerpt that made it fire (matched
// words between ** marks).
type Rule struct {
	ID       string `json:"id"`
	Title    string `json:"title,omitempty"`
	Severity string `json:"severity"`
	Snippet  string `json:"snippet,omitempty"`
}

// marks turns the matcher's match marks into Markdown bold.
var marks = strings.NewReplacer(story.MarkOpen, "**", story.MarkClose, "**")

func render(a story.Alert) Alert {
	kind := "story"
	if a.IsNotice() {
		kind = "notice"
	}
	out := Alert{Kind: kind, Destination: a.Destination, Severity: a.Severity.String(), Title: a.Story.Title,
		Link: a.Story.Link, Feed: a.Story.FeedName, Published: a.Story.Published, Summary: a.Story.Summary,
		Rules: make([]Rule, len(a.Matches))}
	for i, m := range a.Matches {
		out.Rules[i] = Rule{ID: m.RuleID, Title: m.Title, Severity: m.Severity.String(), Snippet: marks.Replace(m.Snippet)}
	}
	return out
}

// Post sends a; the message id is the receiver's "id" if it answers with
// one, else key.
func (h *Hook) Post(ctx context.Context, a story.Alert, key string) (string, error) {
	r := render(a)
	id, err := h.send(ctx, Event{Event: "alert", Key: key, Alert: &r})
	return cmp.Or(id, key), err
}

// Edit tells the receiver every report of the event of an earlier post,
// newest first, and how many outlets they come from.
func (h *Hook) Edit(ctx context.Context, messageID string, a story.Alert, reports []story.Report) error {
	r := render(a)
	_, err := h.send(ctx, Event{Event: "reported", MessageID: messageID, Alert: &r,
		Outlets: story.Outlets(reports), Reports: reports})
	return err
}

// Escalate tells the receiver that the event of a reached outlets outlets;
// the id is the receiver's, else key.
func (h *Hook) Escalate(ctx context.Context, a story.Alert, outlets int, key string) (string, error) {
	r := render(a)
	id, err := h.send(ctx, Event{Event: "escalation", Key: key, Alert: &r, Outlets: outlets})
	return cmp.Or(id, key), err
}

// SplitDigest keeps a digest whole: a receiver takes every alert in one
// request.
func (h *Hook) SplitDigest(alerts []story.Alert) []story.DigestPart {
	return []story.DigestPart{{Alerts: alerts, Part: 1, Parts: 1}}
}

// PostDigest sends the alerts of p in one request, with its place in the
// digest; the id is the receiver's, else key. It shows every alert.
func (h *Hook) PostDigest(ctx context.Context, p story.DigestPart, key string) (string, int, error) {
	ev := Event{Event: "digest", Key: key, Part: p.Part, Parts: p.Parts, Alerts: make([]Alert, len(p.Alerts))}
	for i, a := range p.Alerts {
		ev.Alerts[i] = render(a)
	}
	id, err := h.send(ctx, ev)
	return cmp.Or(id, key), len(p.Alerts), err
}

// send POSTs ev and reads the receiver's optional {"id": "..."}.
func (h *Hook) send(ctx context.Context, ev Event) (string, error) {
	body, err := json.Marshal(ev)
	if err != nil {
		return "", fmt.Errorf("json webhook: encode %s: %w", ev.Event, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url, bytes.NewReader(body))
	if err != nil {
		return "", &Error{Message: "bad webhook URL (value not shown)"}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "sanctionwatch")
	for k, v := range h.headers {
		req.Header.Set(k, v)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return "", &Error{Message: "json webhook: " + withoutURL(err), retryable: true}
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", statusError(resp, answer)
	}
	var reply struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(answer, &reply) == nil && len(reply.ID) > 0 {
		return strings.Trim(string(reply.ID), `"`), nil
	}
	return "", nil
}

// withoutURL is err's text without the URL, which carries the webhook's
// secret and which a *url.Error may quote in another form than the
// configured one (a password masked, a redirect's target).
func withoutURL(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Op + ": " + ue.Err.Error()
	}
	return err.Error()
}

// Error is a failed POST, classified for the sender's retry policy.
type Error struct {
	Status     int
	Message    string
	RetryAfter time.Duration
	retryable  bool
}

func (e *Error) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("json webhook: HTTP %d: %s", e.Status, e.Message)
	}
	return "json webhook: " + e.Message
}

// Retryable: 408, 429, 5xx and transport failures may pass later.
func (e *Error) Retryable() bool { return e.retryable }

// NotDelivered says whether the receiver surely did not act on the POST:
// it answered 4xx, 502 or 503. A 500, a 504 or a lost connection may come
// after it did.
func (e *Error) NotDelivered() bool {
	return e.Status >= 400 && e.Status < 500 || e.Status == http.StatusBadGateway || e.Status == http.StatusServiceUnavailable
}

// DestinationGone: 401, 403, 404 and 410 mean the hook itself is refused.
func (e *Error) DestinationGone() bool {
	switch e.Status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusGone:
		return true
	}
	return false
}

// RetryAfterDuration is how long the receiver asked us to wait.
func (e *Error) RetryAfterDuration() time.Duration { return e.RetryAfter }

func statusError(resp *http.Response, answer []byte) *Error {
	code := resp.StatusCode
	e := &Error{Status: code, Message: http.StatusText(code),
		retryable: code == http.StatusRequestTimeout || code == http.StatusTooManyRequests || code >= 500}
	if msg := strings.TrimSpace(string(answer)); msg != "" && len(msg) <= 200 {
		e.Message = msg
	}
	if secs, err := strconv.ParseFloat(resp.Header.Get("Retry-After"), 64); err == nil && secs > 0 {
		e.RetryAfter = time.Duration(secs * float64(time.Second))
	}
	return e
}
