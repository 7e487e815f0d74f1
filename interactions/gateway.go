package interactions

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// gatewayWorkers answer interactions at once; more wait in the queue.
const gatewayWorkers = 4

// Gateway receives interactions over a discordgo Gateway session, which
// reconnects and resumes by itself after a dropped connection. Answers go
// back through the session's REST calls.
type Gateway struct {
	Session *discordgo.Session
	Handler Handler
	Log     *slog.Logger
	Budget  time.Duration // 0 = deferAfter
}

// Run opens the session and answers interactions until ctx ends, then
// closes it and waits for answers in flight.
func (g *Gateway) Run(ctx context.Context) error {
	queue := make(chan *discordgo.Interaction, 64)
	// Handlers run on discordgo's reading goroutine, so the queue is fed
	// in order and nothing is started that Run does not own.
	g.Session.SyncEvents = true
	g.Session.Identify.Intents = discordgo.IntentsGuilds
	remove := g.Session.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
		select {
		case queue <- ic.Interaction:
		case <-ctx.Done():
		}
	})
	defer remove()
	if err := g.open(ctx); err != nil {
		return err
	}
	var wg sync.WaitGroup
	for range gatewayWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g.work(ctx, queue)
		}()
	}
	<-ctx.Done()
	err := g.Session.Close()
	wg.Wait()
	if err != nil {
		return fmt.Errorf("close gateway: %w", err)
	}
	return nil
}

func (g *Gateway) work(ctx context.Context, queue <-chan *discordgo.Interaction) {
	budget := g.Budget
	if budget <= 0 {
		budget = deferAfter
	}
	for {
		select {
		case <-ctx.Done():
			return
		case i := <-queue:
			if err := answer(ctx, g.Handler, i, budget, g.delivery(ctx, i)); err != nil {
				g.Log.Warn("answer interaction", slog.String("id", i.ID), slog.Any("error", err))
			}
		}
	}
}

func (g *Gateway) delivery(ctx context.Context, i *discordgo.Interaction) delivery {
	return delivery{
		reply: func(resp *discordgo.InteractionResponse) error {
			return g.Session.InteractionRespond(i, resp, discordgo.WithContext(ctx))
		},
		edit: func(data *discordgo.InteractionResponseData) error {
			_, err := g.Session.InteractionResponseEdit(i, webhookEdit(data), discordgo.WithContext(ctx))
			return err
		},
	}
}

// open connects, retrying with backoff while Discord cannot be reached:
// a daemon that starts during an outage must still hear readers later.
func (g *Gateway) open(ctx context.Context) error {
	wait := time.Second
	for {
		err := g.Session.Open()
		if err == nil {
			return nil
		}
		g.Log.Warn("gateway unreachable; retrying", slog.Duration("in", wait), slog.Any("error", err))
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Minute)
	}
}
