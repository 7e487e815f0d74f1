package app

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery/discord"
	"github.com/sanctionwatch/sanctionwatch/interactions"
)

// readers is the part of the app that hears from readers in Discord.
type readers struct {
	session  *discordgo.Session
	cfg      config.Interactions
	gateway  *interactions.Gateway
	endpoint *interactions.Endpoint

	mu       sync.Mutex // guards listener, set once Run listens
	listener net.Listener
}

// buildReaders prepares the Gateway and the HTTP endpoint that
// interactions.* asks for. Nothing connects or listens until Run, so that
// `once` beside a running daemon does not fight it for the address.
func (a *App) buildReaders(cfg *config.Config) error {
	ic := cfg.Interactions
	if !ic.Enabled() {
		return nil
	}
	tr, err := discord.NewTransport(cfg.Discord.APIBase, nil)
	if err != nil {
		return err
	}
	s, _ := discordgo.New("Bot " + cfg.Discord.Token.Reveal()) // New never fails
	s.Client = &http.Client{Transport: tr, Timeout: 30 * time.Second}
	s.MaxRestRetries, s.StateEnabled, s.LogLevel = 1, false, -1
	bot := &interactions.Bot{Store: a.store, Test: a.testInput, Status: a.statusText, Announce: a.announce, Log: a.log,
		Access: interactions.Access{Roles: ic.AdminRoles, Permission: ic.PermissionBit()}}
	r := &readers{session: s, cfg: ic}
	if ic.Gateway {
		r.gateway = &interactions.Gateway{Session: s, Handler: bot, Log: a.log}
	}
	if ic.Listen != "" {
		key, _ := hex.DecodeString(ic.PublicKey) // checked by config
		r.endpoint = &interactions.Endpoint{Key: ed25519.PublicKey(key), Handler: bot, Session: s, Log: a.log, Now: a.opts.Now}
	}
	a.readers = r
	return nil
}

// runReaders registers the command if it changed, then serves the Gateway
// and the endpoint until ctx ends. A failed registration is logged: the
// buttons work without the command.
func (a *App) runReaders(ctx context.Context) error {
	r := a.readers
	if r.endpoint != nil {
		ln, err := net.Listen("tcp", r.cfg.Listen)
		if err != nil {
			return fmt.Errorf("interactions.listen: %w", err)
		}
		r.setListener(ln)
	}
	wrote, err := interactions.Register(ctx, r.session, r.cfg.ApplicationID, r.cfg.GuildID)
	switch {
	case err != nil:
		a.log.Warn("the /sanctionwatch command is not registered; buttons still work", slog.Any("error", err))
	case wrote:
		a.log.Info("registered the /sanctionwatch command", slog.String("guild", r.cfg.GuildID))
	}
	errc := make(chan error, 2)
	n := 0
	if r.gateway != nil {
		n++
		go func() { errc <- r.gateway.Run(ctx) }()
	}
	if r.endpoint != nil {
		n++
		go func() { errc <- r.endpoint.Serve(ctx, r.listener) }()
	}
	var first error
	for range n {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (r *readers) setListener(ln net.Listener) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.listener = ln
}

// EndpointAddr is the address the interactions endpoint listens on, or ""
// before Run has started it.
func (a *App) EndpointAddr() string {
	if a.readers == nil {
		return ""
	}
	a.readers.mu.Lock()
	defer a.readers.mu.Unlock()
	if a.readers.listener == nil {
		return ""
	}
	return a.readers.listener.Addr().String()
}

// announce tells the admin destination what a reader did.
func (a *App) announce(_ context.Context, title, text string) { a.notice(title, text) }
