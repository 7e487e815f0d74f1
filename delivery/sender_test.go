package delivery

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery/discord/discordtest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

func wantTitles(t *testing.T, got []string, feed string, n int) {
	t.Helper()
	if len(got) != n {
		t.Fatalf("%d messages, want %d: %v", len(got), n, got)
	}
	for i, title := range got {
		if want := fmt.Sprintf("story %02d from %s", i, feed); title != want {
			t.Fatalf("message %d is %q, want %q (order or duplicates wrong): %v", i, title, want, got)
		}
	}
}

func TestOutageDeliversEverythingAfterwardsInOrderOnce(t *testing.T) {
	h := newHarness(t, nil)
	for i := 0; i < 12; i++ {
		h.enqueue(alert("ops", "wire", i, story.SeverityHigh))
	}
	end := h.clock.Now().Add(7 * time.Minute)
	outage := 0
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
		if h.clock.Now().Before(end) {
			outage++
			if outage%3 == 0 {
				return &discordtest.Reply{Status: 502, Body: "<html>bad gateway</html>"}
			}
			return discordtest.Failure(503, 0, "upstream unavailable")
		}
		return nil
	})
	h.flush()
	wantTitles(t, h.titles("1"), "wire", 12)
	if outage < 3 {
		t.Fatalf("only %d failed attempts during the outage; the test did not exercise retries", outage)
	}
	stats, _ := h.store.OutboxStats(context.Background())
	for _, st := range stats {
		if st.Depth != 0 {
			t.Fatalf("%s still has %d queued", st.Destination, st.Depth)
		}
	}
}

func TestRateLimitStormIsObeyed(t *testing.T) {
	h := newHarness(t, nil)
	for i := 0; i < 15; i++ {
		h.enqueue(alert("news", "wire", i, story.SeverityHigh))
	}
	var mu sync.Mutex
	var times []time.Time
	var resetAt time.Time
	calls := 0
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
		mu.Lock()
		defer mu.Unlock()
		now := h.clock.Now()
		if now.Before(resetAt) {
			t.Errorf("request at %s before the rate limit reset at %s", now, resetAt)
		}
		times = append(times, now)
		calls++
		if calls%2 == 0 {
			resetAt = now.Add(7500 * time.Millisecond)
			return discordtest.RateLimited(7.5, calls%4 == 0)
		}
		return nil
	})
	h.flush()
	wantTitles(t, h.titles("2"), "wire", 15)
	for i := 5; i < len(times); i++ { // Discord: 5 requests per 2s per webhook
		if times[i].Sub(times[i-5]) < 2*time.Second {
			t.Fatalf("6 requests within 2s ending at request %d", i)
		}
	}
}

func TestCrashBetweenQueueAndSendLosesNothing(t *testing.T) {
	h := newHarness(t, nil)
	for i := 0; i < 5; i++ {
		h.enqueue(alert("ops", "wire", i, story.SeverityHigh), alert("chan", "wire", i, story.SeverityHigh))
	}
	// Deliver part of the queue, then "crash": the store closes under the sender.
	var once sync.Once
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
		if len(h.srv.MessagesTo("1")) == 2 {
			once.Do(func() { h.store.Close() })
		}
		return nil
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	h.sender.Flush(ctx) // fails once the store is gone
	h.srv.Intercept(nil)
	h.open() // restart: reopen the file, new sender
	h.flush()
	h.flush() // a second pass must not send anything again
	// The message posted while the store closed is the one duplicate a
	// crash may cause for a webhook; a bot channel uses nonces and has none.
	ops := h.titles("1")
	if len(ops) < 5 || len(ops) > 6 {
		t.Fatalf("ops got %d messages, want 5 (6 if the crash hit between post and record): %v", len(ops), ops)
	}
	wantTitles(t, h.titles("555"), "wire", 5)
}

func TestDeletedWebhookStopsOnlyItsDestination(t *testing.T) {
	h := newHarness(t, nil)
	h.srv.DeleteWebhook("1")
	for i := 0; i < 4; i++ {
		h.enqueue(alert("ops", "wire", i, story.SeverityHigh), alert("news", "wire", i, story.SeverityHigh))
	}
	h.flush()
	h.flush() // the notice queued while flushing goes out too
	wantTitles(t, h.titles("2"), "wire", 4)
	stats, err := h.store.OutboxStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ops bool
	for _, st := range stats {
		if st.Destination == "ops" {
			ops = true
			if st.Depth != 4 || !strings.Contains(st.Failed, "10015") {
				t.Fatalf("ops stats = %+v, want 4 kept and failed with code 10015", st)
			}
		}
	}
	if !ops {
		t.Fatal("no stats for ops")
	}
	attempts := 0
	for _, r := range h.srv.Requests() {
		if r.Target == "1" {
			attempts++
		}
	}
	if attempts != 1 {
		t.Fatalf("%d requests to the deleted webhook, want 1", attempts)
	}
	admin := h.titles("3")
	if len(admin) != 1 || !strings.Contains(admin[0], "ops failed") {
		t.Fatalf("admin notices = %v, want one about ops", admin)
	}
}

func TestSameStoryFromAnotherFeedEditsEarlierPost(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.Destinations[0].Discord.MentionRole = "999" })
	first := alert("ops", "reuters", 1, story.SeverityHigh)
	sameLink := alert("ops", "ap", 2, story.SeverityHigh)
	sameLink.Story.Link = first.Story.Link
	sameTitle := alert("ops", "bbc", 3, story.SeverityHigh)
	sameTitle.Story.Title = strings.ToUpper(first.Story.Title) + "!"
	other := alert("ops", "bbc", 4, story.SeverityHigh)
	h.enqueue(first, sameLink, sameTitle, other)
	h.flush()
	msgs := h.srv.MessagesTo("1")
	if len(msgs) != 2 {
		t.Fatalf("%d posts, want 2 (one per story)", len(msgs))
	}
	fields := msgs[0].Embeds[0].Fields
	last := fields[len(fields)-1]
	want := "[STORY 01 FROM REUTERS!](https://example.org/bbc/03) · bbc\n[story 02 from ap](https://example.org/reuters/01) · ap\n" +
		"[story 01 from reuters](https://example.org/reuters/01) · reuters"
	if last.Name != "Reported by 3 outlets" || last.Value != want {
		t.Fatalf("first post's last field = %+v, want bbc, ap and reuters, newest first", last)
	}
	edits := 0
	for _, r := range h.srv.Requests() {
		if r.Method == "PATCH" {
			edits++
			if am := string(*r.Body.AllowedMentions); strings.Contains(am, "roles") {
				t.Fatalf("edit allows mentions %s; edits must never ping", am)
			}
		}
	}
	if edits != 2 {
		t.Fatalf("%d edits, want 2", edits)
	}
}

func TestDeletedEarlierPostMeansANewPost(t *testing.T) {
	h := newHarness(t, nil)
	first := alert("ops", "reuters", 1, story.SeverityHigh)
	h.enqueue(first)
	h.flush()
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
		if r.Method == "PATCH" {
			return discordtest.Failure(404, 10008, "Unknown Message")
		}
		return nil
	})
	again := alert("ops", "ap", 2, story.SeverityHigh)
	again.Story.Link = first.Story.Link
	h.enqueue(again)
	h.flush()
	if got := h.titles("1"); len(got) != 2 || got[1] != "story 02 from ap" {
		t.Fatalf("posts = %v, want the later sighting posted anew", got)
	}
}

func TestDigestGathersLowSeverity(t *testing.T) {
	h := newHarness(t, func(c *config.Config) {
		c.Destinations[1].Digest = config.Digest{Below: "high", Schedule: "@every 1h"}
		c.Destinations[1].Discord.MentionRole, c.Destinations[1].Discord.MentionFrom = "777", "critical"
	})
	h.enqueue(alert("news", "wire", 0, story.SeverityLow), alert("news", "wire", 1, story.SeverityCritical),
		alert("news", "wire", 2, story.SeverityMedium))
	h.flush()
	msgs := h.srv.MessagesTo("2")
	if len(msgs) != 1 || msgs[0].Content != "<@&777> critical: story 01 from wire" {
		t.Fatalf("immediate posts = %+v, want only the critical one, pinging the role", msgs)
	}
	if err := h.sender.SendDigest(context.Background(), "news"); err != nil {
		t.Fatal(err)
	}
	msgs = h.srv.MessagesTo("2")
	if len(msgs) != 2 || !strings.HasPrefix(msgs[1].Embeds[0].Title, "Digest: 2 stories") || msgs[1].Content != "" {
		t.Fatalf("posts after digest = %+v, want a 2-story digest that pings no one", msgs)
	}
	if err := h.sender.SendDigest(context.Background(), "news"); err != nil || len(h.srv.MessagesTo("2")) != 2 {
		t.Fatalf("second digest posted again (err %v)", err)
	}
}

func TestRunDeliversWhenWokenAndStops(t *testing.T) {
	h := newHarness(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.sender.Run(ctx) }()
	h.enqueue(alert("ops", "wire", 0, story.SeverityHigh))
	h.sender.Wake()
	deadline := time.Now().Add(time.Minute)
	for len(h.srv.MessagesTo("1")) == 0 {
		select {
		case err := <-done:
			t.Fatalf("Run returned early: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("Run delivered nothing after Wake")
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v, want nil after cancel", err)
	}
	wantTitles(t, h.titles("1"), "wire", 1)
}

func TestTerminalWhenNothingConfigured(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.Destinations, c.Routing = nil, config.Routing{} })
	r, err := NewRouter(h.cfg)
	if err != nil {
		t.Fatal(err)
	}
	a := alert("x", "wire", 0, story.SeverityHigh)
	h.enqueue(r.Route(a.Story, a.Matches)...)
	h.flush()
	out := h.logs.String()
	if !strings.Contains(out, "[HIGH] story 00 from wire") || !strings.Contains(out, "> @everyone [drones] <@&1>") {
		t.Fatalf("terminal output lacks the alert:\n%s", out)
	}
}

func TestSendTest(t *testing.T) {
	h := newHarness(t, nil)
	for _, dest := range []string{"ops", "chan"} {
		if id, err := h.sender.SendTest(context.Background(), dest); err != nil || id == "" {
			t.Fatalf("SendTest(%s) = %q, %v", dest, id, err)
		}
	}
	if _, err := h.sender.SendTest(context.Background(), "nowhere"); err == nil {
		t.Fatal("SendTest to an unknown destination succeeded")
	}
}

// TestZeroDedupWindowMatchesNoTitles checks that dedup_window: 0 is taken
// as written (no title matching), not as the 6h default.
func TestZeroDedupWindowMatchesNoTitles(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.Delivery.DedupWindow = 0 })
	first := alert("ops", "reuters", 1, story.SeverityHigh)
	sameTitle := alert("ops", "bbc", 2, story.SeverityHigh)
	sameTitle.Story.Title = first.Story.Title
	h.enqueue(first, sameTitle)
	h.flush()
	if n := len(h.srv.MessagesTo("1")); n != 2 {
		t.Fatalf("%d posts, want 2: with dedup_window 0 a same title is another story", n)
	}
}

// TestWebhookGoesToItsOwnHost checks that without discord.api_base a
// webhook URL on another host is posted there, and that errors name the
// host the request really went to, never discord.com nor the token.
func TestWebhookGoesToItsOwnHost(t *testing.T) {
	srv := discordtest.New()
	defer srv.Close()
	srv.AddWebhook("9", opsToken)
	cfg := &config.Config{Destinations: []config.Destination{
		{Name: "own", Discord: config.DiscordDestination{Webhook: config.Secret(srv.URL + "/api/webhooks/9/" + opsToken)}},
	}}
	ns, err := NewNotifiers(cfg, io.Discard, false, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ns["own"].Post(context.Background(), alert("own", "f", 1, story.SeverityHigh), ""); err != nil {
		t.Fatalf("send to the webhook's own host: %v", err)
	}
	if n := len(srv.MessagesTo("9")); n != 1 {
		t.Fatalf("%d messages reached the webhook's host, want 1", n)
	}

	dead := httptest.NewServer(http.NotFoundHandler())
	deadURL := dead.URL
	dead.Close() // nothing listens there now
	cfg.Destinations[0].Discord.Webhook = config.Secret(deadURL + "/api/webhooks/9/" + opsToken)
	ns, err = NewNotifiers(cfg, io.Discard, false, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ns["own"].Post(context.Background(), alert("own", "f", 1, story.SeverityHigh), "")
	host := strings.TrimPrefix(deadURL, "http://")
	if err == nil || !strings.Contains(err.Error(), host) || strings.Contains(err.Error(), "discord.com") || strings.Contains(err.Error(), opsToken) {
		t.Fatalf("error %v: want it to name %s, not discord.com, and no token", err, host)
	}
}

// TestOutletNeverCorroboratesItself sends the same story again from its
// own feed, once under a new GUID (same link) and once undated and linkless
// with a new key (same title): neither is a post nor another outlet, though
// each is listed.
func TestOutletNeverCorroboratesItself(t *testing.T) {
	h := newHarness(t, nil)
	first := alert("ops", "reuters", 1, story.SeverityHigh)
	newGUID := alert("ops", "reuters", 2, story.SeverityHigh)
	newGUID.Story.Link = first.Story.Link
	redated := alert("ops", "reuters", 3, story.SeverityHigh)
	redated.Story.Link, redated.Story.Title = "", first.Story.Title
	other := alert("ops", "ap", 4, story.SeverityHigh)
	other.Story.Link = first.Story.Link
	againOther := alert("ops", "ap", 5, story.SeverityHigh)
	againOther.Story.Link = first.Story.Link
	h.enqueue(first, newGUID, redated, other, againOther)
	h.flush()
	msgs := h.srv.MessagesTo("1")
	if len(msgs) != 1 {
		t.Fatalf("%d posts, want 1", len(msgs))
	}
	fields := msgs[0].Embeds[0].Fields
	last := fields[len(fields)-1]
	if last.Name != "Reported by 2 outlets" || strings.Count(last.Value, "\n") != 4 {
		t.Fatalf("last field = %+v, want every report listed under 2 outlets", last)
	}
	edits := 0
	for _, r := range h.srv.Requests() {
		if r.Method == "PATCH" {
			edits++
		}
	}
	if edits != 4 {
		t.Fatalf("%d edits, want one per later report", edits)
	}
}

// TestRecoveryWithinSeconds takes a destination down for two minutes (on
// the fake clock) and checks that the backlog starts within the probe
// interval of its recovery, not after a backoff grown to minutes.
func TestRecoveryWithinSeconds(t *testing.T) {
	h := newHarness(t, nil)
	for i := range 5 {
		h.enqueue(alert("ops", "wire", i, story.SeverityHigh))
	}
	back := h.clock.Now().Add(2 * time.Minute)
	var mu sync.Mutex
	var firstOK time.Time
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
		mu.Lock()
		defer mu.Unlock()
		now := h.clock.Now()
		if now.Before(back) {
			return discordtest.Failure(503, 0, "upstream unavailable")
		}
		if firstOK.IsZero() {
			firstOK = now
		}
		return nil
	})
	h.flush()
	wantTitles(t, h.titles("1"), "wire", 5)
	if wait := firstOK.Sub(back); wait > 10*time.Second {
		t.Fatalf("first alert %s after recovery, want within 10s", wait)
	}
}

// TestRetryAfterHonouredExactly checks that a 429's wait is the one
// Discord gave, not rounded up to the backoff.
func TestRetryAfterHonouredExactly(t *testing.T) {
	h := newHarness(t, nil)
	h.enqueue(alert("ops", "wire", 1, story.SeverityHigh))
	var times []time.Time
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
		times = append(times, h.clock.Now())
		if len(times) == 1 {
			return discordtest.RateLimited(42.5, false)
		}
		return nil
	})
	h.flush()
	if len(times) != 2 || times[1].Sub(times[0]) != 42500*time.Millisecond {
		t.Fatalf("requests at %v, want a retry exactly 42.5s after the 429", times)
	}
}

// TestNoticesNeverPing sends an operator notice and a refused-list notice
// (a kind of alert, not a story) to a destination that pings its role on
// every severity: neither may allow a role mention.
func TestNoticesNeverPing(t *testing.T) {
	h := newHarness(t, func(c *config.Config) {
		c.Destinations[2].Discord.MentionRole, c.Destinations[2].Discord.MentionFrom = "999", "info"
	})
	if err := h.sender.EnqueueNotice(context.Background(), "Feed \"x\" is failing", "5 failures"); err != nil {
		t.Fatal(err)
	}
	refused := alert("admin", "un", 1, story.SeverityCritical)
	refused.Kind = story.KindNotice
	story := alert("admin", "wire", 2, story.SeverityCritical)
	h.enqueue(refused, story)
	h.flush()
	var pinged []string
	for _, r := range h.srv.Requests() {
		if r.Target != "3" || r.Body.AllowedMentions == nil {
			continue
		}
		if strings.Contains(string(*r.Body.AllowedMentions), "999") {
			pinged = append(pinged, r.Body.Embeds[0].Title)
		}
	}
	if len(pinged) != 1 || !strings.Contains(pinged[0], "wire") {
		t.Fatalf("posts that may ping the role: %q, want only the story from wire", pinged)
	}
}

// TestJSONWebhookDestination configures a json_webhook destination beside
// Discord ones: the sender posts its alerts and edits through it, and a
// same story from another feed becomes a reported event listing both.
func TestJSONWebhookDestination(t *testing.T) {
	var mu sync.Mutex
	var events []string
	recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		events = append(events, string(body))
		mu.Unlock()
	}))
	defer recv.Close()
	h := newHarness(t, func(c *config.Config) {
		c.Destinations = append(c.Destinations, config.Destination{Name: "hook",
			JSONWebhook: config.JSONWebhook{URL: config.Secret(recv.URL + "/in")}})
	})
	first := alert("hook", "reuters", 1, story.SeverityHigh)
	again := alert("hook", "ap", 2, story.SeverityHigh)
	again.Story.Link = first.Story.Link
	h.enqueue(first, again)
	h.flush()
	mu.Lock()
	defer mu.Unlock()
	if len(events) != 2 || !strings.Contains(events[0], `"event":"alert"`) ||
		!strings.Contains(events[1], `"event":"reported"`) || !strings.Contains(events[1], `"outlets":2`) ||
		!strings.Contains(events[1], `"outlet":"ap"`) || !strings.Contains(events[1], `"outlet":"reuters"`) {
		t.Fatalf("events = %q, want an alert then a report from ap and reuters", events)
	}
}

// reload applies h.cfg to the running sender, as the app's reload does.
func (h *harness) reload() {
	h.t.Helper()
	ns, err := NewNotifiers(h.cfg, io.Discard, false, false)
	if err != nil {
		h.t.Fatal(err)
	}
	ds, err := h.sender.Prepare(h.cfg, ns)
	if err != nil {
		h.t.Fatal(err)
	}
	h.sender.Apply(ds)
}

// TestReloadMidSendPostsOnce changes a destination again and again while
// its worker posts to a slow Discord: each change retires the worker, which
// must finish the post in hand (not abandon it to be posted again by its
// successor), so every alert is posted exactly once.
func TestReloadMidSendPostsOnce(t *testing.T) {
	h := newHarness(t, nil)
	h.srv.Intercept(func(discordtest.Request) *discordtest.Reply {
		time.Sleep(60 * time.Millisecond)
		return nil
	})
	const n = 8
	for i := range n {
		h.enqueue(alert("ops", "wire", i, story.SeverityHigh))
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.sender.Run(ctx) }()
	// Reload every 25 ms until every alert is posted; the deadline only
	// matters if posts are lost.
	deadline := time.Now().Add(time.Minute)
	for i := 0; len(h.srv.MessagesTo("1")) < n && time.Now().Before(deadline); i++ {
		h.cfg.Destinations[0].Discord.Username = fmt.Sprint("sw-", i) // a change that replaces the worker
		h.reload()
		time.Sleep(25 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	wantTitles(t, h.titles("1"), "wire", n)
}

// TestReloadAppliesTranslateURL checks that a reload changing only
// delivery.translate_url rebuilds the destinations, whose notifiers render
// the link: carried over unchanged, they would keep the old template.
func TestReloadAppliesTranslateURL(t *testing.T) {
	h := newHarness(t, nil)
	h.cfg.Delivery.TranslateURL = "https://translate.example/?u={url}"
	h.reload()
	a := alert("ops", "wire", 1, story.SeverityHigh)
	a.Story.Lang = "ko"
	h.enqueue(a)
	h.flush()
	msgs := h.srv.MessagesTo("1")
	if len(msgs) != 1 {
		t.Fatalf("%d messages to ops, want 1", len(msgs))
	}
	var linked bool
	for _, f := range msgs[0].Embeds[0].Fields {
		linked = linked || strings.Contains(f.Value, "translate.example")
	}
	if !linked {
		t.Errorf("alert after the reload has no translation link: %+v", msgs[0].Embeds[0].Fields)
	}
}

// TestHaltEndsAfterTheDeliveryInHand halts a finishing sender while a post
// is in flight: that post completes and is recorded, and nothing further
// is started, so a shutdown never cuts off a request Discord may act on.
func TestHaltEndsAfterTheDeliveryInHand(t *testing.T) {
	h := newHarness(t, nil)
	inFlight, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	h.srv.Intercept(func(discordtest.Request) *discordtest.Reply {
		once.Do(func() { close(inFlight) })
		<-release
		return nil
	})
	h.enqueue(alert("ops", "wire", 0, story.SeverityHigh), alert("ops", "wire", 1, story.SeverityHigh),
		alert("ops", "wire", 2, story.SeverityHigh))
	h.sender.Finish()
	done := make(chan error, 1)
	go func() { done <- h.sender.Run(context.Background()) }()
	<-inFlight
	h.sender.Halt()
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	wantTitles(t, h.titles("1"), "wire", 1)
	stats, err := h.store.OutboxStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(stats) != 1 || stats[0].Depth != 2 {
		t.Fatalf("outbox after halt = %+v, want the two alerts not started still queued", stats)
	}
}
