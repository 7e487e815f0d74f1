package interactions

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// Register makes Discord's definition of the command match Commands(),
// in one guild or globally (guildID ""). It writes only when what Discord
// returns differs, since every write resets clients' command caches and
// counts against a daily limit. It reports whether it wrote.
func Register(ctx context.Context, s *discordgo.Session, appID, guildID string) (bool, error) {
	have, err := s.ApplicationCommands(appID, guildID, discordgo.WithContext(ctx))
	if err != nil {
		return false, fmt.Errorf("read registered commands: %w", err)
	}
	want := Commands()
	if canonical(have) == canonical(want) {
		return false, nil
	}
	if _, err := s.ApplicationCommandBulkOverwrite(appID, guildID, want, discordgo.WithContext(ctx)); err != nil {
		return false, fmt.Errorf("register commands: %w", err)
	}
	return true, nil
}

// cmdShape and optShape are the parts of a definition we set; Discord adds
// ids, versions and defaults that must not count as a change.
type cmdShape struct {
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Options     []optShape `json:"options,omitempty"`
}

type optShape struct {
	Type        discordgo.ApplicationCommandOptionType `json:"type"`
	Name        string                                 `json:"name"`
	Description string                                 `json:"description"`
	Required    bool                                   `json:"required,omitempty"`
	Choices     []string                               `json:"choices,omitempty"`
	Options     []optShape                             `json:"options,omitempty"`
}

func canonical(cmds []*discordgo.ApplicationCommand) string {
	out := make([]cmdShape, len(cmds))
	for i, c := range cmds {
		out[i] = cmdShape{Name: c.Name, Description: c.Description, Options: optShapes(c.Options)}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func optShapes(opts []*discordgo.ApplicationCommandOption) []optShape {
	out := make([]optShape, len(opts))
	for i, o := range opts {
		out[i] = optShape{Type: o.Type, Name: o.Name, Description: o.Description, Required: o.Required,
			Options: optShapes(o.Options)}
		for _, c := range o.Choices {
			out[i].Choices = append(out[i].Choices, fmt.Sprintf("%s=%v", c.Name, c.Value))
		}
	}
	return out
}
