package jsonhook

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

const token = "hooktoken-SECRET"

// receiver records the events POSTed to it and answers with reply.
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	events []Event
	auth   []string
	reply  func(w http.ResponseWriter)
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		var ev Event
		if err := json.NewDecoder(req.Body).Decode(&ev); err != nil || req.Header.Get("Content-Type") != "application/json" {
			t.Errorf("bad request: %v, %s", err, req.Header.Get("Content-Type"))
		}
		r.mu.Lock()
		r.events = append(r.events, ev)
		r.auth = append(r.auth, req.Header.Get("Authorization"))
		reply := r.reply
		r.mu.Unlock()
		if reply != nil {
			reply(w)
		}
	}))
	t.Cleanup(r.Close)
	return r
}

func sample(feed string, kind story.Kind) story.Alert {
	return story.Alert{Kind: kind, Destination: "hook", Severity: story.SeverityHigh,
		Story: story.Story{FeedName: feed, Title: "Drones seized", Link: "https://example.org/1"},
		Matches: []story.Match{{RuleID: "r1", Severity: story.SeverityHigh,
			Snippet: "customs seized " + story.MarkOpen + "drones" + story.MarkClose}}}
}

func TestPostEditDigest(t *testing.T) {
	r := newReceiver(t)
	h := New(r.URL+"/in/"+token, map[string]string{"Authorization": "Bearer abc"}, nil)
	ctx := context.Background()
	id, err := h.Post(ctx, sample("wire", ""), "sw1")
	if err != nil || id != "sw1" {
		t.Fatalf("Post = %q, %v; want the key as id", id, err)
	}
	r.reply = func(w http.ResponseWriter) { w.Write([]byte(`{"id": 77}`)) }
	if id, _ := h.Post(ctx, sample("wire", story.KindNotice), "sw2"); id != "77" {
		t.Errorf("Post id = %q, want the receiver's 77", id)
	}
	reports := []story.Report{{Outlet: "ap", Title: "Drones seized", Link: "https://ap.example/1"},
		{Outlet: "wire", Title: "Customs seize drones"}, {Outlet: "ap", Title: "Drone haul"}}
	if err := h.Edit(ctx, "sw1", sample("wire", ""), reports); err != nil {
		t.Fatal(err)
	}
	if id, err := h.Escalate(ctx, sample("wire", ""), 3, "swesc3"); err != nil || id != "77" {
		t.Fatalf("Escalate = %q, %v; want the receiver's 77", id, err)
	}
	parts := h.SplitDigest([]story.Alert{sample("a", ""), sample("b", "")})
	if len(parts) != 1 || len(parts[0].Alerts) != 2 {
		t.Fatalf("SplitDigest = %+v, want both alerts in one part", parts)
	}
	if id, shown, err := h.PostDigest(ctx, parts[0], "swd9"); err != nil || id != "77" || shown != 2 {
		t.Fatalf("PostDigest = %q, %d shown, %v; want the receiver's 77 and both shown", id, shown, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.events) != 5 {
		t.Fatalf("%d events, want 5", len(r.events))
	}
	first := r.events[0]
	if first.Event != "alert" || first.Alert.Kind != "story" || first.Alert.Rules[0].Snippet != "customs seized **drones**" {
		t.Errorf("first event = %+v", first)
	}
	if r.events[1].Alert.Kind != "notice" {
		t.Errorf("a notice was sent as %q", r.events[1].Alert.Kind)
	}
	if e := r.events[2]; e.Event != "reported" || e.MessageID != "sw1" || e.Outlets != 2 || !slices.Equal(e.Reports, reports) {
		t.Errorf("edit event = %+v, want all 3 reports from 2 outlets", e)
	}
	if e := r.events[3]; e.Event != "escalation" || e.Key != "swesc3" || e.Outlets != 3 || e.Alert == nil {
		t.Errorf("escalation event = %+v", e)
	}
	if e := r.events[4]; e.Event != "digest" || len(e.Alerts) != 2 || e.Key != "swd9" || e.Part != 1 || e.Parts != 1 {
		t.Errorf("digest event = %+v", e)
	}
	for _, a := range r.auth {
		if a != "Bearer abc" {
			t.Errorf("Authorization header %q, want the configured one", a)
		}
	}
}

func TestErrorsClassifiedWithoutURL(t *testing.T) {
	tests := []struct {
		status    int
		retryable bool
		gone      bool
	}{
		{http.StatusTooManyRequests, true, false},
		{http.StatusBadGateway, true, false},
		{http.StatusBadRequest, false, false},
		{http.StatusNotFound, false, true},
		{http.StatusUnauthorized, false, true},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			r := newReceiver(t)
			r.reply = func(w http.ResponseWriter) {
				w.Header().Set("Retry-After", "1.5")
				w.WriteHeader(tt.status)
			}
			_, err := New(r.URL+"/in/"+token, nil, nil).Post(context.Background(), sample("wire", ""), "k")
			var e *Error
			if !errors.As(err, &e) || e.Retryable() != tt.retryable || e.DestinationGone() != tt.gone {
				t.Fatalf("err = %#v, want retryable %v, gone %v", err, tt.retryable, tt.gone)
			}
			if e.RetryAfterDuration() != 1500*time.Millisecond {
				t.Errorf("retry after %s, want 1.5s", e.RetryAfterDuration())
			}
		})
	}
	dead := httptest.NewServer(http.NotFoundHandler())
	url := dead.URL + "/in/" + token
	dead.Close()
	_, err := New(url, nil, nil).Post(context.Background(), sample("wire", ""), "k")
	var e *Error
	if !errors.As(err, &e) || !e.Retryable() || strings.Contains(err.Error(), token) {
		t.Fatalf("transport error %v: want retryable and no token", err)
	}
}

// A failed request's error never quotes the URL: net/http writes it with
// the password masked, so replacing the configured URL would miss it and
// leave the token in the path.
func TestTransportErrorHidesTheURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close() // no answer at all
		}
	}))
	t.Cleanup(srv.Close)
	u := strings.Replace(srv.URL, "http://", "http://user:pass-SECRET@", 1) + "/in/" + token
	_, err := New(u, nil, nil).Post(context.Background(), sample("wire", ""), "sw1")
	var he *Error
	if !errors.As(err, &he) || !he.Retryable() {
		t.Fatalf("err = %v, want a retryable *Error", err)
	}
	if s := err.Error(); strings.Contains(s, token) || strings.Contains(s, "pass-SECRET") || strings.Contains(s, "/in/") {
		t.Fatalf("error leaks the URL: %s", s)
	}
}
