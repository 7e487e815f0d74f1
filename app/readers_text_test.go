package app

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/rules"
)

// The /sanctionwatch test command fetches what any member of the server
// gives it, so it must not reach this machine or its network.
func TestFetchRefusesLocalAddresses(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer srv.Close()
	_, err := fetchPublicStories(context.Background(), srv.URL)
	if !errors.Is(err, errPrivateAddress) || hits != 0 {
		t.Errorf("local fetch: %v, %d requests reached the server", err, hits)
	}
	for _, addr := range []string{"10.0.0.1:80", "192.168.1.1:443", "[::1]:80", "169.254.169.254:80", "0.0.0.0:80"} {
		if err := publicOnly("tcp", addr, nil); !errors.Is(err, errPrivateAddress) {
			t.Errorf("%s allowed", addr)
		}
	}
	if err := publicOnly("tcp", "93.184.216.34:443", nil); err != nil {
		t.Errorf("public address refused: %v", err)
	}
}

func TestTestInputOnText(t *testing.T) {
	rs, err := rules.Compile([]rules.Source{{Name: "r.yaml", Data: []byte("rules:\n  - id: tankers\n    title: Tankers\n    severity: high\n    query: tanker*\n")}}, rules.Env{})
	if err != nil {
		t.Fatal(err)
	}
	a := &App{}
	a.rules.Store(&ruling{RuleSet: rs})
	out, err := a.testInput(context.Background(), "Tanker seized off Oman\nThe crew was held.")
	if err != nil || !strings.Contains(out, "ALERT **Tanker seized off Oman**") || !strings.Contains(out, "rule `tankers`") {
		t.Errorf("%q, %v", out, err)
	}
	if out, _ = a.testInput(context.Background(), "/etc/passwd"); !strings.Contains(out, "no match: /etc/passwd") {
		t.Errorf("a path was not taken as text: %q", out)
	}
}
