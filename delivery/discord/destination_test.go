package discord

import (
	"context"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// recorder is a client that keeps what it is asked to send.
type recorder struct{ sent []Message }

func (r *recorder) Send(_ context.Context, m Message) (string, error) {
	r.sent = append(r.sent, m)
	return "1", nil
}

func (r *recorder) Edit(context.Context, string, Message) error { return nil }

// Actions put buttons under story alerts only: a notice is for the
// operator, and nothing in it is to be judged or muted.
func TestActionsOnlyUnderStoryAlerts(t *testing.T) {
	var asked []int64
	actions := func(a story.Alert) []discordgo.MessageComponent {
		asked = append(asked, a.ID)
		return []discordgo.MessageComponent{discordgo.ActionsRow{}}
	}
	rec := &recorder{}
	d := NewDestination(rec, RenderOptions{Actions: actions})
	alert := story.Alert{ID: 42, Story: story.Story{Title: "Tanker seized"}, Severity: story.SeverityHigh,
		Matches: []story.Match{{RuleID: "r", Severity: story.SeverityHigh}}}
	notice := story.Alert{ID: 43, Kind: story.KindNotice, Story: story.Story{Title: "Feed failing"}, Severity: story.SeverityCritical}
	for _, a := range []story.Alert{alert, notice} {
		if _, err := d.Post(context.Background(), a, "k"); err != nil {
			t.Fatal(err)
		}
	}
	if len(rec.sent[0].Components) != 1 || len(rec.sent[1].Components) != 0 {
		t.Errorf("components: alert %d, notice %d; want 1 and 0", len(rec.sent[0].Components), len(rec.sent[1].Components))
	}
	if len(asked) != 1 || asked[0] != 42 {
		t.Errorf("actions asked for %v, want the alert's id 42 only", asked)
	}
	plain := &recorder{}
	if _, err := NewDestination(plain, RenderOptions{}).Post(context.Background(), alert, "k"); err != nil || plain.sent[0].Components != nil {
		t.Errorf("a destination without actions added components: %v", plain.sent[0].Components)
	}
}
