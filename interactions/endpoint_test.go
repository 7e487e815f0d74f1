package interactions

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/interactions/gatewaytest"
)

// signer signs test requests, failing the test on error.
type signer struct{ gatewaytest.Signer }

func newSigner(testing.TB) signer { return signer{gatewaytest.NewSigner()} }

func (s signer) request(t testing.TB, url string, body []byte, at time.Time) *http.Request {
	t.Helper()
	req, err := s.Request(url, body, at)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// answerJSON is the part of an HTTP answer the tests read.
type answerJSON struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data *struct {
		Content string                 `json:"content"`
		Flags   discordgo.MessageFlags `json:"flags"`
	} `json:"data"`
}

func post(t testing.TB, req *http.Request) (int, answerJSON) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out answerJSON
	if resp.StatusCode == http.StatusOK {
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode, out
}

func startEndpoint(t testing.TB, h Handler, budget time.Duration) (*httptest.Server, signer, *gatewaytest.Server) {
	t.Helper()
	sg := newSigner(t)
	rest := gatewaytest.New()
	t.Cleanup(rest.Close)
	ep := &Endpoint{Key: sg.Public, Handler: h, Session: restSession(t, rest.URL), Log: slog.New(slog.DiscardHandler), Budget: budget}
	srv := httptest.NewServer(ep)
	t.Cleanup(func() { srv.Close(); ep.wg.Wait() })
	return srv, sg, rest
}

func TestEndpointChecksSignatureAndTime(t *testing.T) {
	st := openStore(t)
	srv, sg, _ := startEndpoint(t, newBot(st, &announcer{}), 0)
	now := time.Now()
	if code, resp := post(t, sg.request(t, srv.URL, []byte(`{"id":"1","type":1}`), now)); code != 200 || resp.Type != discordgo.InteractionResponsePong {
		t.Errorf("ping: %d %+v", code, resp)
	}
	click := clickJSON("5001", "u1", false, "sw:rel:1")
	forged := sg.request(t, srv.URL, click, now)
	tampered := bytes.Replace(click, []byte("sw:rel:1"), []byte("sw:notrel:1"), 1)
	forged.Body, forged.ContentLength = ioNop(tampered), int64(len(tampered))
	other := newSigner(t)
	cases := map[string]*http.Request{
		"forged body": forged,
		"wrong key":   other.request(t, srv.URL, click, now),
		"stale":       sg.request(t, srv.URL, click, now.Add(-10*time.Minute)),
		"future":      sg.request(t, srv.URL, click, now.Add(10*time.Minute)),
		"no signature": func() *http.Request {
			r := sg.request(t, srv.URL, click, now)
			r.Header.Del("X-Signature-Ed25519")
			return r
		}(),
	}
	for name, req := range cases {
		if code, _ := post(t, req); code != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", name, code)
		}
	}
	if fb, _ := st.FeedbackByRule(context.Background(), time.Time{}, ""); len(fb) != 0 {
		t.Errorf("refused requests left verdicts: %+v", fb)
	}
	// The genuine request counts; the same signed request sent again
	// within the time window changes nothing.
	for range 2 {
		if code, resp := post(t, sg.request(t, srv.URL, click, now)); code != 200 {
			t.Fatalf("genuine: %d %+v", code, resp)
		}
	}
	fb, _ := st.FeedbackByRule(context.Background(), time.Time{}, "r1")
	if len(fb) != 1 || fb[0].Relevant != 1 {
		t.Errorf("feedback %+v, want one relevant verdict", fb)
	}
}

func ioNop(b []byte) io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }

// handlerFunc adapts a function to Handler.
type handlerFunc func(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse

func (f handlerFunc) Handle(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	return f(ctx, i)
}

func TestEndpointDefersSlowAnswersAndEditsThemIn(t *testing.T) {
	release := make(chan struct{})
	slow := handlerFunc(func(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
		<-release
		return private("fetched and matched")
	})
	srv, sg, rest := startEndpoint(t, slow, 50*time.Millisecond)
	code, resp := post(t, sg.request(t, srv.URL, commandJSON("6001", "u1", false, "test", "input", "https://example.org/"), time.Now()))
	if code != 200 || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource ||
		resp.Data == nil || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Fatalf("slow command: %d %+v, want a private deferral", code, resp)
	}
	close(release)
	waitUntil(t, "the edit", func() bool { return len(rest.Callbacks()) == 1 })
	cb := rest.Callbacks()[0]
	if !cb.Edit || cb.Token != "tok-6001" || !strings.Contains(string(cb.Body), "fetched and matched") {
		t.Errorf("edit %+v %s", cb, cb.Body)
	}
}

func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
