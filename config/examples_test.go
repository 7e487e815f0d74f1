package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// TestRepositoryDestinationExamples uncomments the example destinations
// of config.yaml and parses them, so that the documented form stays one
// that loads.
func TestRepositoryDestinationExamples(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "\ndestinations: []\n")
	examples, _, ok2 := strings.Cut(rest, "\nrouting:")
	if !ok || !ok2 {
		t.Fatal("config.yaml: no destinations: [] section followed by routing:")
	}
	var src strings.Builder
	src.WriteString("discord: {token: bot-token}\ndestinations:\n")
	for _, line := range strings.Split(examples, "\n") {
		// Example lines are "  # - key" or "  #   key"; prose is "  # Word".
		if strings.HasPrefix(line, "  # - ") || strings.HasPrefix(line, "  #   ") {
			src.WriteString(strings.TrimPrefix(line, "  # ") + "\n")
		}
	}
	env := func(name string) (string, bool) {
		return map[string]string{"DISCORD_WEBHOOK_URL": "https://discord.com/api/webhooks/1/x",
			"TICKETS_HOOK_URL": "https://hooks.example/in", "TICKETS_TOKEN": "t"}[name], true
	}
	c, err := config.Parse("config.yaml examples", []byte(src.String()), env)
	if err != nil {
		t.Fatalf("example destinations:\n%s\n%v", src.String(), err)
	}
	kinds := map[string]bool{}
	for _, d := range c.Destinations {
		kinds["webhook"] = kinds["webhook"] || d.Discord.Webhook != ""
		kinds["channel"] = kinds["channel"] || d.Discord.ChannelID != ""
		kinds["json_webhook"] = kinds["json_webhook"] || d.JSONWebhook.URL != ""
	}
	if len(c.Destinations) != 3 || len(kinds) != 3 || !kinds["webhook"] || !kinds["channel"] || !kinds["json_webhook"] {
		t.Errorf("want one example of each destination type, got %d destinations: %v", len(c.Destinations), kinds)
	}
}
