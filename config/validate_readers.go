package config

import (
	"encoding/hex"
	"fmt"
	"net"
	"sort"
	"strings"
)

// validateHistory checks the replay history; zero is a choice (keep none),
// never a stand-in for the default.
func (ch *checker) validateHistory(h History) {
	ch.atLeast("history.text_cap", h.TextCap, 0)
	ch.atLeast("history.retention", int64(h.Retention), 0)
}

// discordPermissions maps the permission names the config accepts to
// Discord's permission bits.
var discordPermissions = map[string]int64{
	"kick_members":     1 << 1,
	"ban_members":      1 << 2,
	"administrator":    1 << 3,
	"manage_channels":  1 << 4,
	"manage_guild":     1 << 5,
	"manage_messages":  1 << 13,
	"manage_roles":     1 << 28,
	"manage_webhooks":  1 << 29,
	"moderate_members": 1 << 40,
}

// PermissionBit returns the Discord permission bit AdminPermission names,
// or 0 when it is empty (roles alone decide).
func (i Interactions) PermissionBit() int64 { return discordPermissions[i.AdminPermission] }

// validateInteractions checks the Discord application settings, but only
// once an application id turns interactions on.
func (ch *checker) validateInteractions(i Interactions, haveToken bool) {
	if !i.Enabled() {
		return
	}
	ch.validSnowflake("interactions.application_id", "interactions", "application_id", i.ApplicationID)
	ch.validSnowflake("interactions.guild_id", "interactions", "guild_id", i.GuildID)
	for n, r := range i.AdminRoles {
		ch.validSnowflake(fmt.Sprintf("interactions.admin_roles[%d]", n), "interactions", "admin role", r)
	}
	if i.AdminPermission != "" && discordPermissions[i.AdminPermission] == 0 {
		ch.errorf("interactions.admin_permission", "interactions.admin_permission: %q is not one of %s",
			i.AdminPermission, strings.Join(permissionNames(), ", "))
	}
	if !i.Gateway && i.Listen == "" {
		ch.errorf("interactions.gateway", "interactions: turn on gateway or set listen, or interactions never arrive")
	}
	if i.Gateway && !haveToken {
		ch.errorf("interactions.gateway", "interactions.gateway needs the bot token: set discord.token or discord.token_file")
	}
	ch.validateEndpoint(i)
}

// validateEndpoint checks the HTTP interactions endpoint and its key.
func (ch *checker) validateEndpoint(i Interactions) {
	if i.Listen == "" {
		return
	}
	if _, port, err := net.SplitHostPort(i.Listen); err != nil || port == "" {
		ch.errorf("interactions.listen", "interactions.listen must be host:port such as 0.0.0.0:8443, or empty to turn it off")
	}
	if key, err := hex.DecodeString(i.PublicKey); err != nil || len(key) != 32 {
		ch.errorf("interactions.public_key", "interactions.public_key must be the application's public key: 64 hex digits (General Information in the Developer Portal)")
	}
}

func permissionNames() []string {
	out := make([]string, 0, len(discordPermissions))
	for n := range discordPermissions {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
