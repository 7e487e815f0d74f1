package config_test

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// parseDestinations parses a config made of a bot token and the given
// destinations list, read as if it were a file in testdata (so that
// webhook_file paths resolve there).
func parseDestinations(t *testing.T, dests string) (*config.Config, error) {
	t.Helper()
	data := "discord: {token: bot-token-SECRET1}\ndestinations:\n" + dests
	return config.Parse(filepath.Join("testdata", "inline.yaml"), []byte(data), lookupTestEnv)
}

// TestDiscordFormsAgree: the flat keys older files use and the discord:
// block give the same destination, every Discord key included.
func TestDiscordFormsAgree(t *testing.T) {
	cases := map[string]struct{ flat, block string }{
		"webhook": {
			flat: `  - name: desk
    webhook: ${DISCORD_WEBHOOK_URL}
    thread_id: "1234567890123456789"
    username: sanctionwatch
    avatar_url: https://example.org/a.png
    mention_role: "123456789012345678"
    mention_from: high
    min_severity: low
    languages: [ru, uk]
    digest: {below: medium, schedule: "0 8 * * *"}
`,
			block: `  - name: desk
    min_severity: low
    languages: [ru, uk]
    digest: {below: medium, schedule: "0 8 * * *"}
    discord:
      webhook: ${DISCORD_WEBHOOK_URL}
      thread_id: "1234567890123456789"
      username: sanctionwatch
      avatar_url: https://example.org/a.png
      mention_role: "123456789012345678"
      mention_from: high
`,
		},
		"channel": {
			flat:  "  - {name: ops, channel_id: \"234567890123456789\", threads: true, forum: true}\n",
			block: "  - {name: ops, discord: {channel_id: \"234567890123456789\", threads: true, forum: true}}\n",
		},
		"webhook file": {
			flat:  "  - {name: archive, webhook_file: secrets/webhook}\n",
			block: "  - {name: archive, discord: {webhook_file: secrets/webhook}}\n",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			flat, err := parseDestinations(t, tc.flat)
			if err != nil {
				t.Fatalf("flat form:\n%v", err)
			}
			block, err := parseDestinations(t, tc.block)
			if err != nil {
				t.Fatalf("block form:\n%v", err)
			}
			got, want := flat.Destinations, block.Destinations
			if len(want) != 1 || want[0].Discord == (config.DiscordDestination{}) {
				t.Fatalf("block form decoded no Discord settings: %+v", want)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("flat form gives\n%+v\nblock form gives\n%+v", got, want)
			}
		})
	}
}

// TestDiscordFormsSameMessage: a bad value is reported in the same words
// in both forms, each at the place it is written.
func TestDiscordFormsSameMessage(t *testing.T) {
	cases := []struct {
		name, flat, block string
		flatAt, blockAt   string // line:col
		want              string
	}{
		{"bad role", "  - {name: a, webhook: x, mention_role: \"@ops\"}\n", "  - name: a\n    discord:\n      mention_role: \"@ops\"\n",
			":3:41:", ":5:21:", `destination "a": mention_role is not a Discord id`},
		{"threads on a webhook", "  - {name: a, webhook: https://d.example/api/webhooks/1/SECRET2, threads: true}\n",
			"  - {name: a, discord: {webhook: https://d.example/api/webhooks/1/SECRET2, threads: true}}\n",
			":3:75:", ":3:85:", `destination "a": threads need a channel destination`},
		{"not a snowflake", "  - {name: a, channel_id: \"12\"}\n", "  - {name: a, discord: {channel_id: \"12\"}}\n",
			":3:27:", ":3:37:", `destination "a": channel_id is not a Discord id`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for form, src := range map[string]string{tc.flatAt: tc.flat, tc.blockAt: tc.block} {
				_, err := parseDestinations(t, src)
				if !hasError(err, form, tc.want) {
					t.Errorf("%q:\nwant an error at %s saying %q, got:\n%v", src, form, tc.want, err)
				}
			}
		})
	}
}

// hasError reports whether err holds a problem at position at (":L:C:")
// whose text contains want.
func hasError(err error, at, want string) bool {
	var errs config.Errors
	if !errors.As(err, &errs) {
		return false
	}
	for _, e := range errs {
		if s := e.Error(); strings.Contains(s, at) && strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// TestDestinationTypeErrors: each mix of forms or types is one error, at
// the key that breaks it, whatever order the keys come in.
func TestDestinationTypeErrors(t *testing.T) {
	// The first type written decides the destination's type.
	cases := []struct{ name, dests, at, want string }{
		{"flat before block", "  - name: a\n    threads: true\n    discord: {channel_id: \"234567890123456789\"}\n",
			":4:5:", `threads is written flat beside the discord: block of line 5`},
		{"block before flat", "  - name: a\n    discord: {channel_id: \"234567890123456789\"}\n    threads: true\n",
			":5:5:", `threads is written flat beside the discord: block of line 4`},
		{"zero value beside hook", "  - name: a\n    json_webhook: {url: https://h.example/in}\n    forum: false\n",
			":5:5:", `Discord setting forum in a json_webhook destination (json_webhook: at line 4)`},
		{"discord before hook", "  - name: a\n    webhook: https://discord.com/api/webhooks/1/SECRET2\n    json_webhook: {url: https://h.example/in}\n",
			":5:5:", `a json_webhook: block in a Discord destination (webhook: at line 4)`},
		{"hook before discord block", "  - name: a\n    json_webhook: {url: https://h.example/in}\n    discord: {}\n",
			":5:5:", `a discord: block in a json_webhook destination`},
		{"hook key in discord", "  - name: a\n    discord: {channel_id: \"234567890123456789\", url: https://h.example/in}\n",
			":4:49:", `unknown key "url" in destinations[0].discord; it is a json_webhook setting`},
		{"discord key in hook", "  - name: a\n    json_webhook: {url: https://h.example/in, mention_role: \"123456789012345678\"}\n",
			":4:47:", `unknown key "mention_role" in destinations[0].json_webhook; it is a Discord setting`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseDestinations(t, tc.dests)
			var errs config.Errors
			if !errors.As(err, &errs) || len(errs) != 1 || !hasError(err, tc.at, tc.want) {
				t.Errorf("want exactly one error at %s saying %q, got:\n%v", tc.at, tc.want, err)
			}
		})
	}
}
