package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/delivery/discord/discordtest"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/store/pgtest"
)

// childEnv makes the test binary behave as the sanctionwatch binary, so
// the chaos test runs the real command line in processes it can kill.
const childEnv = "SANCTIONWATCH_CHAOS_CHILD"

// pgEnv names a PostgreSQL DSN; when set (and the build can use it), the
// chaos test runs three instances on it instead of one on SQLite.
const pgEnv = pgtest.Env

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// timeline is the stories the feeds publish: story j of feed i appears at
// at[i][j] after start, and goes to desk-a or desk-b by its keyword.
type timeline struct {
	start time.Time
	at    [][]time.Duration
}

func newTimeline(feeds, stories int, span time.Duration, r *rand.Rand) *timeline {
	// The clock starts now, before any server reads it.
	tl := &timeline{start: time.Now(), at: make([][]time.Duration, feeds)}
	for i := range tl.at {
		for range stories {
			tl.at[i] = append(tl.at[i], time.Duration(r.Int64N(int64(span))))
		}
		slices.Sort(tl.at[i])
	}
	return tl
}

// desks are the chaos test's destinations: a bot channel each, and the
// word of the rule routed to it. The sender keeps each destination under
// five requests in two seconds, as Discord asks, so four desks take the
// alerts four times as fast as one.
var desks = []struct{ name, channel, word string }{
	{"desk-a", "700000000000000701", "embargo"},
	{"desk-b", "700000000000000702", "blockade"},
	{"desk-c", "700000000000000703", "smuggling"},
	{"desk-d", "700000000000000704", "tanker"},
}

// desk is the desk story j of feed i goes to.
func desk(i, j int) int { return (i + j) % len(desks) }

// title names story j of feed i with words no other story shares, so that
// no two stories are taken for one event; its first word picks the desk.
func title(i, j int) string {
	return fmt.Sprintf("%s f%ds%d q%dx%d z%dw%d", desks[desk(i, j)].word, i, j, i*7919+j, j, j*104729+i, i)
}

// published dates every story two seconds from any other, twice the
// events window, so that no two are taken for reports of one event and
// merged into one post: each alert must be a post of its own.
func (tl *timeline) published(i, j int) time.Time {
	n := i*len(tl.at[i]) + j + 1
	return tl.start.Add(-time.Duration(n) * 2 * time.Second).UTC()
}

// ServeHTTP serves /feed/I with the stories that have appeared, oldest
// first, so each feed's alerts are queued in story order.
func (tl *timeline) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
	if err != nil || i < 0 || i >= len(tl.at) {
		http.NotFound(w, r)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<rss version="2.0"><channel><title>feed %d</title>`, i)
	since := time.Since(tl.start)
	for j, at := range tl.at[i] {
		if at > since {
			break
		}
		fmt.Fprintf(&b, `<item><title>%s</title><guid>f%d-s%d</guid><link>http://news.example/%d/%d</link><pubDate>%s</pubDate></item>`,
			title(i, j), i, j, i, j, tl.published(i, j).Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	w.Write([]byte(b.String()))
}

// chaosConfig writes the config every instance runs: the timeline's feeds
// polled every second, two rules routed to two bot channels.
func chaosConfig(t *testing.T, dir, state, feedURL, discordURL string, feeds int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nhttp:\n  listen: \"\"\nrules:\n  default_pack: false\n  paths: [rules.yaml]\n", state)
	b.WriteString("watch:\n  schedule: \"@every 1s\"\n  jitter: 200ms\n  backfill: 24h\n  allow_private: true\n  concurrency: 32\n  per_host: 32\n")
	fmt.Fprintf(&b, "discord:\n  api_base: %s\n  token: chaos-bot-token\ndestinations:\n", discordURL)
	rules := "rules:\n"
	for _, d := range desks {
		fmt.Fprintf(&b, "  - name: %s\n    channel_id: \"%s\"\n", d.name, d.channel)
		rules += fmt.Sprintf("  - id: %[1]s\n    severity: high\n    route: [%[2]s]\n    query: %[1]s\n", d.word, d.name)
	}
	b.WriteString("routing:\n  default: desk-a\ndelivery:\n  shutdown_grace: 2s\nevents:\n  window: 1s\nfeeds:\n")
	for i := range feeds {
		fmt.Fprintf(&b, "  - name: f%d\n    url: %s/feed/%d\n", i, feedURL, i)
	}
	os.WriteFile(filepath.Join(dir, "rules.yaml"), []byte(rules), 0o644)
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// instance is one sanctionwatch process of the chaos test.
type instance struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // how it exited; read after done
}

func startInstance(t *testing.T, cfg, logPath string) *instance {
	t.Helper()
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "run", "--config", cfg, "--log-format", "json")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		t.Fatal(err)
	}
	in := &instance{cmd: cmd, done: make(chan struct{})}
	go func() { in.err = cmd.Wait(); logf.Close(); close(in.done) }()
	return in
}

// kill ends the instance with SIGKILL, as a machine dying would.
func (in *instance) kill() {
	in.cmd.Process.Kill()
	<-in.done
}

// exited reports whether the process ended by itself.
func (in *instance) exited() bool {
	select {
	case <-in.done:
		return true
	default:
		return false
	}
}

// stop ends the instance with SIGINT and waits for its clean exit.
func (in *instance) stop(t *testing.T) {
	in.cmd.Process.Signal(os.Interrupt)
	select {
	case <-in.done:
	case <-time.After(30 * time.Second):
		t.Error("instance did not stop within 30 s of SIGINT")
		in.kill()
	}
}

type chaosShape struct {
	instances, feeds, stories int
	span                      time.Duration // stories arrive over this
	state                     string        // the config's state line
	pg                        bool
}

func chaosShapeFor(t *testing.T) chaosShape {
	sh := chaosShape{instances: 1, feeds: 60, stories: 3, span: 20 * time.Second, state: "state_file: state.db"}
	if os.Getenv(pgEnv) != "" {
		// A database of its own, dropped after: the server's admin
		// database may hold another run's state.
		sh = chaosShape{instances: 3, feeds: 500, stories: 1, span: 40 * time.Second, state: "state: " + pgtest.DSN(t), pg: true}
	}
	// CI runs the short timeline; a longer one, by hand, kills more often
	// and later in a run (the stories per feed grow with it).
	if v := os.Getenv(chaosSpanEnv); v != "" {
		span, err := time.ParseDuration(v)
		if err != nil || span <= 0 {
			t.Fatalf("%s=%q: want a positive duration such as 5m", chaosSpanEnv, v)
		}
		sh.stories = max(1, int(int64(sh.stories)*int64(span)/int64(sh.span)))
		sh.span = span
	}
	return sh
}

// chaosSpanEnv names the variable that sets how long stories keep coming.
const chaosSpanEnv = "SANCTIONWATCH_CHAOS_SPAN"

// TestChaosEveryAlertOnceInOrder runs the daemon as separate processes,
// kills them with SIGKILL at random and starts them again while stories
// arrive on many feeds, and checks that Discord got every expected alert
// exactly once, in order per destination.
func TestChaosEveryAlertOnceInOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("chaos test: processes killed and restarted for tens of seconds")
	}
	dir := t.TempDir()
	shape := chaosShapeFor(t)
	seed := uint64(time.Now().UnixNano())
	// The state line is not logged: a DSN may carry a password.
	t.Logf("seed %d: %d instances, %d feeds, %d stories each over %v, PostgreSQL %v",
		seed, shape.instances, shape.feeds, shape.stories, shape.span, shape.pg)
	r := rand.New(rand.NewPCG(seed, 14))
	tl := newTimeline(shape.feeds, shape.stories, shape.span, r)
	feedSrv := httptest.NewServer(tl)
	defer feedSrv.Close()
	dc := discordtest.New()
	defer dc.Close()
	dc.BotToken = "chaos-bot-token"
	for _, d := range desks {
		dc.AddChannel(d.channel)
	}
	cfg := chaosConfig(t, dir, shape.state, feedSrv.URL, dc.URL, shape.feeds)
	t.Cleanup(func() { dumpLogs(t, dir, shape.instances) })

	kills := chaos(t, shape, cfg, dir, r, dc)
	t.Logf("%d SIGKILLs over %v", kills, shape.span)
	checkChaos(t, shape, dir, dc)
}

// chaos runs the instances through the timeline, killing one at random
// every 0.5-3 s and starting it again, then lets one set run until every
// expected alert is out (or two minutes pass: a loaded machine is slower,
// not wrong) and stops them cleanly.
func chaos(t *testing.T, shape chaosShape, cfg, dir string, r *rand.Rand, dc *discordtest.Server) int {
	logOf := func(k int) string { return filepath.Join(dir, fmt.Sprintf("instance-%d.log", k)) }
	ins := make([]*instance, shape.instances)
	for k := range ins {
		ins[k] = startInstance(t, cfg, logOf(k))
	}
	kills := 0
	end := time.Now().Add(shape.span + 2*time.Second)
	for time.Now().Before(end) {
		time.Sleep(500*time.Millisecond + time.Duration(r.Int64N(int64(2500*time.Millisecond))))
		for k, in := range ins {
			if in.exited() {
				// A daemon that cannot start (a config this build does not
				// know, a state it cannot reach) would only make every
				// alert look missing two minutes later.
				for _, other := range ins {
					other.kill()
				}
				t.Fatalf("instance %d exited by itself (%v); its log is below", k, in.err)
			}
		}
		k := r.IntN(len(ins))
		ins[k].kill()
		kills++
		ins[k] = startInstance(t, cfg, logOf(k))
	}
	t.Logf("timeline over after %v", time.Since(end.Add(-shape.span-2*time.Second)).Round(time.Millisecond))
	want := shape.feeds * shape.stories
	// Each desk takes five posts in two seconds, so a long timeline's
	// backlog needs time of its own beyond the leases' takeover.
	drain := 2*time.Minute + time.Duration(want/len(desks))*400*time.Millisecond
	for deadline := time.Now().Add(drain); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if len(dc.Messages()) >= want {
			break
		}
	}
	t.Logf("%d of %d alerts out %v after the timeline", len(dc.Messages()), want, time.Since(end).Round(time.Millisecond))
	var wg sync.WaitGroup
	for _, in := range ins {
		wg.Go(func() { in.stop(t) })
	}
	wg.Wait()
	return kills
}

// checkChaos compares what Discord got with the timeline: every story
// once, at its desk, each feed's stories in order, nothing edited; on
// SQLite also in the outbox's order, which is the order alerts were queued.
func checkChaos(t *testing.T, shape chaosShape, dir string, dc *discordtest.Server) {
	for _, r := range dc.Requests() {
		if r.Method != http.MethodPost {
			t.Errorf("unexpected %s %s: alerts must be posted, never merged or edited", r.Method, r.Path)
		}
	}
	got := map[string][]string{}
	for _, d := range desks {
		for _, m := range dc.MessagesTo(d.channel) {
			got[d.name] = append(got[d.name], m.Embeds[0].Title)
		}
	}
	seen := map[string]int{}
	for name, titles := range got {
		last := map[string]int{} // feed -> last story number
		for _, tt := range titles {
			seen[tt]++
			var i, j int
			fmt.Sscanf(strings.Fields(tt)[1], "f%ds%d", &i, &j)
			if desks[desk(i, j)].name != name {
				t.Errorf("%q posted to %s", tt, name)
			}
			if prev, ok := last[fmt.Sprint(i)]; ok && j <= prev {
				t.Errorf("%s: feed %d story %d after story %d", name, i, j, prev)
			}
			last[fmt.Sprint(i)] = j
		}
	}
	missing, doubled := 0, 0
	for i := range shape.feeds {
		for j := range shape.stories {
			switch seen[title(i, j)] {
			case 0:
				missing++
			case 1:
			default:
				doubled++
			}
		}
	}
	posted := 0
	for _, titles := range got {
		posted += len(titles)
	}
	t.Logf("alerts: %d expected, %d posted to %d desks, %d missing, %d doubled",
		shape.feeds*shape.stories, posted, len(desks), missing, doubled)
	if missing > 0 || doubled > 0 {
		t.Errorf("%d alerts missing and %d posted twice", missing, doubled)
	}
	if !shape.pg {
		checkOutboxOrder(t, filepath.Join(dir, "state.db"), got)
	}
}

// checkOutboxOrder checks that each desk got its alerts in the outbox's
// order, the order in which they were queued.
func checkOutboxOrder(t *testing.T, path string, got map[string][]string) {
	st, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for desk, titles := range got {
		rows, err := st.DB().Query(`SELECT title FROM outbox WHERE destination = ? AND state = 'sent' ORDER BY id`, desk)
		if err != nil {
			t.Fatal(err)
		}
		var queued []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			queued = append(queued, s)
		}
		rows.Close()
		if !slices.Equal(queued, titles) {
			t.Errorf("%s: Discord's order differs from the outbox's:\n discord %v\n outbox  %v", desk, titles, queued)
		}
	}
}

// dumpLogs shows the end of each instance's log when the test failed.
func dumpLogs(t *testing.T, dir string, n int) {
	if !t.Failed() {
		return
	}
	for k := range n {
		b, _ := os.ReadFile(filepath.Join(dir, fmt.Sprintf("instance-%d.log", k)))
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		t.Logf("instance %d, last lines of its log:\n%s", k, strings.Join(lines[max(0, len(lines)-15):], "\n"))
	}
}
