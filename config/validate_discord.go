package config

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/sanctionwatch/sanctionwatch/language"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// validateDiscord checks what all Discord destinations share.
func (ch *checker) validateDiscord(d Discord) {
	if d.APIBase != "" && !isWebURL(d.APIBase) {
		ch.errorf("discord.api_base", "discord.api_base %q must be an http or https URL", d.APIBase)
	}
}

// validateDestinations checks each destination: one type, exactly one of
// webhook and channel_id for Discord, ids that are Discord snowflakes,
// severities by name. Webhook URLs are secrets, so no message quotes them.
func (ch *checker) validateDestinations(dests []Destination, haveToken bool) {
	seen := map[string]bool{}
	for i, d := range dests {
		key := fmt.Sprintf("destinations[%d]", i)
		label := ch.uniqueName(key, "destination", d.Name, seen)
		kind := ch.destinationKind(key, label)
		ch.validSeverity(key+".min_severity", label, d.MinSeverity)
		ch.validLanguages(key+".languages", label, d.Languages)
		ch.validDigest(key+".digest", label, d.Digest)
		switch kind {
		case "json_webhook":
			ch.validJSONWebhook(key+".json_webhook", label, d.JSONWebhook)
		default: // Discord, also when nothing says where to post
			ch.validDiscordDest(key+".discord", label, d.Discord, haveToken)
		}
	}
}

// validJSONWebhook checks the URL of a json_webhook destination.
func (ch *checker) validJSONWebhook(key, label string, h JSONWebhook) {
	switch {
	case h.URL == "":
		ch.errorf(key+".url", "%s: json_webhook.url is required", label)
	case !isWebURL(h.URL.Reveal()):
		ch.errorf(key+".url", "%s: json_webhook.url is not an http or https URL (value not shown)", label)
	}
}

// validDiscordDest checks the settings of a Discord destination.
func (ch *checker) validDiscordDest(key, label string, d DiscordDestination, haveToken bool) {
	ch.validTarget(key, label, d, haveToken)
	if d.AvatarURL != "" && !isWebURL(d.AvatarURL) {
		ch.errorf(key+".avatar_url", "%s: avatar_url must be an http or https URL", label)
	}
	if len(d.Username) > 80 {
		ch.errorf(key+".username", "%s: username is longer than Discord's 80 characters", label)
	}
	ch.validMention(key, label, d)
}

// validTarget checks where a Discord destination posts.
func (ch *checker) validTarget(key, label string, d DiscordDestination, haveToken bool) {
	switch {
	case d.Webhook != "" && d.ChannelID != "":
		ch.errorf(key+".channel_id", "%s: set one of webhook and channel_id, not both", label)
	case d.Webhook == "" && d.ChannelID == "":
		ch.errorf(key+".webhook", "%s: set webhook (or webhook_file) or channel_id in the discord: block, or give a json_webhook: block", label)
	case d.Webhook != "" && !isWebURL(d.Webhook.Reveal()):
		ch.errorf(key+".webhook", "%s: webhook is not an http or https URL (value not shown)", label)
	case d.Webhook != "" && !isWebhookPath(d.Webhook.Reveal()):
		ch.errorf(key+".webhook", "%s: webhook URL must end in /api/webhooks/ID/TOKEN, as Discord's Copy Webhook URL gives it (value not shown)", label)
	case d.ChannelID != "" && !haveToken:
		ch.errorf(key+".channel_id", "%s: channel destinations post as the bot: set discord.token or discord.token_file", label)
	}
	ch.validSnowflake(key+".channel_id", label, "channel_id", d.ChannelID)
	if d.Threads && d.ChannelID == "" {
		ch.errorf(key+".threads", "%s: threads need a channel destination (channel_id and the bot); a webhook cannot open threads", label)
	}
	if d.Forum && d.ChannelID == "" {
		ch.errorf(key+".forum", "%s: forum needs the forum's channel_id and the bot", label)
	}
	ch.validSnowflake(key+".thread_id", label, "thread_id", d.ThreadID)
}

// isWebhookPath reports whether a webhook URL's path is
// /api/webhooks/ID/TOKEN (or /api/vN/webhooks/ID/TOKEN) with a numeric ID,
// the only shape Discord accepts.
func isWebhookPath(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) == 5 && strings.HasPrefix(parts[1], "v") {
		parts = append(parts[:1], parts[2:]...) // drop the API version
	}
	if len(parts) != 4 || parts[0] != "api" || parts[1] != "webhooks" || parts[3] == "" {
		return false
	}
	_, err = strconv.ParseUint(parts[2], 10, 64)
	return err == nil
}

// validMention checks the role to ping and from which severity.
func (ch *checker) validMention(key, label string, d DiscordDestination) {
	ch.validSnowflake(key+".mention_role", label, "mention_role", d.MentionRole)
	ch.validSeverity(key+".mention_from", label, d.MentionFrom)
	if d.MentionFrom != "" && d.MentionRole == "" {
		ch.errorf(key+".mention_from", "%s: mention_from needs mention_role", label)
	}
}

// validDigest checks that a digest has both a threshold and a schedule.
func (ch *checker) validDigest(key, label string, g Digest) {
	ch.validSeverity(key+".below", label, g.Below)
	switch {
	case g.Below != "" && g.Schedule == "":
		ch.errorf(key, "%s: digest.below needs digest.schedule", label)
	case g.Below == "" && g.Schedule != "":
		ch.errorf(key+".schedule", "%s: digest.schedule needs digest.below", label)
	default:
		ch.validCron(key+".schedule", g.Schedule, false)
	}
}

// validateRouting checks that routes name existing destinations.
func (ch *checker) validateRouting(r Routing, dests []string) {
	ch.knownDestination("routing.default", "routing.default", r.Default, dests)
	ch.knownDestination("routing.admin", "routing.admin", r.Admin, dests)
}

// knownDestination reports a route to a destination that does not exist;
// an empty name means "none" and is fine.
func (ch *checker) knownDestination(key, what, name string, dests []string) {
	if name == "" {
		return
	}
	for _, d := range dests {
		if d == name {
			return
		}
	}
	ch.errorf(key, "%s names unknown destination %q%s", what, name, didYouMean(name, dests))
}

// validSeverity checks a severity name; empty means "not set".
func (ch *checker) validSeverity(key, label, name string) {
	if name == "" {
		return
	}
	if _, ok := story.ParseSeverity(name); !ok {
		ch.errorf(key, "%s: %s: unknown severity %q (info, low, medium, high, critical)", label, lastKey(key), name)
	}
}

// validLanguages checks language codes against those the detector gives:
// a code it never gives would silence the destination.
func (ch *checker) validLanguages(key, label string, codes []string) {
	for i, c := range codes {
		if !language.Known(c) {
			ch.errorf(fmt.Sprintf("%s[%d]", key, i), "%s: languages: unknown language %q%s; languages are %s",
				label, c, didYouMean(c, language.Codes), strings.Join(language.Codes, ", "))
		}
	}
}

// validSnowflake checks a Discord id: a decimal number of 17 to 20 digits.
func (ch *checker) validSnowflake(key, label, what, id string) {
	if id == "" {
		return
	}
	if _, err := strconv.ParseUint(id, 10, 64); err != nil || len(id) < 17 || len(id) > 20 {
		ch.errorf(key, "%s: %s is not a Discord id (17 to 20 digits; copy it with Developer Mode on)", label, what)
	}
}

// destinationNames lists the destination names, for route checks.
func destinationNames(dests []Destination) []string {
	names := make([]string, 0, len(dests))
	for _, d := range dests {
		names = append(names, d.Name)
	}
	return names
}
