package story

import (
	"fmt"
	"time"
)

// Severity orders how urgent an alert is. The zero value is invalid so that a
// forgotten severity is caught at load time rather than treated as "info".
type Severity int

// Severities from least to most urgent.
const (
	SeverityInfo Severity = iota + 1
	SeverityLow
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = [...]string{"", "info", "low", "medium", "high", "critical"}

func (s Severity) String() string {
	if s < SeverityInfo || s > SeverityCritical {
		return "unknown"
	}
	return severityNames[s]
}

// ParseSeverity turns "high" into SeverityHigh; ok is false for unknown names.
func ParseSeverity(name string) (Severity, bool) {
	for i, n := range severityNames {
		if i > 0 && n == name {
			return Severity(i), true
		}
	}
	return 0, false
}

// MarshalText writes the severity by name, for JSON and YAML.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Source says where a hit came from.
type SourceKind string

// The kinds of source a hit can have.
const (
	SourceTerm       SourceKind = "term"       // a word or phrase written in the query
	SourceList       SourceKind = "list"       // a named term list ($munitions)
	SourceEntity     SourceKind = "entity"     // an entity alias (@dprk)
	SourceResolution SourceKind = "resolution" // a UN Security Council resolution
	SourceRegex      SourceKind = "regex"      // a bounded regular expression
)

// Hit is one piece of evidence: a term found at a place in a story.
type Hit struct {
	Term   string     `json:"term"`           // the term as written in the rule or alias
	Source SourceKind `json:"source"`         // what kind of reference found it
	Ref    string     `json:"ref,omitempty"`  // list, entity id or resolution number
	Name   string     `json:"name,omitempty"` // display name: entity name, regime name
	Field  Field      `json:"field"`          // where in the story
	Start  int        `json:"start"`          // byte offsets into Story.Text(Field)
	End    int        `json:"end"`
	Text   string     `json:"text"`             // the original text at [Start, End)
	Detail string     `json:"detail,omitempty"` // e.g. regime, list programme, reference id
}

// Match is one rule that fired on a story, with the evidence for it.
type Match struct {
	RuleID   string   `json:"rule"`
	Title    string   `json:"title,omitempty"`
	Severity Severity `json:"severity"`
	Routes   []string `json:"route,omitempty"`
	Tags     []string `json:"tags,omitempty"`
	Hits     []Hit    `json:"hits"`
	// Snippet is a short excerpt of the story with each hit between MarkOpen
	// and MarkClose.
	// Renderers replace the marks with their own emphasis.
	Snippet string `json:"snippet,omitempty"`
}

// Snippet marks: renderers turn these into bold, color or the like. They are
// characters that normalised feed text never contains.
const (
	MarkOpen  = "\u0002"
	MarkClose = "\u0003"
)

// Alert is what one destination is told about one story.
type Alert struct {
	// ID is the alert's outbox row, 0 until it is queued; renderers put it
	// in what readers click, so a click finds its alert.
	ID          int64     `json:"-"`
	Kind        Kind      `json:"kind,omitempty"`
	Destination string    `json:"destination"`
	Story       Story     `json:"story"`
	Matches     []Match   `json:"matches"`
	Severity    Severity  `json:"severity"` // the highest severity among Matches
	Queued      time.Time `json:"queued"`
	// Event is the id of the event the story was filed in: the same
	// happening told by other outlets has the same id.
	Event string `json:"event,omitempty"`
	// Muted says why a mute silenced the alert ("" = not muted): it is
	// recorded, so it can be shown, but not sent.
	Muted string `json:"muted,omitempty"`
}

// Kind tells a story alert from an operator notice. Destinations render
// them differently: a notice never pings and is never merged with stories.
type Kind string

const (
	KindStory  Kind = ""       // an alert about a news story
	KindNotice Kind = "notice" // feed failing, list refused, reload refused
)

// IsNotice reports whether a is an operator notice. Notices queued before
// Kind existed carry the feed id "sanctionwatch".
func (a Alert) IsNotice() bool { return a.Kind == KindNotice || a.Story.FeedID == "sanctionwatch" }

// MaxSeverity returns the highest severity of ms, or 0 if ms is empty.
func MaxSeverity(ms []Match) Severity {
	var max Severity
	for _, m := range ms {
		if m.Severity > max {
			max = m.Severity
		}
	}
	return max
}

// UnmarshalText reads a severity by name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, ok := ParseSeverity(string(b))
	if !ok {
		return fmt.Errorf("unknown severity %q", b)
	}
	*s = v
	return nil
}
