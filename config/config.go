// Package config is the schema of config.yaml: one typed struct, defaults
// first, then a strict decode, then cross-checks. Every problem found is
// reported with file:line:col, all at once.
package config

import (
	"time"

	"go.yaml.in/yaml/v3"
)

// Config is the whole of config.yaml after defaults, decoding, environment
// expansion and validation. Relative paths in it are already resolved
// against the folder of the config file.
type Config struct {
	// Path is the file the config was read from ("" for the embedded default).
	Path string `yaml:"-"`

	StateFile string `yaml:"state_file"`
	// StateDSN, when set, keeps the state in that PostgreSQL database
	// instead of StateFile; several instances may share it. A secret: the
	// URL may hold a password.
	StateDSN     Secret `yaml:"state_dsn"`
	StateDSNFile string `yaml:"state_dsn_file"`
	// State is the short form of StateDSN for a postgres:// URL ("state:
	// postgres://..."); loading moves it into StateDSN.
	State   Secret  `yaml:"state"`
	Contact string  `yaml:"contact"` // URL or e-mail put in the User-Agent so publishers can reach us
	HTTP    HTTP    `yaml:"http"`
	Log     Log     `yaml:"log"`
	Rules   Rules   `yaml:"rules"`
	Watch   Watch   `yaml:"watch"`
	Feeds   []Feed  `yaml:"feeds"`
	Lists   []List  `yaml:"lists"`
	Discord Discord `yaml:"discord"`
	// Destinations where alerts go. None means alerts print to the terminal.
	Destinations []Destination `yaml:"destinations"`
	Routing      Routing       `yaml:"routing"`
	Delivery     Delivery      `yaml:"delivery"`
	Events       Events        `yaml:"events"`
	History      History       `yaml:"history"`
	Interactions Interactions  `yaml:"interactions"`

	// pos keeps where each value was written ("rules.disabled[2]"), so
	// checks made outside this package can still point at the file.
	pos    map[string]*yaml.Node
	source string // the name errors are reported under
}

// HTTP is the health and metrics endpoint.
type HTTP struct {
	Listen string `yaml:"listen"` // "" turns it off; loopback by default
}

// Log sets the structured logger.
type Log struct {
	Level  string `yaml:"level"`  // debug, info, warn, error
	Format string `yaml:"format"` // auto, text, json
}

// Rules says which rule files are loaded.
type Rules struct {
	DefaultPack bool     `yaml:"default_pack"` // load the pack embedded in the binary
	Paths       []string `yaml:"paths"`        // more files or folders of *.yaml rule files
	Disabled    []string `yaml:"disabled"`     // rule ids to switch off, e.g. from the default pack
}

// Watch holds the defaults and limits of feed polling.
type Watch struct {
	Schedule         string        `yaml:"schedule"` // default cron spec or "@every 10m"
	Jitter           time.Duration `yaml:"jitter"`   // random delay added to each poll
	Timeout          time.Duration `yaml:"timeout"`  // whole request, body included
	ConnectTimeout   time.Duration `yaml:"connect_timeout"`
	MaxBodyBytes     int64         `yaml:"max_body_bytes"` // cut off bigger (or endless) bodies
	MaxRedirects     int           `yaml:"max_redirects"`
	Concurrency      int           `yaml:"concurrency"`       // polls in flight at once, all hosts
	PerHost          int           `yaml:"per_host"`          // polls in flight at once to one host
	MaxBackoff       time.Duration `yaml:"max_backoff"`       // cap of the per-feed failure backoff
	FailureThreshold int           `yaml:"failure_threshold"` // consecutive failures before a feed is reported failing
	Backfill         time.Duration `yaml:"backfill"`          // on a feed's first poll, alert on items this recent
	Retention        time.Duration `yaml:"retention"`         // how long seen-story records are kept
	// AllowPrivate lets every feed reach loopback, private, link-local and
	// multicast addresses; off, such addresses are refused after DNS and on
	// every redirect, so a feed cannot make us call an internal service.
	AllowPrivate bool `yaml:"allow_private"`
}

// Feed is one feed to poll.
type Feed struct {
	Name     string            `yaml:"name"`
	URL      string            `yaml:"url"`
	Schedule string            `yaml:"schedule"` // "" = Watch.Schedule
	Timeout  time.Duration     `yaml:"timeout"`  // 0 = Watch.Timeout
	Headers  map[string]string `yaml:"headers"`
	Tags     []string          `yaml:"tags"`
	// Rules limits which rules apply to this feed, by rule id or tag; empty means all.
	Rules []string `yaml:"rules"`
	// RealertOnTitleChange alerts again when an already seen story changes title.
	RealertOnTitleChange bool `yaml:"realert_on_title_change"`
	// AllowPrivate lets this feed reach private addresses (a feed on the
	// local network); see Watch.AllowPrivate.
	AllowPrivate bool `yaml:"allow_private"`
}

// List is a sanctions list imported as entities.
type List struct {
	Name     string   `yaml:"name"`
	Format   string   `yaml:"format"` // un-xml, ofac-csv, opensanctions-ftm, opensanctions-csv
	URL      string   `yaml:"url"`    // http(s) URL or local path
	Schedule string   `yaml:"schedule"`
	MaxDrop  float64  `yaml:"max_drop"` // refuse an import that shrinks the list by more than this share; 0 = no check
	Route    []string `yaml:"route"`    // destinations of list-change alerts; empty = routing.default
}

// Discord holds what all Discord destinations share.
type Discord struct {
	// APIBase, when set, sends every Discord request there (a REST proxy).
	// Unset, a webhook goes to its own URL's host and a bot to discord.com.
	APIBase   string `yaml:"api_base"`
	Token     Secret `yaml:"token"` // bot token, for channel destinations
	TokenFile string `yaml:"token_file"`
}

// Destination is one place alerts go. Name, severity, languages and
// digest apply to every type; what is particular to the type sits in its
// own block, and exactly one block is set: Discord or JSONWebhook.
type Destination struct {
	Name        string `yaml:"name"`
	MinSeverity string `yaml:"min_severity"` // alerts below it are not sent here
	// Languages, if set, limits the destination to stories detected in
	// these languages (ISO 639-1: ru, uk); none = every story.
	Languages []string `yaml:"languages"`
	Digest    Digest   `yaml:"digest"`
	// Discord posts to a Discord webhook or, as the bot, to a channel. Its
	// keys may also be written flat on the destination, the form older
	// configs use; the two forms together are an error.
	Discord DiscordDestination `yaml:"discord,flat"`
	// JSONWebhook, instead of Discord, POSTs every alert as JSON to a URL
	// of your own.
	JSONWebhook JSONWebhook `yaml:"json_webhook"`
}

// DiscordDestination is the Discord destination type: a webhook, or a
// channel the bot posts to.
type DiscordDestination struct {
	Webhook     Secret `yaml:"webhook"` // webhook URL
	WebhookFile string `yaml:"webhook_file"`
	ChannelID   string `yaml:"channel_id"` // posted to by the bot
	ThreadID    string `yaml:"thread_id"`
	Username    string `yaml:"username"`
	AvatarURL   string `yaml:"avatar_url"`
	MentionRole string `yaml:"mention_role"` // role id pinged from MentionFrom up
	MentionFrom string `yaml:"mention_from"`
	// Threads opens a thread on each event's post and posts the event's
	// later reports in it, instead of editing the post (bot channels).
	Threads bool `yaml:"threads"`
	// Forum says channel_id is a forum channel: each event is a post of
	// its own and its later reports are replies in it.
	Forum bool `yaml:"forum"`
}

// JSONWebhook is the generic JSON webhook destination type.
type JSONWebhook struct {
	URL     Secret            `yaml:"url"`     // may hold a token, so it is never shown
	Headers map[string]string `yaml:"headers"` // e.g. Authorization; values may use ${VARS}
}

// Digest gathers low-severity alerts into one periodic message.
type Digest struct {
	Below    string `yaml:"below"`    // severities below this go to the digest; "" = no digest
	Schedule string `yaml:"schedule"` // cron spec
}

// Routing decides which destinations get alerts that rules do not route.
type Routing struct {
	Default string `yaml:"default"` // destination of alerts whose rules name none; "" = every destination
	Admin   string `yaml:"admin"`   // destination of operator notices; "" = none
}

// Delivery holds the sender's policy.
type Delivery struct {
	MaxAge        time.Duration `yaml:"max_age"`        // give up retrying alerts older than this
	ShutdownGrace time.Duration `yaml:"shutdown_grace"` // time to flush on shutdown
	DedupWindow   time.Duration `yaml:"dedup_window"`   // same title from several feeds within this is one story
	// TranslateURL is a link template shown under alerts in another
	// language than English: {url}, {title} and {lang} are replaced by the
	// story's link, title and language, URL-escaped. "" = no link.
	TranslateURL string `yaml:"translate_url"`
}

// Events groups the alerts of one happening from several outlets.
type Events struct {
	Window time.Duration `yaml:"window"` // reports this far apart in publication time can be one event
	// EscalateAfter raises an event's severity by one and pings once when
	// this many outlets have reported it; 0 never escalates.
	EscalateAfter int `yaml:"escalate_after"`
	// Merge groups reports of one happening; false gives every alerted
	// story an event, and an alert, of its own: for desks that would
	// rather read each outlet than have one hidden by a wrong merge.
	Merge bool `yaml:"merge"`
}

// History keeps the text of seen stories so that rules can be run again
// over them (replay, and what a reload would have changed).
type History struct {
	TextCap   int64         `yaml:"text_cap"`  // bytes of title, summary and content kept per story; 0 keeps none
	Retention time.Duration `yaml:"retention"` // how long texts are kept; 0 keeps none
}

// Keeps reports whether story texts are kept at all.
func (h History) Keeps() bool { return h.TextCap > 0 && h.Retention > 0 }

// Interactions lets readers act on alerts from Discord: buttons on bot
// alerts and the /sanctionwatch command. Off while ApplicationID is empty.
type Interactions struct {
	ApplicationID string `yaml:"application_id"`
	// PublicKey is the application's Ed25519 key (hex), which signs
	// requests to the HTTP endpoint.
	PublicKey string `yaml:"public_key"`
	Listen    string `yaml:"listen"`   // HTTP interactions endpoint, host:port; "" = off
	Gateway   bool   `yaml:"gateway"`  // receive interactions over the Gateway with the bot token
	GuildID   string `yaml:"guild_id"` // register the command in this guild only; "" = globally
	// AdminRoles and AdminPermission say who may change anything (mute,
	// unmute): a member with any of the roles or with the permission.
	AdminRoles      []string `yaml:"admin_roles"`
	AdminPermission string   `yaml:"admin_permission"`
}

// Enabled reports whether interactions are configured.
func (i Interactions) Enabled() bool { return i.ApplicationID != "" }
