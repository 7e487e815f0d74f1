package config_test

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// destinationsFile is a config of n destinations, a third each webhook,
// channel and json_webhook, with Discord keys flat or in their block.
func destinationsFile(n int, block bool) []byte {
	var b strings.Builder
	b.WriteString("discord: {token: bot-token}\ndestinations:\n")
	indent := "    "
	for i := range n {
		fmt.Fprintf(&b, "  - name: d%d\n    min_severity: low\n    languages: [ru, uk]\n", i)
		if i%3 == 2 {
			fmt.Fprintf(&b, "    json_webhook: {url: https://hooks.example/%d, headers: {Authorization: Bearer t}}\n", i)
			continue
		}
		if block {
			b.WriteString("    discord:\n")
			indent = "      "
		}
		if i%3 == 0 {
			fmt.Fprintf(&b, "%swebhook: https://discord.com/api/webhooks/%d/token\n%susername: sw\n", indent, i, indent)
		} else {
			fmt.Fprintf(&b, "%schannel_id: \"2345678901234567%02d\"\n%sthreads: true\n", indent, i%100, indent)
		}
		fmt.Fprintf(&b, "%smention_role: \"123456789012345678\"\n%smention_from: high\n", indent, indent)
	}
	return []byte(b.String())
}

// BenchmarkParseDestinations measures Parse on 300 destinations in each
// form, beside the floor of the work: reading the same bytes into a YAML
// node tree, which every form must do before anything is checked.
func BenchmarkParseDestinations(b *testing.B) {
	for _, form := range []struct {
		name  string
		block bool
	}{{"flat", false}, {"block", true}} {
		data := destinationsFile(300, form.block)
		b.Run("yaml-node/"+form.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var n yaml.Node
				if err := yaml.Unmarshal(data, &n); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("parse/"+form.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := config.Parse("bench.yaml", data, noEnv); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
