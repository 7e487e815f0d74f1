package interactions

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// maxContent is Discord's limit on a message's content.
const maxContent = 2000

// command answers /sanctionwatch SUBCOMMAND; every answer is private.
func (b *Bot) command(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	data := i.ApplicationCommandData()
	if data.Name != CommandName || len(data.Options) != 1 {
		return private("Unknown command.")
	}
	subc := data.Options[0]
	opt := func(name string) string {
		if o := subc.GetOption(name); o != nil {
			return o.StringValue()
		}
		return ""
	}
	text, err := b.run(ctx, i, subc.Name, opt)
	if err != nil {
		return b.failed(i, err)
	}
	return private(clip(text))
}

// run does one subcommand and returns its text.
func (b *Bot) run(ctx context.Context, i *discordgo.Interaction, name string, opt func(string) string) (string, error) {
	switch name {
	case "why":
		return b.why(ctx, opt("link"))
	case "test":
		return b.Test(ctx, opt("input"))
	case "status":
		return b.Status(ctx)
	case "mutes":
		return b.mutes(ctx)
	case "feedback":
		return b.feedback(ctx, opt("rule"))
	case "mute", "unmute":
		if !b.Access.allows(i) {
			return denied, nil
		}
		return b.muteCommand(ctx, i, name, opt)
	}
	return "Unknown subcommand " + name + ".", nil
}

func (b *Bot) muteCommand(ctx context.Context, i *discordgo.Interaction, name string, opt func(string) string) (string, error) {
	kind, ok := store.ParseMuteKind(opt("kind"))
	value := strings.TrimSpace(opt("value"))
	if !ok || value == "" {
		return "Give a kind (rule, feed, entity or tag) and a value.", nil
	}
	if name == "mute" {
		d, err := time.ParseDuration(opt("duration"))
		if err != nil || d <= 0 {
			return "Unknown duration.", nil
		}
		return b.mute(ctx, i, kind, []string{value}, d, opt("reason")).Data.Content, nil
	}
	_, who := reader(i)
	n, err := b.Store.LiftMutes(ctx, kind, value, who)
	if errors.Is(err, store.ErrNoMute) {
		return fmt.Sprintf("No mute of %s %s is in force.", kind, value), nil
	}
	if err != nil {
		return "", err
	}
	if b.Announce != nil {
		b.Announce(ctx, fmt.Sprintf("Unmuted %s %s", kind, value), fmt.Sprintf("%s lifted %d mute(s).", who, n))
	}
	return fmt.Sprintf("Unmuted %s %s.", kind, value), nil
}

// why explains the alert posted as the linked message.
func (b *Bot) why(ctx context.Context, link string) (string, error) {
	msgID := messageID(link)
	if msgID == "" {
		return "Give a message link (right-click the alert > Copy Message Link).", nil
	}
	it, err := b.Store.AlertByMessage(ctx, msgID)
	if errors.Is(err, store.ErrNoAlert) {
		return "That message is not a sanctionwatch alert I know of.", nil
	}
	if err != nil {
		return "", err
	}
	return Explain(it.Alert), nil
}

// messageID takes the last part of https://discord.com/channels/G/C/M, or
// a bare id.
func messageID(link string) string {
	link = strings.TrimRight(strings.TrimSpace(link), "/")
	id := link[strings.LastIndexByte(link, '/')+1:]
	for _, r := range id {
		if r < '0' || r > '9' {
			return ""
		}
	}
	return id
}

// Explain writes an alert's evidence as Discord text: each rule, the words
// that fired it with where they were found, and the snippet.
func Explain(a story.Alert) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "**%s**\n", escape(a.Story.Title))
	if a.Story.Link != "" {
		fmt.Fprintf(&sb, "<%s>\n", a.Story.Link) // angle brackets: a link without a preview
	}
	for _, m := range a.Matches {
		fmt.Fprintf(&sb, "rule `%s` [%s] %s\n", m.RuleID, m.Severity, escape(m.Title))
		for _, line := range hitLines(m.Hits) {
			fmt.Fprintf(&sb, "- %s\n", line)
		}
		if m.Snippet != "" {
			r := strings.NewReplacer(story.MarkOpen, "**", story.MarkClose, "**")
			fmt.Fprintf(&sb, "> %s\n", r.Replace(escape(m.Snippet)))
		}
	}
	return sb.String()
}

// hitLines gives one line per source of evidence with its distinct words.
func hitLines(hits []story.Hit) []string {
	var order []string
	words := map[string][]string{}
	for _, h := range hits {
		src := string(h.Source) + " " + h.Term
		if h.Ref != "" {
			src = string(h.Source) + " " + h.Ref
		}
		if _, ok := words[src]; !ok {
			order = append(order, src)
		}
		w := fmt.Sprintf("%q (%s)", h.Text, h.Field)
		if !slices.Contains(words[src], w) {
			words[src] = append(words[src], w)
		}
	}
	out := make([]string, len(order))
	for i, src := range order {
		out[i] = escape(src) + ": " + escape(strings.Join(words[src], ", "))
	}
	return out
}

// escape keeps feed text from turning into Discord markdown or mentions.
func escape(s string) string {
	return strings.NewReplacer("*", `\*`, "_", `\_`, "`", "\\`", "~", `\~`, "|", `\|`, ">", `\>`, "@", "@\u200b").Replace(s)
}

// clip cuts text to Discord's content limit.
func clip(s string) string {
	r := []rune(s)
	if len(r) <= maxContent {
		return s
	}
	return string(r[:maxContent-1]) + "…"
}

func (b *Bot) mutes(ctx context.Context) (string, error) {
	ms, err := b.Store.ActiveMutes(ctx)
	if err != nil || len(ms) == 0 {
		return "No mutes in force.", err
	}
	var sb strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&sb, "- %s `%s` until <t:%d:f> by %s", m.Kind, m.Value, m.Expires.Unix(), escape(m.By))
		if m.Reason != "" {
			sb.WriteString(": " + escape(m.Reason))
		}
		sb.WriteByte('\n')
	}
	return sb.String(), nil
}

func (b *Bot) feedback(ctx context.Context, rule string) (string, error) {
	fb, err := b.Store.FeedbackByRule(ctx, time.Now().Add(-30*24*time.Hour), rule)
	if err != nil || len(fb) == 0 {
		return "No verdicts in the last 30 days.", err
	}
	var sb strings.Builder
	for _, f := range fb {
		p, _ := f.Precision()
		fmt.Fprintf(&sb, "`%s`: %d relevant, %d not relevant, precision %.2f\n", f.Rule, f.Relevant, f.NotRelevant, p)
	}
	return sb.String(), nil
}
