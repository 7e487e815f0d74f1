package discord

import (
	"context"
	"errors"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// threadRecorder is a bot channel stand-in that keeps what goes into
// threads and forum posts.
type threadRecorder struct {
	recorder
	in    map[string][]Message // thread id -> messages
	posts []string             // forum post names
}

func (r *threadRecorder) StartThread(_ context.Context, _, name string) (string, error) {
	return "t-" + name, nil
}

func (r *threadRecorder) SendIn(_ context.Context, thread string, m Message) (string, error) {
	if r.in == nil {
		r.in = map[string][]Message{}
	}
	r.in[thread] = append(r.in[thread], m)
	return "m", nil
}

func (r *threadRecorder) StartPost(_ context.Context, name string, m Message) (string, error) {
	r.posts = append(r.posts, name)
	r.sent = append(r.sent, m)
	return "p", nil
}

func criticalAlert() story.Alert {
	return story.Alert{ID: 7, Story: story.Story{Title: "Tanker seized", Link: "https://example.org/t"},
		Severity: story.SeverityCritical, Matches: []story.Match{{RuleID: "r", Severity: story.SeverityCritical}}}
}

// A later report in an event's thread keeps its buttons but pings nobody,
// however severe; the escalation in the thread pings the role once, and
// not at all without one.
func TestThreadPostsPingOnlyOnEscalation(t *testing.T) {
	actions := func(a story.Alert) []discordgo.MessageComponent {
		return []discordgo.MessageComponent{discordgo.ActionsRow{}}
	}
	rec := &threadRecorder{}
	d := NewDestination(rec, RenderOptions{MentionRole: "999", MentionFrom: story.SeverityHigh, Actions: actions})
	ctx := context.Background()
	if _, err := d.PostIn(ctx, "t1", criticalAlert(), "sw7"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.EscalateIn(ctx, "t1", criticalAlert(), 3, "swesc7"); err != nil {
		t.Fatal(err)
	}
	got := rec.in["t1"]
	if len(got) != 2 {
		t.Fatalf("%d messages in the thread, want the report and the escalation", len(got))
	}
	if r := got[0]; r.Content != "" || len(r.AllowedMentions.Roles) != 0 || len(r.Components) != 1 || r.Nonce != "sw7" {
		t.Errorf("report in thread: content %q, roles %v, %d component rows, nonce %q; want no ping, the buttons, nonce sw7",
			r.Content, r.AllowedMentions.Roles, len(r.Components), r.Nonce)
	}
	if e := got[1]; len(e.AllowedMentions.Roles) != 1 || e.Nonce != "swesc7" {
		t.Errorf("escalation in thread = %+v, want a ping of role 999 with nonce swesc7", e)
	}
	quiet := &threadRecorder{}
	id, err := NewDestination(quiet, RenderOptions{}).EscalateIn(ctx, "t1", criticalAlert(), 3, "k")
	if err != nil || id != "" || len(quiet.in) != 0 {
		t.Errorf("escalation without a role sent %v (id %q, %v), want nothing", quiet.in, id, err)
	}
}

// A forum destination opens a post named after the headline for every
// alert, with the alert (and its buttons) as the first message, and one
// for every digest; a client
// that cannot open threads (a webhook) says so instead of posting
// elsewhere.
func TestForumPostsAndWebhookRefusal(t *testing.T) {
	rec := &threadRecorder{}
	d := NewDestination(rec, RenderOptions{}).InForum()
	if id, err := d.Post(context.Background(), criticalAlert(), "k"); err != nil || id != "p" {
		t.Fatalf("forum Post = %q, %v; want the post's id", id, err)
	}
	if len(rec.posts) != 1 || rec.posts[0] != "Tanker seized" || rec.sent[0].Embeds[0].Title != "Tanker seized" {
		t.Errorf("forum posts %v, first message %+v", rec.posts, rec.sent)
	}
	low := criticalAlert()
	low.Severity, low.Matches[0].Severity = story.SeverityLow, story.SeverityLow
	parts := d.SplitDigest([]story.Alert{low, low})
	if len(parts) != 1 || len(parts[0].Alerts) != 2 {
		t.Fatalf("forum SplitDigest = %+v, want both alerts in one part", parts)
	}
	if _, shown, err := d.PostDigest(context.Background(), parts[0], "swd1"); err != nil || shown != 2 {
		t.Fatalf("forum PostDigest showed %d alerts, err %v; want 2", shown, err)
	}
	if len(rec.posts) != 2 || rec.posts[1] != "Digest: 2 stories" {
		t.Errorf("forum posts %v, want the digest as a post of its own", rec.posts)
	}
	hook := NewDestination(&recorder{}, RenderOptions{})
	if _, err := hook.StartThread(context.Background(), "1", criticalAlert()); !errors.Is(err, errNoThreads) {
		t.Errorf("StartThread through a webhook: %v, want errNoThreads", err)
	}
	if _, err := hook.InForum().Post(context.Background(), criticalAlert(), "k"); !errors.Is(err, errNoThreads) {
		t.Errorf("forum Post through a webhook: %v, want errNoThreads", err)
	}
}
