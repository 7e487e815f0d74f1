package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/delivery/discord/discordtest"
	"github.com/sanctionwatch/sanctionwatch/store"
)

// feedServer serves an RSS feed whose items a test adds while the daemon
// runs.
type feedServer struct {
	*httptest.Server
	mu    sync.Mutex
	items []string
	hits  int
}

func newFeedServer(t *testing.T) *feedServer {
	f := &feedServer{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.hits++
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title><link>http://example.org/</link>`)
		for _, it := range f.items {
			fmt.Fprint(w, it)
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *feedServer) add(guid, title, summary string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items = append(f.items, fmt.Sprintf(`<item><guid>%s</guid><title>%s</title><link>http://example.org/%s</link><description>%s</description></item>`,
		guid, title, guid, summary))
}

func (f *feedServer) polls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits
}

// daemon is the app under test with its config folder and fakes.
type daemon struct {
	dir     string
	feed    *feedServer
	discord *discordtest.Server
	reloads *reloadLog
}

// newDaemon writes a daemon's config with one feed, one destination and
// the canary rule alone: most tests need an alert, not the default pack,
// whose compile at every start and reload takes seconds under -race.
// usePack turns the pack on.
func newDaemon(t *testing.T) *daemon {
	d := &daemon{dir: t.TempDir(), feed: newFeedServer(t), discord: discordtest.New(), reloads: &reloadLog{}}
	t.Cleanup(d.discord.Close)
	hook := d.discord.AddWebhook("111", "secrettoken")
	cfg := fmt.Sprintf(`state_file: state.db
http:
  listen: 127.0.0.1:0
rules:
  default_pack: false
  paths: [myrules]
watch:
  schedule: "@every 1s"
  jitter: 1ms
  allow_private: true
feeds:
  - name: wire
    url: %s
discord:
  api_base: %s
destinations:
  - name: alerts
    webhook: %s
routing:
  default: alerts
delivery:
  shutdown_grace: 2s
`, d.feed.URL, d.discord.URL, hook)
	d.write(t, "config.yaml", cfg)
	d.write(t, "myrules/canary.yaml", canaryRule("zebracorn"))
	return d
}

// usePack turns the default pack on, for tests of what it matches.
func (d *daemon) usePack(t *testing.T) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(d.dir, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d.write(t, "config.yaml", strings.Replace(string(data), "default_pack: false", "default_pack: true", 1))
}

func canaryRule(word string) string {
	return fmt.Sprintf("rules:\n  - id: canary\n    severity: low\n    query: %s\n", word)
}

func (d *daemon) write(t *testing.T, name, content string) {
	t.Helper()
	p := filepath.Join(d.dir, name)
	os.MkdirAll(filepath.Dir(p), 0o755)
	// Write then rename, the way many editors save.
	tmp := p + ".tmp~"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

// start runs the daemon until the returned stop function is called, which
// waits for Run to return and hands back its error.
func (d *daemon) start(t *testing.T) (stop func() error) {
	stop, _ = d.startApp(t)
	return stop
}

func (d *daemon) startApp(t *testing.T) (stop func() error, a *App) {
	t.Helper()
	a, err := New(context.Background(), Options{ConfigPath: filepath.Join(d.dir, "config.yaml"), Logger: slog.New(d.reloads)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- a.Run(ctx) }()
	return func() error { cancel(); return <-errc }, a
}

// get fetches a path of the health endpoint.
func get(t *testing.T, a *App, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + a.health.Addr() + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// reloadLog is a log handler that counts the daemon's reloads, applied
// and refused, so a test can wait for the reload an edit causes to land
// instead of guessing how long loading and compiling take.
type reloadLog struct {
	mu               sync.Mutex
	applied, refused int
}

func (l *reloadLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *reloadLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *reloadLog) WithGroup(string) slog.Handler            { return l }

func (l *reloadLog) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case r.Message == "reloaded":
		l.applied++
	case strings.HasPrefix(r.Message, "reload refused"):
		l.refused++
	}
	return nil
}

func (l *reloadLog) counts() (applied, refused int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.applied, l.refused
}

// editAndWait makes an edit and waits for the next reload with the given
// outcome: applied (refused false) or refused. Reloads run one at a time
// and each reads the files as it starts, so that outcome comes from a
// reload that saw the edit as long as the daemon was quiet before it, or
// the edit changes the outcome.
func (d *daemon) editAndWait(t *testing.T, refused bool, edit func()) {
	t.Helper()
	applied0, refused0 := d.reloads.counts()
	edit()
	what := map[bool]string{false: "the reload to be applied", true: "the reload to be refused"}[refused]
	waitFor(t, what, func() bool {
		applied, ref := d.reloads.counts()
		if refused {
			return ref > refused0
		}
		return applied > applied0
	})
}

// waitMorePolls waits until the feed has been polled n more times.
func waitMorePolls(t *testing.T, f *feedServer, n int) {
	t.Helper()
	from := f.polls()
	waitFor(t, fmt.Sprintf("%d more polls", n), func() bool { return f.polls() >= from+n })
}

// waitFor polls cond until it holds or the deadline passes. The deadline
// only matters when something is broken: under -race on a loaded machine
// a compile of the default pack alone can take several seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// messagesContaining counts the messages that show s: as their title, or
// among the reports of an event (a story that joined another's event is
// shown in that post, not posted anew).
func (d *daemon) messagesContaining(s string) int {
	n := 0
	for _, m := range d.discord.Messages() {
		for _, e := range m.Embeds {
			if strings.Contains(e.Title, s) || strings.Contains(reportsField(e), s) {
				n++
			}
		}
	}
	return n
}

func reportsField(e discordtest.Embed) string {
	for _, f := range e.Fields {
		if strings.HasPrefix(f.Name, "Reported by") {
			return f.Value
		}
	}
	return ""
}

const seedTitle = "Kim Jong Un travels to Russia for arms talks with Putin"
const seedSummary = "Moscow wants North Korean artillery shells and anti-tank missiles; Pyongyang wants satellite technology. " +
	"Washington says any deal would violate UN Security Council resolutions."

func TestDaemonEndToEnd(t *testing.T) {
	t.Parallel()
	d := newDaemon(t)
	d.usePack(t)
	d.feed.add("old-1", "Old news about farm prices", "Nothing to see.")
	stop, a := d.startApp(t)

	// The first poll records the backlog without alerting.
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 2 })
	d.feed.add("seed", seedTitle, seedSummary)
	waitFor(t, "seed alert", func() bool { return d.messagesContaining("Kim Jong Un") >= 1 })
	// More polls of the same feed must not post again, nor queue again
	// (the queued count in /metrics below).
	waitMorePolls(t, d.feed, 2)
	if n := d.messagesContaining("Kim Jong Un"); n != 1 {
		t.Fatalf("seed story posted %d times, want 1", n)
	}
	if n := d.messagesContaining("farm prices"); n != 0 {
		t.Fatalf("backlog story posted %d times", n)
	}
	for _, r := range d.discord.Requests() {
		if r.Body.AllowedMentions == nil {
			t.Errorf("request %s %s without allowed_mentions", r.Method, r.Path)
		}
	}
	if p := d.discord.Problems(); len(p) > 0 {
		t.Errorf("Discord payload problems: %v", p)
	}
	if code, body := get(t, a, "/readyz"); code != http.StatusOK {
		t.Errorf("/readyz = %d %s", code, body)
	}
	_, metrics := get(t, a, "/metrics")
	for _, want := range []string{
		`sanctionwatch_matches_total{rule="dprk-russia-arms"} 1`,
		`sanctionwatch_alerts_queued_total{destination="alerts"} 1`,
		`sanctionwatch_alerts_sent_total{destination="alerts"} 1`,
		`sanctionwatch_config_last_reload_successful 1`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(metrics, "secrettoken") {
		t.Error("/metrics leaks the webhook token")
	}

	// A rule edited on disk takes effect without a restart.
	d.editAndWait(t, false, func() { d.write(t, "myrules/canary.yaml", canaryRule("unicornfish")) })
	d.feed.add("canary-1", "Sighting of a unicornfish", "")
	waitFor(t, "edited rule to fire", func() bool { return d.messagesContaining("unicornfish") == 1 })

	// A broken edit keeps the old rules running.
	d.editAndWait(t, true, func() {
		d.write(t, "myrules/canary.yaml", "rules:\n  - id: canary\n    severity: low\n    query: (unclosed\n")
	})
	d.feed.add("canary-2", "Second unicornfish seen", "")
	waitFor(t, "old rule after a broken edit", func() bool { return d.messagesContaining("Second unicornfish") == 1 })
	_, metrics = get(t, a, "/metrics")
	if !strings.Contains(metrics, "sanctionwatch_config_last_reload_successful 0") {
		t.Error("a failed reload is not shown in /metrics")
	}

	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
}

// TestShutdownKeepsQueuedAlerts stops the daemon while Discord is down and
// checks that the queued alert is delivered, once, after a restart.
func TestShutdownKeepsQueuedAlerts(t *testing.T) {
	t.Parallel()
	d := newDaemon(t)
	d.discord.Intercept(func(discordtest.Request) *discordtest.Reply {
		return &discordtest.Reply{Status: http.StatusBadGateway, Body: `{"message":"down"}`}
	})
	stop := d.start(t)
	waitFor(t, "first poll", func() bool { return d.feed.polls() >= 2 })
	d.feed.add("z1", "zebracorn sighting", "")
	waitFor(t, "a delivery attempt", func() bool { return len(d.discord.Requests()) > 0 })
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if n := queued(t, filepath.Join(d.dir, "state.db")); n == 0 {
		t.Fatal("no alert left in the outbox after shutdown")
	}

	d.discord.Intercept(nil)
	stop = d.start(t)
	waitFor(t, "delivery after restart", func() bool { return d.messagesContaining("zebracorn") >= 1 })
	waitMorePolls(t, d.feed, 2) // the restarted daemon must not post it again
	if n := d.messagesContaining("zebracorn"); n != 1 {
		t.Fatalf("seed story posted %d times, want 1", n)
	}
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
}

func queued(t *testing.T, path string) int {
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.OutboxStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range stats {
		n += s.Depth
	}
	return n
}

func TestSecondInstanceRefused(t *testing.T) {
	t.Parallel()
	d := newDaemon(t)
	a, err := New(context.Background(), Options{ConfigPath: filepath.Join(d.dir, "config.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	_, err = New(context.Background(), Options{ConfigPath: filepath.Join(d.dir, "config.yaml")})
	if err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second instance: got %v, want a refusal", err)
	}
}
