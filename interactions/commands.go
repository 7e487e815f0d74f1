package interactions

import (
	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/store"
)

// CommandName is the one top-level command; everything is a subcommand.
const CommandName = "sanctionwatch"

// Commands returns the command definitions registered with Discord.
func Commands() []*discordgo.ApplicationCommand {
	kinds := make([]*discordgo.ApplicationCommandOptionChoice, len(store.MuteKinds))
	for i, k := range store.MuteKinds {
		kinds[i] = &discordgo.ApplicationCommandOptionChoice{Name: string(k), Value: string(k)}
	}
	durations := make([]*discordgo.ApplicationCommandOptionChoice, len(muteDurations))
	for i, d := range muteDurations {
		durations[i] = &discordgo.ApplicationCommandOptionChoice{Name: d.label, Value: d.value}
	}
	kind := strOpt("kind", "rule, feed, entity or tag", true)
	kind.Choices = kinds
	dur := strOpt("duration", "how long", true)
	dur.Choices = durations
	value := strOpt("value", "the rule id, feed name, entity id or tag", true)
	return []*discordgo.ApplicationCommand{{
		Name:        CommandName,
		Description: "sanctionwatch alerts: explanations, tests, mutes and feedback",
		Options: []*discordgo.ApplicationCommandOption{
			sub("why", "the full explanation of an alert", strOpt("link", "link to the alert message", true)),
			sub("test", "which rules fire on a URL or a text, and why", strOpt("input", "an http(s) URL or the text of a story", true)),
			sub("status", "outbox, failing feeds, mutes"),
			sub("mute", "mute a rule, feed, entity or tag", kind, value, dur, strOpt("reason", "why", false)),
			sub("unmute", "lift a mute", kind, value),
			sub("mutes", "the mutes in force"),
			sub("feedback", "readers' verdicts per rule in the last 30 days", strOpt("rule", "only this rule", false)),
		},
	}}
}

func sub(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name,
		Description: desc, Options: opts}
}

func strOpt(name, desc string, required bool) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name,
		Description: desc, Required: required}
}
