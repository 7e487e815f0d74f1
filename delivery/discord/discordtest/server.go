// Package discordtest is a local stand-in for Discord's REST API: webhook
// execute and message edit, channel message create and edit, with
// rate-limit headers, Discord's error bodies, and checks of the payload
// limits and allowed_mentions on every request.
package discordtest

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"unicode/utf8"
)

// Request is one call the server received.
type Request struct {
	Method string
	Path   string // without the /api/vN prefix, e.g. /webhooks/1/tok/messages/7
	Query  string // raw query, e.g. wait=true&thread_id=9
	Target string // webhook or channel id
	Body   Payload
}

// Payload is the part of a message body the server checks and keeps.
type Payload struct {
	Content         string           `json:"content"`
	Embeds          []Embed          `json:"embeds"`
	AllowedMentions *json.RawMessage `json:"allowed_mentions"`
	Nonce           string           `json:"nonce"`
	EnforceNonce    bool             `json:"enforce_nonce"`
	Components      []Row            `json:"components"`
	Name            string           `json:"name"`    // of a thread being started
	Message         *Payload         `json:"message"` // the first message of a forum post
}

// Row is an action row of message components, as posted.
type Row struct {
	Components []struct {
		Label    string `json:"label"`
		CustomID string `json:"custom_id"`
	} `json:"components"`
}

// Embed is the checked part of an embed.
type Embed struct {
	Title       string `json:"title"`
	URL         string `json:"url"`
	Description string `json:"description"`
	Color       int    `json:"color"`
	Fields      []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
	Footer *struct {
		Text string `json:"text"`
	} `json:"footer"`
}

// Reply overrides the server's answer to one request.
type Reply struct {
	Status int
	Body   string
	Header http.Header
	Hang   bool // block until the client gives up
	// After serves the request as usual first and then answers with this
	// reply instead of the real answer: Discord acted, but the client
	// sees a failure (a response lost on the way back).
	After bool
}

// Server is a fake Discord. Set Intercept to inject failures; read
// Requests, Messages and Problems to check what clients did.
type Server struct {
	*httptest.Server
	BotToken string

	mu        sync.Mutex
	webhooks  map[string]string // id -> token
	channels  map[string]bool
	threads   map[string]string // thread id -> the message it was started on
	forums    map[string]bool
	messages  map[string]Payload
	targets   map[string]string // message id -> webhook or channel id
	order     []string          // message ids in creation order
	nonces    map[string]string
	requests  []Request
	problems  []string
	nextID    int
	intercept func(Request) *Reply
}

// New starts a server; close it with Close.
func New() *Server {
	s := &Server{webhooks: map[string]string{}, channels: map[string]bool{}, messages: map[string]Payload{}, targets: map[string]string{},
		nonces: map[string]string{}, threads: map[string]string{}, forums: map[string]bool{}, nextID: 1000}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// AddWebhook registers a webhook and returns its URL as Discord shows it.
func (s *Server) AddWebhook(id, token string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhooks[id] = token
	return "https://discord.com/api/webhooks/" + id + "/" + token
}

// DeleteWebhook makes later calls to the webhook fail with 404 10015.
func (s *Server) DeleteWebhook(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.webhooks, id)
}

// Threads returns the threads started, by id, with the message each was
// started on.
func (s *Server) Threads() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.threads)
}

// AddForum registers a forum channel: it takes posts (threads with a first
// message), not messages.
func (s *Server) AddForum(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[id], s.forums[id] = true, true
}

// AddChannel registers a channel the bot may post to.
func (s *Server) AddChannel(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[id] = true
}

// Intercept sets a function that may answer a request instead of the
// server (nil answers normally). It runs after the payload checks.
func (s *Server) Intercept(f func(Request) *Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.intercept = f
}

// Requests returns every request received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Problems returns every payload rule a request broke.
func (s *Server) Problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.problems...)
}

// Messages returns the messages that exist, in creation order, as last edited.
func (s *Server) Messages() []Payload { return s.MessagesTo("") }

// MessagesTo returns the messages posted to one webhook or channel id ("" for
// all), in creation order, as last edited.
func (s *Server) MessagesTo(target string) []Payload {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Payload
	for _, id := range s.order {
		if target == "" || s.targets[id] == target {
			out = append(out, s.messages[id])
		}
	}
	return out
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	path, ok := stripAPI(r.URL.Path)
	if !ok {
		writeError(w, http.StatusNotFound, 0, "404: Not Found")
		return
	}
	raw, _ := io.ReadAll(r.Body)
	req := Request{Method: r.Method, Path: path, Query: r.URL.RawQuery}
	if err := json.Unmarshal(raw, &req.Body); err != nil && len(raw) > 0 {
		writeError(w, http.StatusBadRequest, 50109, "The request body contains invalid JSON.")
		return
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) > 1 {
		req.Target = parts[1]
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	bad := s.check(req)
	intercept := s.intercept
	s.mu.Unlock()
	if bad != "" {
		writeError(w, http.StatusBadRequest, 50035, "Invalid Form Body: "+bad)
		return
	}
	if intercept != nil {
		if rep := intercept(req); rep != nil {
			if rep.After {
				s.route(httptest.NewRecorder(), r, req, parts)
			}
			reply(w, r, rep)
			return
		}
	}
	s.route(w, r, req, parts)
}

func stripAPI(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "/api/v")
	if !ok {
		return "", false
	}
	i := strings.IndexByte(rest, '/')
	if i < 0 {
		return "", false
	}
	return rest[i:], true
}

func reply(w http.ResponseWriter, r *http.Request, rep *Reply) {
	if rep.Hang {
		<-r.Context().Done()
		return
	}
	for k, vs := range rep.Header {
		w.Header()[k] = vs
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.Status)
	io.WriteString(w, rep.Body)
}

func writeError(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"message":%q,"code":%d}`, msg, code)
}

// RateLimited is Discord's 429 answer: a JSON body with retry_after in
// seconds and the matching headers.
func RateLimited(retryAfter float64, global bool) *Reply {
	h := http.Header{}
	h.Set("Retry-After", fmt.Sprint(retryAfter))
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "0")
	h.Set("X-RateLimit-Reset-After", "0.001")
	h.Set("X-RateLimit-Bucket", "fake-bucket")
	if global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	}
	body := fmt.Sprintf(`{"message":"You are being rate limited.","retry_after":%g,"global":%t}`, retryAfter, global)
	return &Reply{Status: http.StatusTooManyRequests, Body: body, Header: h}
}

// Failure is a Discord error answer with a JSON error code.
func Failure(status, code int, msg string) *Reply {
	return &Reply{Status: status, Body: fmt.Sprintf(`{"message":%q,"code":%d}`, msg, code)}
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }
