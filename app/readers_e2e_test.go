package app

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/delivery/discord/discordtest"
	"github.com/sanctionwatch/sanctionwatch/interactions/gatewaytest"
	"github.com/sanctionwatch/sanctionwatch/store"
)

const (
	alertChannel = "600000000000000001"
	adminRoleID  = "300000000000000009"
)

// readersDaemon is a daemon posting to a bot channel, with interactions
// on both the Gateway stand-in and the HTTP endpoint, and a webhook as
// the admin destination.
type readersDaemon struct {
	*daemon
	gw     *gatewaytest.Server
	signer gatewaytest.Signer
}

func newReadersDaemon(t *testing.T) *readersDaemon {
	d := &readersDaemon{daemon: &daemon{dir: t.TempDir(), feed: newFeedServer(t), discord: discordtest.New(), reloads: &reloadLog{}},
		gw: gatewaytest.New(), signer: gatewaytest.NewSigner()}
	t.Cleanup(d.discord.Close)
	t.Cleanup(d.gw.Close)
	d.gw.HeartbeatMillis = 100
	d.gw.Next = d.discord.Config.Handler // everything but interactions goes to the REST stand-in
	d.discord.BotToken = "bot-secret"
	d.discord.AddChannel(alertChannel)
	admin := d.discord.AddWebhook("222", "adminsecret")
	d.write(t, "config.yaml", fmt.Sprintf(`state_file: state.db
http:
  listen: ""
rules:
  default_pack: false
  paths: [myrules]
watch:
  schedule: "@every 1s"
  jitter: 1ms
feeds:
  - name: wire
    url: %s
    allow_private: true
discord:
  api_base: %s
  token: bot-secret
destinations:
  - name: alerts
    channel_id: "%s"
  - name: admin
    webhook: %s
routing:
  default: alerts
  admin: admin
interactions:
  application_id: "%s"
  public_key: %s
  listen: 127.0.0.1:0
  gateway: true
  admin_roles: ["%s"]
`, d.feed.URL, d.gw.URL, alertChannel, admin, gatewaytest.AppID, d.signer.PublicHex(), adminRoleID))
	d.write(t, "myrules/canary.yaml", canaryRule("zebracorn"))
	return d
}

// post sends a signed interaction to the daemon's endpoint.
func (d *readersDaemon) post(t *testing.T, a *App, body []byte) int {
	t.Helper()
	req, err := d.signer.Request("http://"+a.EndpointAddr()+"/", body, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func (d *readersDaemon) channelPosts(s string) int {
	n := 0
	for _, m := range d.discord.MessagesTo(alertChannel) {
		for _, e := range m.Embeds {
			if strings.Contains(e.Title, s) {
				n++
			}
		}
	}
	return n
}

// channelShows counts the alert channel's messages that show s: as their
// title, or in the list of an event's reports (a later story of the same
// event edits the event's post rather than posting anew).
func (d *readersDaemon) channelShows(s string) int {
	n := 0
	for _, m := range d.discord.MessagesTo(alertChannel) {
		for _, e := range m.Embeds {
			shown := strings.Contains(e.Title, s)
			for _, f := range e.Fields {
				shown = shown || strings.Contains(f.Value, s)
			}
			if shown {
				n++
			}
		}
	}
	return n
}

func (d *readersDaemon) adminPostsContaining(s string) int {
	n := 0
	for _, m := range d.discord.MessagesTo("222") {
		for _, e := range m.Embeds {
			if strings.Contains(e.Title+e.Description, s) {
				n++
			}
		}
	}
	return n
}

// alertState reads how the alert of a story title stands in the outbox.
func alertState(t *testing.T, dir, title string) (id int64, state string) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	recent, err := st.RecentAlerts(context.Background(), time.Hour, "canary")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recent {
		if r.Alert.Story.Title == title {
			return r.ID, r.State
		}
	}
	return 0, ""
}

// TestReadersEndToEnd: an alert is posted; readers judge it through the
// Gateway and through the HTTP endpoint, each once however often the
// request is replayed; a mute keeps the next story from being posted and
// records it as muted; when the mute expires stories are posted again.
func TestReadersEndToEnd(t *testing.T) {
	d := newReadersDaemon(t)
	stop, a := d.startApp(t)
	defer func() {
		if err := stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	select {
	case <-d.gw.Ready():
	case <-time.After(15 * time.Second):
		t.Fatal("the daemon never identified on the Gateway")
	}
	waitFor(t, "the endpoint", func() bool { return a.EndpointAddr() != "" })
	waitFor(t, "command registration", func() bool { return d.gw.CommandWrites() == 1 })
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 2 })

	d.feed.add("z1", "First zebracorn sighting", "")
	waitFor(t, "the alert", func() bool { return d.channelPosts("First zebracorn") == 1 })
	id, _ := alertState(t, d.dir, "First zebracorn sighting")
	// The alert carries the buttons; readers click what was posted.
	buttons := d.discord.MessagesTo(alertChannel)[0].Components
	if len(buttons) != 1 || len(buttons[0].Components) != 4 {
		t.Fatalf("alert buttons %+v, want one row of four", buttons)
	}
	notRelevant := buttons[0].Components[1].CustomID
	if want := fmt.Sprintf("sw:notrel:%d", id); notRelevant != want || buttons[0].Components[1].Label != "Not relevant" {
		t.Fatalf("second button %+v, want %s", buttons[0].Components[1], want)
	}

	// Not relevant through the Gateway, and the same event again.
	for range 2 {
		d.gw.Dispatch(gatewaytest.Click("8001", gatewaytest.Member{ID: "u1"}, notRelevant))
	}
	// Not relevant through the HTTP endpoint, twice the same signed request.
	for range 2 {
		if code := d.post(t, a, gatewaytest.Click("8002", gatewaytest.Member{ID: "u2"}, notRelevant)); code != http.StatusOK {
			t.Fatalf("endpoint answered %d", code)
		}
	}
	waitFor(t, "gateway answers", func() bool { return len(d.gw.Callbacks()) >= 2 })
	st, err := store.Open(context.Background(), filepath.Join(d.dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fb, err := st.FeedbackByRule(context.Background(), time.Now().Add(-time.Hour), "canary")
	if err != nil || len(fb) != 1 || fb[0].NotRelevant != 2 || fb[0].Relevant != 0 {
		t.Fatalf("feedback %+v, %v; want exactly two not-relevant verdicts", fb, err)
	}

	// A reader without the admin role cannot mute; one with it can, from
	// the alert's menu; the mute is announced in the admin destination.
	mute := fmt.Sprintf("sw:mutefor:rule:%d", id)
	d.post(t, a, gatewaytest.Click("8003", gatewaytest.Member{ID: "u1"}, mute, "1h"))
	if ms, _ := st.ActiveMutes(context.Background()); len(ms) != 0 {
		t.Fatalf("a reader without the role muted: %+v", ms)
	}
	d.post(t, a, gatewaytest.Click("8004", gatewaytest.Member{ID: "u9", Roles: []string{adminRoleID}}, mute, "1h"))
	waitFor(t, "the mute announcement", func() bool { return d.adminPostsContaining("Muted rule canary") == 1 })

	d.feed.add("z2", "Second zebracorn sighting", "")
	waitFor(t, "the muted alert", func() bool { _, s := alertState(t, d.dir, "Second zebracorn sighting"); return s == "muted" })

	// Lift it, and mute again for a moment: expiry restores delivery.
	d.post(t, a, gatewaytest.Command("8005", gatewaytest.Member{ID: "u9", Roles: []string{adminRoleID}}, "unmute", "kind", "rule", "value", "canary"))
	d.post(t, a, gatewaytest.Command("8006", gatewaytest.Member{ID: "u9", Roles: []string{adminRoleID}}, "mute",
		"kind", "rule", "value", "canary", "duration", "3s"))
	d.feed.add("z3", "Third zebracorn sighting", "")
	waitFor(t, "the second muted alert", func() bool { _, s := alertState(t, d.dir, "Third zebracorn sighting"); return s == "muted" })
	time.Sleep(3 * time.Second)
	d.feed.add("z4", "Fourth zebracorn sighting", "")
	waitFor(t, "delivery after expiry", func() bool { return d.channelShows("Fourth zebracorn") == 1 })
	for _, title := range []string{"Second zebracorn", "Third zebracorn"} {
		if n := d.channelShows(title); n != 0 {
			t.Errorf("muted story %q posted %d times", title, n)
		}
	}
	for _, m := range d.discord.MessagesTo("222") {
		if len(m.Components) > 0 {
			t.Errorf("a webhook post carries components: %+v", m.Components)
		}
	}
	if p := d.discord.Problems(); len(p) > 0 {
		t.Errorf("Discord payload problems: %v", p)
	}
}
