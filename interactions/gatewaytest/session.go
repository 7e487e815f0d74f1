package gatewaytest

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// websocket runs one Gateway connection: hello, then identify or resume,
// then heartbeats until the connection ends.
func (s *Server) websocket(w http.ResponseWriter, r *http.Request) {
	c, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	hello, _ := json.Marshal(map[string]int{"heartbeat_interval": s.HeartbeatMillis})
	if s.write(c, frame{Op: 10, D: hello}) != nil {
		return
	}
	for {
		var f frame
		if err := c.ReadJSON(&f); err != nil {
			return
		}
		if !s.handle(c, f) {
			return
		}
	}
}

// handle answers one client frame; false ends the connection.
func (s *Server) handle(c *websocket.Conn, f frame) bool {
	switch f.Op {
	case 1: // heartbeat
		s.mu.Lock()
		s.heartbeats++
		s.mu.Unlock()
		return s.write(c, frame{Op: 11}) == nil
	case 2: // identify
		return s.identify(c)
	case 6: // resume
		return s.resume(c, f.D)
	}
	return true
}

func (s *Server) identify(c *websocket.Conn) bool {
	s.mu.Lock()
	s.identifies++
	s.seq++
	seq := s.seq
	s.conn = c
	s.mu.Unlock()
	ready := fmt.Sprintf(`{"v":10,"session_id":%q,"user":{"id":"100000000000000001","username":"sanctionwatch","bot":true},"guilds":[],"application":{"id":"100000000000000002"}}`, SessionID)
	if s.write(c, frame{Op: 0, S: seq, T: "READY", D: json.RawMessage(ready)}) != nil {
		return false
	}
	s.signalReady()
	return true
}

// resume replays the events after the client's sequence, then RESUMED; a
// wrong session is told to identify again (op 9).
func (s *Server) resume(c *websocket.Conn, d json.RawMessage) bool {
	var p struct {
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	json.Unmarshal(d, &p)
	if p.SessionID != SessionID {
		return s.write(c, frame{Op: 9, D: json.RawMessage("false")}) == nil
	}
	s.mu.Lock()
	s.resumes++
	var missed []event
	for _, ev := range s.sent {
		if ev.seq > p.Seq {
			missed = append(missed, ev)
		}
	}
	s.seq++
	seq := s.seq
	s.conn = c
	s.mu.Unlock()
	for _, ev := range missed {
		if s.write(c, frame{Op: 0, S: ev.seq, T: ev.name, D: ev.data}) != nil {
			return false
		}
	}
	if s.write(c, frame{Op: 0, S: seq, T: "RESUMED", D: json.RawMessage("{}")}) != nil {
		return false
	}
	s.signalReady()
	return true
}

// signalReady notes a READY or RESUMED without ever blocking the
// connection when no test is waiting.
func (s *Server) signalReady() {
	select {
	case s.ready <- struct{}{}:
	default:
	}
}
