package config_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// All secret values in testdata contain this marker, so a leak of any of
// them shows up as the marker in output.
const secretMarker = "SECRET"

// TestSecretNeverPrints renders a secret and a whole Config holding secrets
// every way a program is likely to print them.
func TestSecretNeverPrints(t *testing.T) {
	c, err := parseFile(t, filepath.Join("testdata", "full.good.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]any{"secret": c.Discord.Token, "config": c, "pointer": &c.Discord.Token} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3s"} {
			assertNoSecret(t, name+" "+verb, fmt.Sprintf(verb, v))
		}
		js, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		assertNoSecret(t, name+" json", string(js))
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "value", v, slog.Any("any", v))
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "value", v, slog.Any("any", v))
		assertNoSecret(t, name+" slog", buf.String())
	}
	if got := fmt.Sprint(c.Discord.Token); got != "<secret>" {
		t.Errorf("a set secret prints as %q; want <secret>", got)
	}
	if got := fmt.Sprint(config.Secret("")); got != "" {
		t.Errorf("an empty secret prints as %q; want it empty", got)
	}
}

// TestErrorsNeverQuoteSecrets checks every message of every bad testdata
// file, plus mistakes that put a secret where it does not belong.
func TestErrorsNeverQuoteSecrets(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.bad.yaml"))
	for _, path := range files {
		_, err := parseFile(t, path)
		assertNoSecret(t, path, fmt.Sprint(err))
	}
	env := map[string]string{"HOOK": "not a url SECRET8", "TOKEN": "SECRET9"}
	lookup := func(name string) (string, bool) { v, ok := env[name]; return v, ok }
	tests := map[string]string{
		"bad webhook from env": "destinations: [{name: a, webhook: '${HOOK}'}]",
		"webhook as mapping":   "destinations: [{name: a, webhook: {x: SECRET10}}]",
		"webhook as list":      "destinations: [{name: a, webhook: [SECRET11]}]",
		"url in channel_id":    "discord: {token: t}\ndestinations: [{name: a, channel_id: 'https://discord.com/api/webhooks/1/SECRET12'}]",
		"webhook in thread":    "destinations: [{name: a, webhook: 'https://d.com/x', thread_id: 'SECRET13'}]",
		"token and file":       "discord: {token: '${TOKEN}', token_file: testdata/secrets/token}",
		"role from env":        "destinations: [{name: a, webhook: 'https://d.com/x', mention_role: '${TOKEN}'}]",
	}
	for name, doc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := config.Parse("t.yaml", []byte(doc), lookup)
			var errs config.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("want config.Errors, got %v", err)
			}
			assertNoSecret(t, name, err.Error())
		})
	}
}

func assertNoSecret(t *testing.T, what, out string) {
	t.Helper()
	if strings.Contains(out, secretMarker) {
		t.Errorf("%s leaks a secret: %s", what, out)
	}
}
