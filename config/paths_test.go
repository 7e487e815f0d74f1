package config_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// TestRelativePathsResolveAgainstConfigFolder loads a file from a folder
// other than the working directory and checks where every path points.
func TestRelativePathsResolveAgainstConfigFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "etc")
	abs := filepath.Join(t.TempDir(), "abs.db")
	write(t, abs, "")
	write(t, filepath.Join(dir, "rules", "mine.yaml"), "rules: []\n")
	write(t, filepath.Join(dir, "token"), "bot-token\n")
	write(t, filepath.Join(dir, "hook"), "https://discord.com/api/webhooks/1/x\n")
	write(t, filepath.Join(dir, "lists", "un.xml"), "<x/>\n")
	write(t, filepath.Join(dir, "config.yaml"), `
state_file: data/sw.db
rules: {paths: [rules/mine.yaml, rules, `+abs+`]}
discord: {token_file: token}
destinations: [{name: a, webhook_file: ./hook}]
lists: [{name: un, format: un-xml, url: lists/un.xml}, {name: web, format: un-xml, url: "https://x.org/l.xml"}]
`)
	c, err := config.Load(filepath.Join(dir, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"state_file", c.StateFile, filepath.Join(dir, "data", "sw.db")},
		{"rules file", c.Rules.Paths[0], filepath.Join(dir, "rules", "mine.yaml")},
		{"rules folder", c.Rules.Paths[1], filepath.Join(dir, "rules")},
		{"absolute rules path", c.Rules.Paths[2], abs},
		{"token_file", c.Discord.TokenFile, filepath.Join(dir, "token")},
		{"webhook_file", c.Destinations[0].Discord.WebhookFile, filepath.Join(dir, "hook")},
		{"local list", c.Lists[0].URL, filepath.Join(dir, "lists", "un.xml")},
		{"remote list", c.Lists[1].URL, "https://x.org/l.xml"},
		{"Path", c.Path, filepath.Join(dir, "config.yaml")},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s = %q, want %q", ck.name, ck.got, ck.want)
		}
	}
}

// TestSecretFiles checks that *_file secrets are read and trimmed.
func TestSecretFiles(t *testing.T) {
	c, err := parseFile(t, filepath.Join("testdata", "full.good.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Discord.Token.Reveal(); got != "bot-token-from-file-SECRET1" {
		t.Errorf("token from file = %q", got)
	}
	archive, ok := c.Destination("archive")
	if !ok || archive.Discord.Webhook.Reveal() != "https://discord.com/api/webhooks/111/webhook-from-file-SECRET2" {
		t.Errorf("webhook from file = %q (found %v)", archive.Discord.Webhook.Reveal(), ok)
	}
	analysts, _ := c.Destination("analysts")
	if analysts.Discord.Webhook.Reveal() != testEnv["DISCORD_WEBHOOK_URL"] {
		t.Errorf("webhook from env = %q", analysts.Discord.Webhook.Reveal())
	}
}

// TestUnreadableSecretFile: a token file that cannot be read is reported
// at the token_file key.
func TestUnreadableSecretFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "token"), "x")
	if err := os.Chmod(filepath.Join(dir, "token"), 0); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "c.yaml"), "discord:\n  token_file: token\n")
	_, err := config.Load(filepath.Join(dir, "c.yaml"))
	want := filepath.Join(dir, "c.yaml") + ":2:15: discord: token_file: " + filepath.Join(dir, "token") + " is not readable (permission denied)"
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
