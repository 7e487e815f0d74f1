package interactions

import (
	"context"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/delivery/discord"
	"github.com/sanctionwatch/sanctionwatch/interactions/gatewaytest"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

const (
	adminRole = "300000000000000001"
	guildID   = gatewaytest.GuildID
	channelID = gatewaytest.ChannelID
)

// openStore opens a state file in a temporary folder with one alert in
// the outbox (id 1, rules r1 and r2, feed wire) posted as message 777.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := story.Alert{Destination: "alerts", Story: story.Story{FeedID: "wire", Key: "k1", Title: "Tanker seized off Oman"},
		Matches: []story.Match{
			{RuleID: "r1", Title: "Tankers", Severity: story.SeverityHigh, Snippet: "the " + story.MarkOpen + "tanker" + story.MarkClose + " was seized",
				Hits: []story.Hit{{Term: "tanker*", Source: story.SourceTerm, Field: story.FieldTitle, Text: "Tanker"}}},
			{RuleID: "r2", Title: "Oman", Severity: story.SeverityLow},
		}, Severity: story.SeverityHigh}
	if _, err := st.EnqueueAlerts(context.Background(), []story.Alert{a}); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkSent(context.Background(), 1, "777"); err != nil {
		t.Fatal(err)
	}
	return st
}

// announcer records what the bot tells the admin destination.
type announcer struct {
	mu   sync.Mutex
	msgs []string
}

func (a *announcer) announce(_ context.Context, title, text string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.msgs = append(a.msgs, title+": "+text)
}

func (a *announcer) all() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.msgs...)
}

func newBot(st *store.Store, ann *announcer) *Bot {
	return &Bot{Store: st, Access: Access{Roles: []string{adminRole}, Permission: 1 << 5},
		Test:     func(_ context.Context, in string) (string, error) { return "tested: " + in, nil },
		Status:   func(context.Context) (string, error) { return "all well", nil },
		Announce: ann.announce, Log: slog.New(slog.DiscardHandler)}
}

func member(user string, admin bool) gatewaytest.Member {
	m := gatewaytest.Member{ID: user}
	if admin {
		m.Roles = []string{adminRole}
	}
	return m
}

func clickJSON(id, user string, admin bool, customID string, values ...string) []byte {
	return gatewaytest.Click(id, member(user, admin), customID, values...)
}

func commandJSON(id, user string, admin bool, sub string, opts ...string) []byte {
	return gatewaytest.Command(id, member(user, admin), sub, opts...)
}

func decode(t testing.TB, raw []byte) *discordgo.Interaction {
	t.Helper()
	var i discordgo.Interaction
	if err := i.UnmarshalJSON(raw); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	return &i
}

// restSession is a discordgo session whose REST calls go to base.
func restSession(t testing.TB, base string) *discordgo.Session {
	t.Helper()
	tr, err := discord.NewTransport(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := discordgo.New("Bot test-token")
	s.Client = &http.Client{Transport: tr, Timeout: 10 * time.Second}
	s.MaxRestRetries = 0
	s.LogLevel = -1
	return s
}
