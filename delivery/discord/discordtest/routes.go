package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// route answers webhook and channel message calls the way Discord does.
func (s *Server) route(w http.ResponseWriter, r *http.Request, req Request, parts []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case len(parts) == 3 && parts[0] == "webhooks" && r.Method == http.MethodPost:
		if s.webhooks[parts[1]] != parts[2] {
			writeError(w, http.StatusNotFound, 10015, "Unknown Webhook")
			return
		}
		id := s.create(req.Body, parts[1])
		if r.URL.Query().Get("wait") != "true" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		s.writeMessage(w, id, parts[1])
	case len(parts) == 5 && parts[0] == "webhooks" && r.Method == http.MethodPatch:
		if s.webhooks[parts[1]] != parts[2] {
			writeError(w, http.StatusNotFound, 10015, "Unknown Webhook")
			return
		}
		s.edit(w, parts[4], req.Body, parts[1])
	case len(parts) == 3 && parts[0] == "channels" && parts[2] == "threads" && r.Method == http.MethodPost:
		s.startPost(w, r, req, parts[1])
	case len(parts) >= 3 && parts[0] == "channels" && parts[2] == "messages":
		s.channel(w, r, req, parts)
	default:
		writeError(w, http.StatusNotFound, 0, "404: Not Found")
	}
}

func (s *Server) channel(w http.ResponseWriter, r *http.Request, req Request, parts []string) {
	if r.Header.Get("Authorization") != "Bot "+s.BotToken || s.BotToken == "" {
		writeError(w, http.StatusUnauthorized, 0, "401: Unauthorized")
		return
	}
	if !s.channels[parts[1]] {
		writeError(w, http.StatusNotFound, 10003, "Unknown Channel")
		return
	}
	switch {
	case len(parts) == 3 && r.Method == http.MethodPost && s.forums[parts[1]]:
		writeError(w, http.StatusBadRequest, 220001, "Cannot send messages in a forum channel")
	case len(parts) == 3 && r.Method == http.MethodPost:
		key := parts[1] + "/" + req.Body.Nonce
		if id, seen := s.nonces[key]; seen && req.Body.EnforceNonce {
			s.writeMessage(w, id, parts[1])
			return
		}
		id := s.create(req.Body, parts[1])
		if req.Body.Nonce != "" {
			s.nonces[key] = id
		}
		s.writeMessage(w, id, parts[1])
	case len(parts) == 4 && r.Method == http.MethodPatch:
		s.edit(w, parts[3], req.Body, parts[1])
	case len(parts) == 5 && parts[4] == "threads" && r.Method == http.MethodPost:
		s.startThread(w, parts[1], parts[3], req.Body.Name)
	default:
		writeError(w, http.StatusMethodNotAllowed, 0, "405: Method Not Allowed")
	}
}

func (s *Server) create(p Payload, target string) string {
	s.nextID++
	id := strconv.Itoa(s.nextID)
	s.messages[id] = p
	s.targets[id] = target
	s.order = append(s.order, id)
	return id
}

func (s *Server) edit(w http.ResponseWriter, id string, p Payload, channel string) {
	if _, ok := s.messages[id]; !ok {
		writeError(w, http.StatusNotFound, 10008, "Unknown Message")
		return
	}
	if p.Components == nil {
		p.Components = s.messages[id].Components // Discord keeps what an edit leaves out
	}
	s.messages[id] = p
	s.writeMessage(w, id, channel)
}

func (s *Server) writeMessage(w http.ResponseWriter, id, channel string) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-RateLimit-Limit", "5")
	h.Set("X-RateLimit-Remaining", "4")
	h.Set("X-RateLimit-Reset-After", "0.001")
	h.Set("X-RateLimit-Bucket", "fake-"+channel)
	p := s.messages[id]
	body, _ := json.Marshal(map[string]any{"id": id, "channel_id": channel, "content": p.Content, "embeds": p.Embeds})
	w.Write(body)
}

// check returns the first Discord rule p breaks, or "" (caller holds mu).
func (s *Server) check(req Request) string {
	if req.Method != http.MethodPost && req.Method != http.MethodPatch {
		return ""
	}
	body := req.Body
	if strings.HasSuffix(req.Path, "/threads") {
		if body.Message == nil {
			return "" // a thread on a message sends a name, not a message
		}
		body = *body.Message // a forum post: its first message is checked
	}
	bad := checkPayload(body)
	if bad != "" {
		s.problems = append(s.problems, req.Method+" "+req.Path+": "+bad)
	}
	return bad
}

func checkPayload(p Payload) string {
	if p.AllowedMentions == nil {
		return "allowed_mentions missing"
	}
	var am struct {
		Parse *[]string `json:"parse"`
	}
	if err := json.Unmarshal(*p.AllowedMentions, &am); err != nil || am.Parse == nil || len(*am.Parse) != 0 {
		return "allowed_mentions.parse is not []"
	}
	if runeLen(p.Content) > 2000 {
		return "content over 2000"
	}
	if len(p.Embeds) > 10 {
		return "more than 10 embeds"
	}
	total := 0
	for i, e := range p.Embeds {
		n, bad := checkEmbed(e)
		if bad != "" {
			return fmt.Sprintf("embeds[%d]: %s", i, bad)
		}
		total += n
	}
	if total > 6000 {
		return "embeds over 6000 in total"
	}
	return ""
}

type limit struct {
	what string
	s    string
	max  int
}

func checkEmbed(e Embed) (int, string) {
	limits := []limit{{"title", e.Title, 256}, {"description", e.Description, 4096}}
	if e.Footer != nil {
		limits = append(limits, limit{"footer", e.Footer.Text, 2048})
	}
	if len(e.Fields) > 25 {
		return 0, "more than 25 fields"
	}
	total := 0
	for _, f := range e.Fields {
		if runeLen(f.Name) > 256 || runeLen(f.Value) > 1024 || f.Name == "" || f.Value == "" {
			return 0, "field name or value out of limits"
		}
		total += runeLen(f.Name) + runeLen(f.Value)
	}
	for _, l := range limits {
		if runeLen(l.s) > l.max {
			return 0, l.what + " too long"
		}
		total += runeLen(l.s)
	}
	if total > 6000 {
		return 0, "embed over 6000"
	}
	return total, ""
}

// startThread opens a public thread on message mid of channel cid, as
// POST /channels/{cid}/messages/{mid}/threads does: the thread is a channel
// of its own the bot can post to, and a message has at most one thread.
func (s *Server) startThread(w http.ResponseWriter, cid, mid, name string) {
	if s.targets[mid] != cid {
		writeError(w, http.StatusNotFound, 10008, "Unknown Message")
		return
	}
	for _, m := range s.threads {
		if m == mid {
			writeError(w, http.StatusBadRequest, 160004, "A thread has already been created for this message")
			return
		}
	}
	if name == "" || len([]rune(name)) > 100 {
		writeError(w, http.StatusBadRequest, 50035, "Invalid Form Body: name must be 1-100 characters")
		return
	}
	s.nextID++
	id := strconv.Itoa(s.nextID)
	s.threads[id], s.channels[id] = mid, true
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	body, _ := json.Marshal(map[string]any{"id": id, "type": 11, "parent_id": cid, "name": name})
	w.Write(body)
}

// startPost opens a post in forum cid, as POST /channels/{cid}/threads with
// a message does: a thread whose first message has the thread's id. A
// first message with an enforced nonce already used in the forum gets the
// earlier post back, as a channel message does.
func (s *Server) startPost(w http.ResponseWriter, r *http.Request, req Request, cid string) {
	if r.Header.Get("Authorization") != "Bot "+s.BotToken || s.BotToken == "" {
		writeError(w, http.StatusUnauthorized, 0, "401: Unauthorized")
		return
	}
	if !s.forums[cid] || req.Body.Message == nil {
		writeError(w, http.StatusBadRequest, 50024, "Cannot execute action on this channel type")
		return
	}
	if req.Body.Name == "" || len([]rune(req.Body.Name)) > 100 {
		writeError(w, http.StatusBadRequest, 50035, "Invalid Form Body: name must be 1-100 characters")
		return
	}
	key := cid + "/" + req.Body.Message.Nonce
	id, seen := s.nonces[key]
	if !seen || !req.Body.Message.EnforceNonce {
		s.nextID++
		id = strconv.Itoa(s.nextID)
		s.messages[id], s.targets[id] = *req.Body.Message, id
		s.order = append(s.order, id)
		s.threads[id], s.channels[id] = id, true
		if req.Body.Message.Nonce != "" {
			s.nonces[key] = id
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	body, _ := json.Marshal(map[string]any{"id": id, "type": 11, "parent_id": cid, "name": req.Body.Name})
	w.Write(body)
}
