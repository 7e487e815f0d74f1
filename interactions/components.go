package interactions

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/sanctionwatch/sanctionwatch/store"
)

// Custom ids carry what a component acts on, since Discord hands them
// back verbatim: "sw:rel:ID", "sw:notrel:ID", "sw:mute:rule:ID" (asks for
// a duration) and "sw:mutefor:rule:ID" (the duration menu).
const idPrefix = "sw:"

// muteDurations are the choices of the duration menu.
var muteDurations = []struct{ label, value string }{
	{"1 hour", "1h"}, {"24 hours", "24h"}, {"7 days", "168h"},
}

// Components returns the buttons of an alert: the verdict buttons with
// the tally so far, and the two mute buttons.
func Components(alertID int64, t store.Tally) []discordgo.MessageComponent {
	id := strconv.FormatInt(alertID, 10)
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: tallyLabel("Relevant", t.Relevant), Style: discordgo.SuccessButton, CustomID: idPrefix + "rel:" + id},
		discordgo.Button{Label: tallyLabel("Not relevant", t.NotRelevant), Style: discordgo.DangerButton, CustomID: idPrefix + "notrel:" + id},
		discordgo.Button{Label: "Mute this rule...", Style: discordgo.SecondaryButton, CustomID: idPrefix + "mute:rule:" + id},
		discordgo.Button{Label: "Mute this feed...", Style: discordgo.SecondaryButton, CustomID: idPrefix + "mute:feed:" + id},
	}}}
}

func tallyLabel(label string, n int) string {
	if n == 0 {
		return label
	}
	return fmt.Sprintf("%s (%d)", label, n)
}

// durationMenu asks how long to mute kind for the alert.
func durationMenu(kind store.MuteKind, alertID int64) []discordgo.MessageComponent {
	opts := make([]discordgo.SelectMenuOption, len(muteDurations))
	for i, d := range muteDurations {
		opts[i] = discordgo.SelectMenuOption{Label: d.label, Value: d.value}
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, Placeholder: "Mute for...", Options: opts,
			CustomID: fmt.Sprintf("%smutefor:%s:%d", idPrefix, kind, alertID)},
	}}}
}

// action is a parsed custom id.
type action struct {
	verb    string // rel, notrel, mute, mutefor
	kind    store.MuteKind
	alertID int64
}

func parseCustomID(s string) (action, error) {
	parts := strings.Split(strings.TrimPrefix(s, idPrefix), ":")
	bad := fmt.Errorf("unknown component %q", s)
	if !strings.HasPrefix(s, idPrefix) || len(parts) < 2 {
		return action{}, bad
	}
	a := action{verb: parts[0]}
	switch {
	case (a.verb == "rel" || a.verb == "notrel") && len(parts) == 2:
	case (a.verb == "mute" || a.verb == "mutefor") && len(parts) == 3 && (parts[1] == "rule" || parts[1] == "feed"):
		a.kind = store.MuteKind(parts[1])
	default:
		return action{}, bad
	}
	id, err := strconv.ParseInt(parts[len(parts)-1], 10, 64)
	if err != nil || id <= 0 {
		return action{}, bad
	}
	a.alertID = id
	return a, nil
}
