package interactions

import (
	"crypto/ed25519"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// maxSkew is how far a request's signed timestamp may be from our clock.
// Discord sends at once; an older signed request is a replay.
const maxSkew = 5 * time.Minute

var (
	errBadSignature = errors.New("bad signature")
	errStale        = errors.New("stale or future timestamp")
)

// verify checks the Ed25519 signature of r (timestamp + body) with key and
// that the signed timestamp is within maxSkew of now. It leaves the body
// readable.
func verify(r *http.Request, key ed25519.PublicKey, now time.Time) error {
	if !discordgo.VerifyInteraction(r, key) {
		return errBadSignature
	}
	sec, err := strconv.ParseInt(r.Header.Get("X-Signature-Timestamp"), 10, 64)
	if err != nil {
		return errStale
	}
	if d := now.Sub(time.Unix(sec, 0)); d > maxSkew || d < -maxSkew {
		return errStale
	}
	return nil
}
