package delivery

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/delivery/discord/discordtest"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// digestHarness is a harness whose destination dest (index i of the
// harness's destinations) gathers low-severity alerts in a digest.
func digestHarness(t *testing.T, i int) *harness {
	return newHarness(t, func(c *config.Config) {
		c.Destinations[i].Digest = config.Digest{Below: "high", Schedule: "@every 1h"}
	})
}

// enqueueLong queues n low alerts for dest, numbered from first, whose
// long titles make a digest of a few dozen need several messages.
func (h *harness) enqueueLong(dest string, first, n int) {
	h.t.Helper()
	for i := first; i < first+n; i++ {
		a := alert(dest, "wire", i, story.SeverityLow)
		a.Story.Title = fmt.Sprintf("story %02d ", i) + strings.Repeat("about a long tanker seizure ", 8)
		h.enqueue(a)
	}
}

// failDigestPart makes the nth digest message posted to target fail once
// with rep.
func (h *harness) failDigestPart(target string, nth int32, rep *discordtest.Reply) {
	var seen atomic.Int32
	h.srv.Intercept(func(r discordtest.Request) *discordtest.Reply {
		if r.Target != target || r.Method != http.MethodPost || len(r.Body.Embeds) == 0 ||
			!strings.HasPrefix(r.Body.Embeds[0].Title, "Digest") {
			return nil
		}
		if seen.Add(1) == nth {
			return rep
		}
		return nil
	})
}

// cutShortDigest is a harness whose digest of 36 long stories to "news"
// (webhook "2") posted its first part and failed on its second.
func cutShortDigest(t *testing.T) *harness {
	t.Helper()
	h := digestHarness(t, 1)
	h.enqueueLong("news", 0, 36)
	h.failDigestPart("2", 2, discordtest.Failure(http.StatusInternalServerError, 0, "500: Internal Server Error"))
	if err := h.sender.SendDigest(context.Background(), "news"); err == nil {
		t.Fatal("SendDigest with a failing second part returned no error")
	}
	return h
}

var storyNumber = regexp.MustCompile(`story (\d\d) `)

// digestStories counts, per story number, the digest lines target's
// messages carry, and returns the digest titles in order.
func (h *harness) digestStories(target string) (map[string]int, []string) {
	counts := map[string]int{}
	var titles []string
	for _, m := range h.srv.MessagesTo(target) {
		if !strings.HasPrefix(m.Embeds[0].Title, "Digest") {
			continue
		}
		titles = append(titles, m.Embeds[0].Title)
		for _, line := range strings.Split(m.Embeds[0].Description, "\n") {
			if n := storyNumber.FindStringSubmatch(line); n != nil {
				counts[n[1]]++
			}
		}
	}
	return counts, titles
}

// partNumbers is the "part i of n" of each title, "" for a digest of one
// message.
func partNumbers(titles []string) []string {
	out := make([]string, len(titles))
	for i, t := range titles {
		if _, part, ok := strings.Cut(t, "(part "); ok {
			out[i] = strings.TrimSuffix(part, ")")
		}
	}
	return out
}

// A digest that needs three messages numbers them of the whole. When the
// second fails and the daemon restarts, the next digest posts the second
// and third under the numbers they were given, each once, and the alerts
// queued meanwhile make a digest of their own; no story is lost or posted
// twice.
func TestDigestPartsKeepTheirNumbersAcrossAFailure(t *testing.T) {
	h := cutShortDigest(t)
	_, titles := h.digestStories("2")
	if got := partNumbers(titles); len(got) != 1 || !strings.HasPrefix(got[0], "1 of ") {
		t.Fatalf("before the failure: %q, want part 1 alone", titles)
	}
	parts := strings.TrimPrefix(partNumbers(titles)[0], "1 of ")
	if parts == "1" || parts == "2" {
		t.Fatalf("36 long stories in %s parts; the test needs three or more", parts)
	}
	h.srv.Intercept(nil)
	h.enqueueLong("news", 36, 2)
	h.open() // a restart on the same state file
	if err := h.sender.SendDigest(context.Background(), "news"); err != nil {
		t.Fatal(err)
	}
	counts, titles := h.digestStories("2")
	want := []string{"1 of " + parts}
	for i := 2; fmt.Sprint(i-1) != parts; i++ {
		want = append(want, fmt.Sprintf("%d of %s", i, parts))
	}
	want = append(want, "") // the two stories queued after the failure
	if got := partNumbers(titles); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("digest parts %q, want %q", got, want)
	}
	if titles[len(titles)-1] != "Digest: 2 stories" {
		t.Errorf("last digest %q, want the 2 stories queued after the failure", titles[len(titles)-1])
	}
	for i := range 38 {
		if n := counts[fmt.Sprintf("%02d", i)]; n != 1 {
			t.Errorf("story %02d in %d digest messages, want 1", i, n)
		}
	}
	if err := h.sender.SendDigest(context.Background(), "news"); err != nil || len(h.srv.MessagesTo("2")) != len(titles) {
		t.Fatalf("a later digest posted again (err %v)", err)
	}
}

// A bot channel's digest part whose answer is lost after Discord posted it
// is posted again with the same nonce, which Discord drops when the retry
// comes within the few minutes it keeps nonces (the stand-in keeps them
// for the test's length): the channel shows every part once, and every
// alert is marked sent. A retry at the next scheduled digest, hours later,
// would be posted twice.
func TestDigestPartPostedTwiceIsDroppedByNonce(t *testing.T) {
	h := digestHarness(t, 3)
	h.enqueueLong("chan", 0, 36)
	lost := discordtest.Failure(http.StatusInternalServerError, 0, "500: Internal Server Error")
	lost.After = true
	h.failDigestPart("555", 2, lost)
	if err := h.sender.SendDigest(context.Background(), "chan"); err == nil {
		t.Fatal("SendDigest with a lost answer returned no error")
	}
	h.srv.Intercept(nil)
	h.open()
	if err := h.sender.SendDigest(context.Background(), "chan"); err != nil {
		t.Fatal(err)
	}
	counts, titles := h.digestStories("555")
	for i := range 36 {
		if n := counts[fmt.Sprintf("%02d", i)]; n != 1 {
			t.Errorf("story %02d in %d digest messages, want 1 (titles %q)", i, n, titles)
		}
	}
	items, err := h.store.DigestAlerts(context.Background(), "chan", story.SeverityHigh, 100)
	if err != nil || len(items) != 0 {
		t.Fatalf("%d alerts still queued after the digest (err %v)", len(items), err)
	}
}

// A part planned larger than one Discord message holds (as a destination
// without a size limit plans it, or a longer digest line after an upgrade)
// shows the lines that fit, and only the alerts it showed are marked
// sent; the others leave the plan and make the next digest. Every story
// is shown once, none is lost.
func TestDigestPartTooLongForAMessageLosesNoAlert(t *testing.T) {
	h := digestHarness(t, 1)
	ctx := context.Background()
	h.enqueueLong("news", 0, 60)
	items, err := h.store.DigestAlerts(ctx, "news", story.SeverityHigh, 100)
	if err != nil || len(items) != 60 {
		t.Fatalf("DigestAlerts = %d, %v; want 60", len(items), err)
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	if _, err := h.store.PlanDigest(ctx, [][]int64{ids}); err != nil {
		t.Fatal(err)
	}
	if err := h.sender.SendDigest(ctx, "news"); err != nil {
		t.Fatal(err)
	}
	counts, titles := h.digestStories("2")
	if len(titles) != 1 || len(counts) == 0 || len(counts) >= 60 {
		t.Fatalf("first digest %q showed %d stories; want one message showing some of the 60", titles, len(counts))
	}
	if want := fmt.Sprintf("Digest: %d stories", len(counts)); titles[0] != want {
		t.Errorf("title %q, want %q: the title counts the stories shown", titles[0], want)
	}
	left, err := h.store.DigestAlerts(ctx, "news", story.SeverityHigh, 100)
	if err != nil || len(left) != 60-len(counts) {
		t.Fatalf("%d alerts queued after a message of %d stories, want %d (err %v)", len(left), len(counts), 60-len(counts), err)
	}
	for _, it := range left {
		if it.Plan != 0 || it.Part != 0 || it.Parts != 0 {
			t.Fatalf("unshown alert %d still planned %d part %d of %d", it.ID, it.Plan, it.Part, it.Parts)
		}
	}
	for range 5 {
		if err := h.sender.SendDigest(ctx, "news"); err != nil {
			t.Fatal(err)
		}
	}
	counts, titles = h.digestStories("2")
	for i := range 60 {
		if n := counts[fmt.Sprintf("%02d", i)]; n != 1 {
			t.Errorf("story %02d in %d digest messages, want 1 (titles %q)", i, n, titles)
		}
	}
}

// A digest part's nonce names its plan and part, not its first alert: a
// part whose answer was lost keeps its nonce when its first alert leaves
// the queue before the retry, so Discord still drops a repeat that comes
// soon.
func TestDigestPartNonceSurvivesItsFirstAlertLeaving(t *testing.T) {
	h := digestHarness(t, 3)
	ctx := context.Background()
	h.enqueueLong("chan", 0, 36)
	lost := discordtest.Failure(http.StatusInternalServerError, 0, "500: Internal Server Error")
	lost.After = true
	h.failDigestPart("555", 2, lost)
	if err := h.sender.SendDigest(ctx, "chan"); err == nil {
		t.Fatal("SendDigest with a lost answer returned no error")
	}
	h.srv.Intercept(nil)
	items, err := h.store.DigestAlerts(ctx, "chan", story.SeverityHigh, 100)
	if err != nil || len(items) == 0 || items[0].Part != 2 {
		t.Fatalf("after the lost answer %d alerts queued (err %v), want part 2 first", len(items), err)
	}
	first := items[0]
	if err := h.store.MarkSent(ctx, first.ID, "elsewhere"); err != nil {
		t.Fatal(err)
	}
	h.open()
	if err := h.sender.SendDigest(ctx, "chan"); err != nil {
		t.Fatal(err)
	}
	counts, titles := h.digestStories("555")
	for i := range 36 {
		if n := counts[fmt.Sprintf("%02d", i)]; n != 1 {
			t.Errorf("story %02d in %d digest messages, want 1 (titles %q)", i, n, titles)
		}
	}
}

// A digest part that fails is retried after Discord's Retry-After, or a
// short backoff, not at the next time of the schedule an hour later; the
// retry posts only the parts already planned, each once, and alerts
// queued while it waited wait for the schedule.
func TestDigestLoopRetriesAFailedPartSoon(t *testing.T) {
	for _, tc := range []struct {
		name string
		rep  *discordtest.Reply
		wait time.Duration
	}{
		{"retry-after", discordtest.RateLimited(7, false), 7 * time.Second},
		{"server error", discordtest.Failure(http.StatusInternalServerError, 0, "500: Internal Server Error"),
			retryDelay(errors.New("500"), 0, 0.5)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := digestHarness(t, 1)
			h.enqueueLong("news", 0, 36)
			h.failDigestPart("2", 2, tc.rep)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var sleeps []time.Duration
			h.clock.onSleep = func(d time.Duration) {
				sleeps = append(sleeps, d)
				switch len(sleeps) {
				case 3: // the failed part waits for its retry
					h.enqueueLong("news", 36, 2)
				case 4:
					cancel()
				}
			}
			h.sender.digestLoop(ctx, h.sender.current().byName["news"])
			if len(sleeps) < 4 || sleeps[0] != 0 || sleeps[1] != time.Hour || sleeps[2] != tc.wait || sleeps[3] < 50*time.Minute {
				t.Fatalf("slept %v, want none (parts left by a restart), the hour of the schedule, %v before the retry, then the schedule",
					sleeps, tc.wait)
			}
			counts, titles := h.digestStories("2")
			got := partNumbers(titles)
			for i, p := range got {
				if !strings.HasPrefix(p, fmt.Sprintf("%d of %d", i+1, len(got))) {
					t.Fatalf("digest parts %q, want 1 to %d of %d once each", got, len(got), len(got))
				}
			}
			for i := range 38 {
				want := 1
				if i >= 36 {
					want = 0 // queued after the digest was planned: the next digest's
				}
				if n := counts[fmt.Sprintf("%02d", i)]; n != want {
					t.Errorf("story %02d in %d digest messages, want %d", i, n, want)
				}
			}
		})
	}
}

// A digest cut short by a restart posts its remaining parts when the
// sender starts again, under their numbers, while Discord may still hold
// a lost part's nonce; the alerts queued meanwhile wait for the schedule.
func TestDigestLoopResumesPartsLeftByARestart(t *testing.T) {
	h := cutShortDigest(t)
	h.srv.Intercept(nil)
	h.enqueueLong("news", 36, 2)
	h.open()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var sleeps []time.Duration
	h.clock.onSleep = func(d time.Duration) {
		if sleeps = append(sleeps, d); len(sleeps) == 2 {
			cancel()
		}
	}
	h.sender.digestLoop(ctx, h.sender.current().byName["news"])
	if len(sleeps) != 2 || sleeps[0] != 0 || sleeps[1] != time.Hour {
		t.Fatalf("slept %v, want none before the remaining parts, then the hour of the schedule", sleeps)
	}
	counts, titles := h.digestStories("2")
	if got := partNumbers(titles); len(got) < 3 || !strings.HasPrefix(got[len(got)-1], fmt.Sprint(len(got))+" of ") {
		t.Fatalf("digest parts %q, want every part of the first digest and nothing else", got)
	}
	for i := range 38 {
		if n, want := counts[fmt.Sprintf("%02d", i)], min(1, max(0, 36-i)); n != want {
			t.Errorf("story %02d in %d digest messages, want %d", i, n, want)
		}
	}
}
