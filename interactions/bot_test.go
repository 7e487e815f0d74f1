package interactions

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func handle(t *testing.T, b *Bot, raw []byte) *discordgo.InteractionResponse {
	t.Helper()
	return b.Handle(context.Background(), decode(t, raw))
}

func buttonLabels(resp *discordgo.InteractionResponse) []string {
	var out []string
	for _, row := range resp.Data.Components {
		for _, c := range row.(discordgo.ActionsRow).Components {
			if b, ok := c.(discordgo.Button); ok {
				out = append(out, b.Label)
			}
		}
	}
	return out
}

func TestVerdictButtonsRecordOncePerReaderAndShowTally(t *testing.T) {
	st := openStore(t)
	b := newBot(st, &announcer{})
	steps := []struct {
		id, user, button string
		relevant, not    string
	}{
		{"1001", "u1", "sw:rel:1", "Relevant (1)", "Not relevant"},
		{"1002", "u2", "sw:notrel:1", "Relevant (1)", "Not relevant (1)"},
		{"1003", "u1", "sw:notrel:1", "Relevant", "Not relevant (2)"}, // u1 changes their mind
		{"1004", "u1", "sw:notrel:1", "Relevant", "Not relevant (2)"}, // and clicks again: still one verdict
	}
	for _, s := range steps {
		resp := handle(t, b, clickJSON(s.id, s.user, false, s.button))
		if resp.Type != discordgo.InteractionResponseUpdateMessage {
			t.Fatalf("%s: response type %v, want an update of the alert", s.id, resp.Type)
		}
		labels := buttonLabels(resp)
		if labels[0] != s.relevant || labels[1] != s.not {
			t.Errorf("%s: labels %q, want %q and %q", s.id, labels, s.relevant, s.not)
		}
		if len(resp.Data.Embeds) != 1 {
			t.Errorf("%s: the update dropped the alert's embed", s.id)
		}
	}
	// A replayed request (same interaction id) changes nothing.
	resp := handle(t, b, clickJSON("1002", "u2", false, "sw:rel:1"))
	if !strings.Contains(resp.Data.Content, "already handled") {
		t.Errorf("replay answered %+v", resp.Data)
	}
	fb, _ := st.FeedbackByRule(context.Background(), time.Time{}, "r1")
	if len(fb) != 1 || fb[0].Relevant != 0 || fb[0].NotRelevant != 2 {
		t.Errorf("feedback after replay %+v, want 0 relevant, 2 not", fb)
	}
}

func TestMuteButtonsNeedAccessAndAnnounce(t *testing.T) {
	st := openStore(t)
	ann := &announcer{}
	b := newBot(st, ann)
	resp := handle(t, b, clickJSON("2001", "u1", false, "sw:mute:rule:1"))
	if !strings.Contains(resp.Data.Content, "admin_roles") {
		t.Errorf("reader without the role got %q", resp.Data.Content)
	}
	resp = handle(t, b, clickJSON("2002", "u9", true, "sw:mute:rule:1"))
	if resp.Data.Flags != discordgo.MessageFlagsEphemeral || len(resp.Data.Components) != 1 {
		t.Fatalf("no private duration menu: %+v", resp.Data)
	}
	menu := resp.Data.Components[0].(discordgo.ActionsRow).Components[0].(discordgo.SelectMenu)
	if menu.CustomID != "sw:mutefor:rule:1" || len(menu.Options) != 3 || menu.Options[2].Value != "168h" {
		t.Errorf("menu %+v", menu)
	}
	resp = handle(t, b, clickJSON("2003", "u9", true, "sw:mutefor:rule:1", "24h"))
	if resp.Data.Flags != discordgo.MessageFlagsEphemeral || !strings.Contains(resp.Data.Content, "Muted rule r1, r2") {
		t.Errorf("confirmation %+v", resp.Data)
	}
	ms, _ := st.ActiveMutes(context.Background())
	if len(ms) != 2 || ms[0].By != "reader-u9" {
		t.Errorf("mutes %+v", ms)
	}
	if got := ann.all(); len(got) != 1 || !strings.Contains(got[0], "reader-u9 muted rule r1, r2 for 24h0m0s") {
		t.Errorf("announcements %q", got)
	}
	// A member with the permission bit but no role may mute too.
	i := decode(t, clickJSON("2004", "u8", false, "sw:mutefor:feed:1", "1h"))
	i.Member.Permissions = 1<<5 | 1<<10
	if resp := b.Handle(context.Background(), i); !strings.Contains(resp.Data.Content, "Muted feed wire") {
		t.Errorf("permission holder: %q", resp.Data.Content)
	}
}

func TestSlashCommands(t *testing.T) {
	st := openStore(t)
	ann := &announcer{}
	b := newBot(st, ann)
	cases := []struct {
		name string
		raw  []byte
		want string
	}{
		{"why", commandJSON("3001", "u1", false, "why", "link", "https://discord.com/channels/"+guildID+"/"+channelID+"/777"),
			"rule `r1` [high] Tankers"},
		{"why unknown", commandJSON("3002", "u1", false, "why", "link", "https://discord.com/channels/1/2/3"), "not a sanctionwatch alert"},
		{"test", commandJSON("3003", "u1", false, "test", "input", "some text"), "tested: some text"},
		{"status", commandJSON("3004", "u1", false, "status"), "all well"},
		{"mute denied", commandJSON("3005", "u1", false, "mute", "kind", "tag", "value", "dprk", "duration", "1h"), "admin_roles"},
		{"mute", commandJSON("3006", "u2", true, "mute", "kind", "tag", "value", "dprk", "duration", "1h", "reason", "drill"), "Muted tag dprk"},
		{"mutes", commandJSON("3007", "u1", false, "mutes"), "tag `dprk`"},
		{"unmute", commandJSON("3008", "u2", true, "unmute", "kind", "tag", "value", "dprk"), "Unmuted tag dprk"},
		{"unmute again", commandJSON("3009", "u2", true, "unmute", "kind", "tag", "value", "dprk"), "No mute of tag dprk"},
		{"feedback", commandJSON("3010", "u1", false, "feedback"), "No verdicts"},
	}
	for _, c := range cases {
		resp := handle(t, b, c.raw)
		if resp.Data.Flags != discordgo.MessageFlagsEphemeral || !strings.Contains(resp.Data.Content, c.want) {
			t.Errorf("%s: %q, want %q", c.name, resp.Data.Content, c.want)
		}
	}
	if got := ann.all(); len(got) != 2 {
		t.Errorf("announcements %q, want mute and unmute", got)
	}
	if ms, _ := st.ActiveMutes(context.Background()); len(ms) != 0 {
		t.Errorf("mutes left: %+v", ms)
	}
}
