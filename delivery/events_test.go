package delivery

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery/discord/discordtest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

func inEvent(a story.Alert, event string, published time.Time) story.Alert {
	a.Event, a.Story.Published = event, published
	return a
}

// The first story of an event posts; each later story edits the post to
// list every report, newest first, each with its linked title, under the
// number of outlets; another story from a listed outlet is listed but is
// no new outlet; a failing edit is retried like a post, and the edits
// arrive in order.
func TestEventGrowsOnePost(t *testing.T) {
	h := newHarness(t, nil)
	t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	var failures atomic.Int32
	failures.Store(2)
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
		if r.Method == "PATCH" && failures.Add(-1) >= 0 {
			return discordtest.Failure(502, 0, "bad gateway")
		}
		return nil
	})
	h.enqueue(
		inEvent(alert("ops", "reuters", 1, story.SeverityHigh), "ev-1", t0),
		inEvent(alert("ops", "ap", 2, story.SeverityHigh), "ev-1", t0.Add(time.Hour)),
		inEvent(alert("ops", "reuters", 3, story.SeverityHigh), "ev-1", t0.Add(2*time.Hour)),
		inEvent(alert("ops", "bbc", 4, story.SeverityHigh), "ev-1", t0.Add(3*time.Hour)),
		inEvent(alert("ops", "bbc", 5, story.SeverityHigh), "ev-2", t0.Add(3*time.Hour)),
	)
	h.flush()
	if got := h.titles("1"); len(got) != 2 || got[0] != "story 01 from reuters" || got[1] != "story 05 from bbc" {
		t.Fatalf("posts = %v, want one per event", got)
	}
	fields := h.srv.MessagesTo("1")[0].Embeds[0].Fields
	last := fields[len(fields)-1]
	want := "[story 04 from bbc](https://example.org/bbc/04) · bbc\n[story 03 from reuters](https://example.org/reuters/03) · reuters\n" +
		"[story 02 from ap](https://example.org/ap/02) · ap\n[story 01 from reuters](https://example.org/reuters/01) · reuters"
	if last.Name != "Reported by 3 outlets" || last.Value != want {
		t.Fatalf("event post's last field = %+v\nwant %q", last, want)
	}
	var edits []int // reports listed by each edit request, in order
	for _, r := range h.srv.Requests() {
		if r.Method == "PATCH" {
			f := r.Body.Embeds[0].Fields
			edits = append(edits, strings.Count(f[len(f)-1].Value, "\n")+1)
		}
	}
	// ap's edit fails twice and is retried; then reuters' second story,
	// then bbc's.
	if want := []int{2, 2, 2, 3, 4}; !slices.Equal(edits, want) {
		t.Errorf("edits listed %v reports, want %v", edits, want)
	}
	if n := strings.Count(h.logs.String(), "will retry"); n != 2 {
		t.Errorf("%d retries logged, want the 2 failed edits retried", n)
	}
}

// An event reaching escalate_after outlets turns one severity up in its
// post and pings the role once, with the headline; more outlets do not
// ping again.
func TestEventEscalatesOnce(t *testing.T) {
	h := newHarness(t, func(c *config.Config) {
		c.Destinations[0].Discord.MentionRole, c.Destinations[0].Discord.MentionFrom = "999", "critical"
		c.Events.EscalateAfter = 3
	})
	t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	for i, feed := range []string{"reuters", "ap", "bbc", "dw"} {
		h.enqueue(inEvent(alert("ops", feed, i+1, story.SeverityHigh), "ev-1", t0.Add(time.Duration(i)*time.Hour)))
	}
	h.flush()
	var pings []string
	var colours []int
	for _, r := range h.srv.Requests() {
		if strings.Contains(r.Body.Content, "<@&999>") {
			pings = append(pings, r.Body.Content)
		}
		if r.Method == "PATCH" {
			colours = append(colours, r.Body.Embeds[0].Color)
		}
	}
	want := "<@&999> critical, reported by 3 outlets: [story 01 from reuters](<https://example.org/reuters/01>)"
	if len(pings) != 1 || pings[0] != want {
		t.Fatalf("pings = %q, want one: %q", pings, want)
	}
	if len(colours) != 3 || colours[0] == colours[1] || colours[1] != colours[2] {
		t.Errorf("edit colours = %x, want the third outlet's edit and later ones in the raised severity's colour", colours)
	}
	if p := h.srv.Problems(); len(p) > 0 {
		t.Errorf("Discord payload problems: %v", p)
	}
}

// The escalation pings once whatever retries its row takes, on a webhook,
// which has no nonce for Discord to drop a repeat by: a first attempt
// Discord refused (502) is retried and pings; a first attempt Discord
// posted but whose answer was lost (500 after the post) is not sent again,
// though the row's edit is.
func TestEventEscalationPingsOnceWhateverRetries(t *testing.T) {
	for _, tc := range []struct {
		name   string
		first  *discordtest.Reply
		pinged int // escalation requests that reached Discord
	}{
		{"refused first attempt", discordtest.Failure(502, 0, "bad gateway"), 2},
		{"answer lost after the post", &discordtest.Reply{Status: 500, Body: `{"message":"internal","code":0}`, After: true}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, func(c *config.Config) {
				c.Destinations[0].Discord.MentionRole, c.Destinations[0].Discord.MentionFrom = "999", "critical"
				c.Events.EscalateAfter = 2
			})
			var failed atomic.Bool
			h.srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
				if r.Method == "POST" && strings.Contains(r.Body.Content, "<@&999>") && failed.CompareAndSwap(false, true) {
					return tc.first
				}
				return nil
			})
			t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
			h.enqueue(inEvent(alert("ops", "reuters", 1, story.SeverityHigh), "ev-1", t0),
				inEvent(alert("ops", "ap", 2, story.SeverityHigh), "ev-1", t0.Add(time.Hour)))
			h.flush()
			var pings, attempts, edits int
			for _, m := range h.srv.MessagesTo("1") {
				if strings.Contains(m.Content, "<@&999>") {
					pings++
				}
			}
			for _, r := range h.srv.Requests() {
				if r.Method == "POST" && strings.Contains(r.Body.Content, "<@&999>") {
					attempts++
				}
				if r.Method == "PATCH" {
					edits++
				}
			}
			if !failed.Load() || pings != 1 || attempts != tc.pinged || edits != 2 {
				t.Fatalf("%d pings posted after %d attempts and %d edits; want 1 ping, %d attempts, the edit retried once",
					pings, attempts, edits, tc.pinged)
			}
			stats, err := h.store.OutboxStats(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range stats {
				if st.Depth != 0 {
					t.Errorf("%s holds %d alerts after the flush, want none", st.Destination, st.Depth)
				}
			}
		})
	}
}

// With threads on, an event's post opens a thread and the later reports
// go into it, also after a restart; the post is not edited.
func TestEventThread(t *testing.T) {
	h := newHarness(t, func(c *config.Config) { c.Destinations[3].Discord.Threads = true })
	t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	h.enqueue(inEvent(alert("chan", "reuters", 1, story.SeverityHigh), "ev-1", t0),
		inEvent(alert("chan", "ap", 2, story.SeverityHigh), "ev-1", t0.Add(time.Hour)))
	h.flush()
	threads := h.srv.Threads()
	if len(threads) != 1 {
		t.Fatalf("threads = %v, want one", threads)
	}
	var thread string
	for id := range threads {
		thread = id
	}
	h.open() // a restart: the thread must come back from the store
	h.enqueue(inEvent(alert("chan", "bbc", 3, story.SeverityHigh), "ev-1", t0.Add(2*time.Hour)))
	h.flush()
	if got := h.titles("555"); len(got) != 1 || got[0] != "story 01 from reuters" {
		t.Fatalf("channel posts = %v, want the event's first story only", got)
	}
	if got := h.titles(thread); len(got) != 2 || got[0] != "story 02 from ap" || got[1] != "story 03 from bbc" {
		t.Fatalf("thread posts = %v, want the later reports in order", got)
	}
	for _, r := range h.srv.Requests() {
		if r.Method == "PATCH" {
			t.Fatalf("the post was edited (%s); with threads reports go in the thread", r.Path)
		}
	}
}

// A forum destination makes each event a post of its own; later reports
// and the escalation ping are replies in it.
func TestEventForumPosts(t *testing.T) {
	h := newHarness(t, func(c *config.Config) {
		c.Destinations = append(c.Destinations, config.Destination{Name: "forum", Discord: config.DiscordDestination{ChannelID: "777", Forum: true, MentionRole: "999", MentionFrom: "critical"}})
		c.Events.EscalateAfter = 2
	})
	h.srv.AddForum("777")
	t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	h.enqueue(inEvent(alert("forum", "reuters", 1, story.SeverityHigh), "ev-1", t0),
		inEvent(alert("forum", "bbc", 2, story.SeverityHigh), "ev-2", t0.Add(time.Minute)),
		inEvent(alert("forum", "ap", 3, story.SeverityHigh), "ev-1", t0.Add(time.Hour)))
	h.flush()
	threads := h.srv.Threads()
	if len(threads) != 2 {
		t.Fatalf("forum posts = %v, want one per event", threads)
	}
	var first string
	for id := range threads {
		if got := h.srv.MessagesTo(id); len(got) > 0 && got[0].Embeds[0].Title == "story 01 from reuters" {
			first = id
		}
	}
	msgs := h.srv.MessagesTo(first)
	if len(msgs) != 3 || msgs[1].Embeds[0].Title != "story 03 from ap" || !strings.HasPrefix(msgs[2].Content, "<@&999> critical, reported by 2 outlets") {
		t.Fatalf("event post %s holds %+v, want the first story, ap's reply and one escalation ping", first, msgs)
	}
	if p := h.srv.Problems(); len(p) > 0 {
		t.Errorf("Discord payload problems: %v", p)
	}
}

// A forum post whose create reached Discord but whose answer was lost is
// retried with the same nonce, and Discord returns the post it made: the
// event has one post, and its later report a reply in it.
func TestEventForumPostRetriedOnce(t *testing.T) {
	h := newHarness(t, func(c *config.Config) {
		c.Destinations = append(c.Destinations, config.Destination{Name: "forum", Discord: config.DiscordDestination{ChannelID: "777", Forum: true}})
	})
	h.srv.AddForum("777")
	var lost atomic.Bool
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
		if r.Path == "/channels/777/threads" && lost.CompareAndSwap(false, true) {
			return &discordtest.Reply{Status: 500, Body: `{"message":"internal","code":0}`, After: true}
		}
		return nil
	})
	t0 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	h.enqueue(inEvent(alert("forum", "reuters", 1, story.SeverityHigh), "ev-1", t0),
		inEvent(alert("forum", "ap", 2, story.SeverityHigh), "ev-1", t0.Add(time.Hour)))
	h.flush()
	var creates int
	for _, r := range h.srv.Requests() {
		if r.Path == "/channels/777/threads" {
			creates++
			if r.Body.Message == nil || r.Body.Message.Nonce == "" || !r.Body.Message.EnforceNonce {
				t.Errorf("forum post sent without an enforced nonce: %+v", r.Body.Message)
			}
		}
	}
	threads := h.srv.Threads()
	if !lost.Load() || creates != 2 || len(threads) != 1 {
		t.Fatalf("%d creates made %d forum posts %v; want the lost answer retried into one post", creates, len(threads), threads)
	}
	for id := range threads {
		if got := h.titles(id); len(got) != 2 || got[0] != "story 01 from reuters" || got[1] != "story 02 from ap" {
			t.Errorf("forum post holds %v, want the first story and ap's reply", got)
		}
	}
}
