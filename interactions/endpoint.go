package interactions

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// maxBody bounds an interaction request; real ones are a few KB.
const maxBody = 1 << 20

// Endpoint is the HTTP interactions endpoint: it checks each request's
// signature and timestamp (401 otherwise), answers PING, and hands the
// rest to the Handler. Answers that are deferred are edited in through
// Session; the endpoint owns those goroutines and Close waits for them.
type Endpoint struct {
	Key     ed25519.PublicKey
	Handler Handler
	Session *discordgo.Session // REST, for editing deferred answers
	Log     *slog.Logger
	Now     func() time.Time
	Budget  time.Duration // 0 = deferAfter

	wg sync.WaitGroup
}

func (e *Endpoint) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

// ServeHTTP answers one interaction request.
func (e *Endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := verify(r, e.Key, e.now()); err != nil {
		e.Log.Warn("interaction refused", slog.String("reason", err.Error()), slog.String("remote", r.RemoteAddr))
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	body, err := io.ReadAll(r.Body)
	var i discordgo.Interaction
	if err == nil {
		err = json.Unmarshal(body, &i)
	}
	if err != nil {
		http.Error(w, "bad interaction", http.StatusBadRequest)
		return
	}
	if i.Type == discordgo.InteractionPing {
		writeResponse(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	e.answer(r.Context(), w, &i)
}

// answer replies in the HTTP response; a deferred answer's edit goes on
// after ServeHTTP returns, on a goroutine the endpoint waits for.
func (e *Endpoint) answer(ctx context.Context, w http.ResponseWriter, i *discordgo.Interaction) {
	replied := make(chan struct{})
	d := delivery{
		reply: func(resp *discordgo.InteractionResponse) error {
			defer close(replied)
			return writeResponse(w, resp)
		},
		edit: func(data *discordgo.InteractionResponseData) error {
			_, err := e.Session.InteractionResponseEdit(i, webhookEdit(data), discordgo.WithContext(context.WithoutCancel(ctx)))
			return err
		},
	}
	budget := e.Budget
	if budget <= 0 {
		budget = deferAfter
	}
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		if err := answer(context.WithoutCancel(ctx), e.Handler, i, budget, d); err != nil {
			e.Log.Warn("answer interaction", slog.String("id", i.ID), slog.Any("error", err))
		}
	}()
	<-replied
}

func writeResponse(w http.ResponseWriter, resp *discordgo.InteractionResponse) error {
	w.Header().Set("Content-Type", "application/json")
	return json.NewEncoder(w).Encode(resp)
}

// Serve listens on addr and serves the endpoint at every path until ctx
// ends, then waits for deferred answers to finish.
func (e *Endpoint) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		e.wg.Wait()
		return fmt.Errorf("interactions endpoint: %w", err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(shut)
	<-errc
	e.wg.Wait()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("interactions endpoint: %w", err)
	}
	return nil
}
