package gatewaytest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Where interactions built here come from.
const (
	AppID     = "100000000000000002"
	GuildID   = "400000000000000001"
	ChannelID = "500000000000000001"
	MessageID = "777"
)

// Member is who clicks or types a command.
type Member struct {
	ID          string
	Roles       []string
	Permissions int64
}

func (m Member) json() string {
	roles, _ := json.Marshal(append([]string{}, m.Roles...))
	return fmt.Sprintf(`{"user":{"id":%q,"username":"reader-%s"},"roles":%s,"permissions":"%d"}`, m.ID, m.ID, roles, m.Permissions)
}

// Click is a button press (or, with values, a menu choice) on message
// MessageID, as Discord sends it; its token is "tok-" + id.
func Click(id string, m Member, customID string, values ...string) []byte {
	vals, _ := json.Marshal(append([]string{}, values...))
	ctype := 2
	if len(values) > 0 {
		ctype = 3
	}
	return []byte(fmt.Sprintf(`{"id":%q,"application_id":%q,"type":3,"token":"tok-%s","version":1,
		"guild_id":%q,"channel_id":%q,"member":%s,
		"message":{"id":%q,"channel_id":%q,"content":"","embeds":[{"title":"an alert"}]},
		"data":{"custom_id":%q,"component_type":%d,"values":%s}}`,
		id, AppID, id, GuildID, ChannelID, m.json(), MessageID, ChannelID, customID, ctype, vals))
}

// Command is /sanctionwatch SUB with string options given as name, value.
func Command(id string, m Member, sub string, opts ...string) []byte {
	var os []string
	for i := 0; i+1 < len(opts); i += 2 {
		os = append(os, fmt.Sprintf(`{"name":%q,"type":3,"value":%q}`, opts[i], opts[i+1]))
	}
	return []byte(fmt.Sprintf(`{"id":%q,"application_id":%q,"type":2,"token":"tok-%s","version":1,
		"guild_id":%q,"channel_id":%q,"member":%s,
		"data":{"id":"900","name":"sanctionwatch","type":1,"options":[{"name":%q,"type":1,"options":[%s]}]}}`,
		id, AppID, id, GuildID, ChannelID, m.json(), sub, strings.Join(os, ",")))
}

// Signer signs requests to an interactions endpoint the way Discord does.
type Signer struct {
	Public  ed25519.PublicKey
	private ed25519.PrivateKey
}

// NewSigner makes a fresh key pair.
func NewSigner() Signer {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		panic(err) // the system's randomness failed
	}
	return Signer{pub, priv}
}

// PublicHex is the public key as the Developer Portal shows it.
func (s Signer) PublicHex() string { return hex.EncodeToString(s.Public) }

// Request is a POST of body to url signed at the time at.
func (s Signer) Request(url string, body []byte, at time.Time) (*http.Request, error) {
	ts := strconv.FormatInt(at.Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(s.private, append([]byte(ts), body...))))
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("Content-Type", "application/json")
	return req, nil
}
