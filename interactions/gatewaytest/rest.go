package gatewaytest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
)

// Callback is one answer to an interaction: the first response (through
// /interactions/ID/TOKEN/callback) or an edit of a deferred one.
type Callback struct {
	InteractionID string // "" for an edit
	Token         string
	Edit          bool
	Body          json.RawMessage
}

type restState struct {
	callbacks []Callback
	commands  map[string][]json.RawMessage // "app" or "app/guild" -> definitions
	writes    int                          // command overwrites
}

// Callbacks returns every interaction answer received, in order.
func (s *Server) Callbacks() []Callback {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Callback(nil), s.rest.callbacks...)
}

// CommandWrites counts bulk overwrites of the command definitions.
func (s *Server) CommandWrites() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rest.writes
}

// restRoute answers the REST calls of interactions; false means the path
// is not one of them.
func (s *Server) restRoute(w http.ResponseWriter, r *http.Request) bool {
	path, ok := strings.CutPrefix(r.URL.Path, "/api/v")
	if !ok {
		return false
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")[1:]
	// The body is read only for our own routes: the rest go on to Next.
	body := func() []byte { b, _ := io.ReadAll(r.Body); return b }
	switch {
	case len(parts) == 4 && parts[0] == "interactions" && parts[3] == "callback" && r.Method == http.MethodPost:
		s.record(Callback{InteractionID: parts[1], Token: parts[2], Body: body()})
		w.WriteHeader(http.StatusNoContent)
	case len(parts) == 5 && parts[0] == "webhooks" && parts[4] == "@original" && r.Method == http.MethodPatch:
		s.record(Callback{Token: parts[2], Edit: true, Body: body()})
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"1","channel_id":"1","content":""}`)
	case parts[0] == "applications" && parts[len(parts)-1] == "commands":
		s.commands(w, r, strings.Join(parts[1:len(parts)-1], "/"), body())
	default:
		return false
	}
	return true
}

func (s *Server) record(c Callback) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rest.callbacks = append(s.rest.callbacks, c)
}

// commands keeps definitions the way Discord does, adding an id, the
// application id and a version to each, so that clients must compare
// only what they set.
func (s *Server) commands(w http.ResponseWriter, r *http.Request, scope string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Method == http.MethodPut {
		var defs []map[string]any
		if err := json.Unmarshal(body, &defs); err != nil {
			http.Error(w, `{"message":"bad body","code":50109}`, http.StatusBadRequest)
			return
		}
		s.rest.writes++
		s.rest.commands[scope] = nil
		for i, d := range defs {
			d["id"], d["application_id"], d["version"] = "90000000000000000"+string(rune('0'+i)), strings.Split(scope, "/")[0], "1"
			d["default_member_permissions"], d["type"], d["nsfw"] = nil, 1, false
			raw, _ := json.Marshal(d)
			s.rest.commands[scope] = append(s.rest.commands[scope], raw)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	list := s.rest.commands[scope]
	if list == nil {
		list = []json.RawMessage{}
	}
	json.NewEncoder(w).Encode(list)
}
