package delivery

import (
	"context"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery/discord/discordtest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// TestDiscordFormsPostTheSame loads the same two destinations written with
// flat Discord keys and with the discord: block, and posts one alert
// through each: the requests that reach Discord must be the same, and must
// show the settings (thread, role ping) were used.
func TestDiscordFormsPostTheSame(t *testing.T) {
	srv := discordtest.New()
	defer srv.Close()
	srv.BotToken = botSecret
	srv.AddChannel("234567890123456789")
	hook := srv.AddWebhook("9", opsToken)
	keys := map[string]string{
		"desk": fmt.Sprintf("webhook: %s, thread_id: \"345678901234567890\", mention_role: \"123456789012345678\", mention_from: high", hook),
		"ops":  "channel_id: \"234567890123456789\", mention_role: \"123456789012345678\"",
	}
	var sent [2][]discordtest.Request
	for i, form := range []string{"%s", "discord: {%s}"} {
		src := fmt.Sprintf("discord: {api_base: %s, token: %s}\ndestinations:\n", srv.URL, botSecret)
		for _, name := range []string{"desk", "ops"} {
			src += fmt.Sprintf("  - {name: %s, min_severity: low, %s}\n", name, fmt.Sprintf(form, keys[name]))
		}
		cfg, err := config.Parse("forms.yaml", []byte(src), func(string) (string, bool) { return "", false })
		if err != nil {
			t.Fatalf("form %q:\n%v", form, err)
		}
		before := len(srv.Requests())
		postOne(t, cfg, "desk")
		postOne(t, cfg, "ops")
		sent[i] = srv.Requests()[before:]
	}
	if len(sent[0]) != 2 || !reflect.DeepEqual(sent[0], sent[1]) {
		t.Fatalf("flat form sent\n%+v\nblock form sent\n%+v", sent[0], sent[1])
	}
	desk, ops := sent[1][0], sent[1][1]
	if !strings.Contains(desk.Query, "thread_id=345678901234567890") || !strings.Contains(desk.Body.Content, "<@&123456789012345678>") {
		t.Errorf("webhook post lost its thread or role ping: query %q, content %q", desk.Query, desk.Body.Content)
	}
	if ops.Target != "234567890123456789" {
		t.Errorf("bot post went to %q, want the configured channel", ops.Target)
	}
}

// postOne posts a high alert to the destination called name.
func postOne(t *testing.T, cfg *config.Config, name string) {
	t.Helper()
	ns, err := NewNotifiers(cfg, io.Discard, false, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ns[name].Post(context.Background(), alert(name, "f", 1, story.SeverityHigh), ""); err != nil {
		t.Fatalf("post to %s: %v", name, err)
	}
}
