package config_test

import (
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// TestEnvExpansion runs values through a feed header, which takes any
// string, to see ${NAME}, ${NAME:-default} and $$ expand as documented.
func TestEnvExpansion(t *testing.T) {
	env := map[string]string{"A": "alpha", "E": "", "B": "beta"}
	lookup := func(name string) (string, bool) { v, ok := env[name]; return v, ok }
	tests := []struct {
		value, want, wantErr string
	}{
		{value: "${A}", want: "alpha"},
		{value: "x-${A}-${B}-y", want: "x-alpha-beta-y"},
		{value: "${U:-fallback}", want: "fallback"},
		{value: "${E:-fallback}", want: "fallback"},
		{value: "${A:-fallback}", want: "alpha"},
		{value: "${E}", want: ""},
		{value: "${U:-}", want: ""},
		{value: "$$HOME and $$${A}", want: "$HOME and $alpha"},
		{value: "cost $5 $", want: "cost $5 $"},
		{value: "${U}", wantErr: "t.yaml:1:55: feeds[0].headers.X: environment variable U is not set"},
		{value: "${A", wantErr: `t.yaml:1:55: feeds[0].headers.X: unterminated "${"`},
		{value: "${A B}", wantErr: "invalid environment variable name"},
		{value: "${}", wantErr: "invalid environment variable name"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			doc := "feeds: [{name: a, url: 'https://x.org/', headers: {X: '" + tt.value + "'}}]"
			c, err := config.Parse("t.yaml", []byte(doc), lookup)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v; want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.Feeds[0].Headers["X"]; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestEnvExpandsEveryKind checks that numbers, durations and booleans
// expand too, and that keys do not.
func TestEnvExpandsEveryKind(t *testing.T) {
	env := map[string]string{"N": "7", "D": "90s", "B": "false"}
	lookup := func(name string) (string, bool) { v, ok := env[name]; return v, ok }
	doc := "watch: {concurrency: '${N}', timeout: '${D}'}\nrules: {default_pack: '${B}'}\n"
	c, err := config.Parse("t.yaml", []byte(doc), lookup)
	if err != nil {
		t.Fatal(err)
	}
	if c.Watch.Concurrency != 7 || c.Watch.Timeout.String() != "1m30s" || c.Rules.DefaultPack {
		t.Errorf("got concurrency %d, timeout %v, default_pack %v", c.Watch.Concurrency, c.Watch.Timeout, c.Rules.DefaultPack)
	}
	_, err = config.Parse("t.yaml", []byte("'${N}': 1\n"), lookup)
	if err == nil || !strings.Contains(err.Error(), `unknown key "${N}"`) {
		t.Errorf("a ${VAR} key: got %v; want an unknown key error", err)
	}
}
