// Package gatewaytest is a local stand-in for the parts of Discord that
// interactions use: the Gateway (a websocket speaking hello, identify,
// ready, heartbeats, dispatch and resume after a dropped connection) and
// the REST calls that answer interactions and register commands. Other
// requests go to Next, so it can sit in front of the REST stand-in.
package gatewaytest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"

	"github.com/gorilla/websocket"
)

// SessionID is the session the stand-in hands out on identify.
const SessionID = "gatewaytest-session"

// Server is a fake Discord for interactions; start it with New.
type Server struct {
	*httptest.Server
	// HeartbeatMillis is sent in hello; small values make tests quick.
	HeartbeatMillis int
	// Next answers requests this server does not handle (nil: 404).
	Next http.Handler

	mu         sync.Mutex
	conn       *websocket.Conn
	writeMu    sync.Mutex
	seq        int64
	sent       []event // dispatched events, for resume
	identifies int
	resumes    int
	heartbeats int
	ready      chan struct{}
	rest       restState
}

type event struct {
	seq  int64
	name string
	data json.RawMessage
}

// New starts a server.
func New() *Server {
	s := &Server{HeartbeatMillis: 200, ready: make(chan struct{}, 16)}
	s.rest.commands = map[string][]json.RawMessage{}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.TrimSuffix(r.URL.Path, "/") == "/ws": // discordgo adds a slash
		s.websocket(w, r)
	case strings.HasPrefix(r.URL.Path, "/api/v") && strings.HasSuffix(r.URL.Path, "/gateway"):
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"url": "ws" + strings.TrimPrefix(s.URL, "http") + "/ws"})
	case s.restRoute(w, r):
	case s.Next != nil:
		s.Next.ServeHTTP(w, r)
	default:
		http.NotFound(w, r)
	}
}

// Ready returns a channel that receives once per READY or RESUMED sent.
func (s *Server) Ready() <-chan struct{} { return s.ready }

// Counts reports how many identifies, resumes and heartbeats arrived.
func (s *Server) Counts() (identifies, resumes, heartbeats int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.identifies, s.resumes, s.heartbeats
}

// Drop closes the current connection without a close frame, as a network
// failure would; the client should reconnect and resume.
func (s *Server) Drop() {
	s.mu.Lock()
	c := s.conn
	s.conn = nil
	s.mu.Unlock()
	if c != nil {
		c.UnderlyingConn().Close()
	}
}

// Dispatch sends an INTERACTION_CREATE event with interaction (a JSON
// object as Discord sends it). While no client is connected the event is
// kept and delivered on resume, as Discord does.
func (s *Server) Dispatch(interaction []byte) {
	s.mu.Lock()
	s.seq++
	ev := event{seq: s.seq, name: "INTERACTION_CREATE", data: interaction}
	s.sent = append(s.sent, ev)
	c := s.conn
	s.mu.Unlock()
	if c != nil {
		s.write(c, frame{Op: 0, S: ev.seq, T: ev.name, D: ev.data})
	}
}

// frame is a Gateway payload.
type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d,omitempty"`
	S  int64           `json:"s,omitempty"`
	T  string          `json:"t,omitempty"`
}

func (s *Server) write(c *websocket.Conn, f frame) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return c.WriteJSON(f)
}
