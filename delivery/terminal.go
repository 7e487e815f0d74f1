package delivery

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sanctionwatch/sanctionwatch/delivery/discord"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// ANSI escapes, used only when writing to a terminal.
const (
	ansiBold  = "\x1b[1m"
	ansiHit   = "\x1b[1;33m"
	ansiReset = "\x1b[0m"
)

// RenderTerminal writes a readable multi-line account of one alert: severity
// and title, link, source and time, the rules, entities and resolutions,
// and the best excerpt with hits [bracketed], or highlighted when color is on
// (pass true only when w is a terminal).
func RenderTerminal(w io.Writer, a story.Alert, reports []story.Report, color bool) error {
	var b strings.Builder
	head := fmt.Sprintf("[%s] %s", strings.ToUpper(a.Severity.String()), oneLine(a.Story.Title))
	if color {
		head = ansiBold + head + ansiReset
	}
	b.WriteString(head + "\n")
	line := func(label, v string) {
		if v != "" {
			fmt.Fprintf(&b, "  %-9s %s\n", label+":", v)
		}
	}
	line("link", a.Story.Link)
	line("source", orDefault(a.Story.FeedName, a.Story.FeedID))
	if !a.Story.Published.IsZero() {
		line("published", a.Story.Published.UTC().Format(time.RFC3339))
	}
	for _, m := range a.Matches {
		line("rule", fmt.Sprintf("%s · %s", m.Severity, orDefault(m.Title, m.RuleID)))
	}
	line("entities", strings.Join(hitNames(a.Matches, story.SourceEntity), "; "))
	line("unsc", strings.Join(hitNames(a.Matches, story.SourceResolution), "; "))
	if len(reports) > 1 {
		line("outlets", outletNames(reports))
	}
	if s := discord.BestExcerpt(a.Matches); s != "" {
		b.WriteString("  > " + markHits(oneLine(s), color) + "\n")
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func markHits(s string, color bool) string {
	open, close := "[", "]"
	if color {
		open, close = ansiHit, ansiReset
	}
	return strings.NewReplacer(story.MarkOpen, open, story.MarkClose, close).Replace(s)
}

func hitNames(ms []story.Match, kind story.SourceKind) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range ms {
		for _, h := range m.Hits {
			name := orDefault(h.Name, h.Term)
			if h.Source != kind || seen[name] {
				continue
			}
			seen[name] = true
			if h.Detail != "" {
				name += " (" + h.Detail + ")"
			}
			out = append(out, name)
		}
	}
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// TerminalNotifier prints messages instead of posting them: the built-in
// destination of a first run, and every destination under --dry-run.
type TerminalNotifier struct {
	W     io.Writer
	Color bool

	mu   sync.Mutex
	next int
}

// Post prints the alert and returns a local message id.
func (t *TerminalNotifier) Post(ctx context.Context, a story.Alert, _ string) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := RenderTerminal(t.W, a, nil, t.Color); err != nil {
		return "", fmt.Errorf("print alert: %w", err)
	}
	t.next++
	return "terminal-" + strconv.Itoa(t.next), nil
}

// Edit prints the one thing an edit adds: the newest report and how many
// outlets now carry the event.
func (t *TerminalNotifier) Edit(ctx context.Context, id string, a story.Alert, reports []story.Report) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(reports) == 0 {
		return nil
	}
	r := reports[0]
	_, err := fmt.Fprintf(t.W, "[reported by %d outlets] %s: %s\n  %s\n\n", story.Outlets(reports), r.Outlet, oneLine(r.Title), r.Link)
	return err
}

// Escalate prints one line: the event's new severity, its outlets and
// headline. A terminal pings nobody, so it needs no role to say it.
func (t *TerminalNotifier) Escalate(ctx context.Context, a story.Alert, outlets int, _ string) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, err := fmt.Fprintf(t.W, "[escalated] %s, reported by %d outlets: %s\n  %s\n\n", a.Severity, outlets, oneLine(a.Story.Title), a.Story.Link); err != nil {
		return "", fmt.Errorf("print escalation: %w", err)
	}
	t.next++
	return "terminal-" + strconv.Itoa(t.next), nil
}

// SplitDigest keeps a digest whole: a terminal has no message size limit.
func (t *TerminalNotifier) SplitDigest(alerts []story.Alert) []story.DigestPart {
	return []story.DigestPart{{Alerts: alerts, Part: 1, Parts: 1}}
}

// PostDigest prints every alert of p.
func (t *TerminalNotifier) PostDigest(ctx context.Context, p story.DigestPart, _ string) (string, int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, a := range p.Alerts {
		if err := RenderTerminal(t.W, a, nil, t.Color); err != nil {
			return "", 0, fmt.Errorf("print digest: %w", err)
		}
	}
	t.next++
	return "terminal-" + strconv.Itoa(t.next), len(p.Alerts), nil
}

// outletNames lists the outlets of an event, newest report first.
func outletNames(reports []story.Report) string {
	names := make([]string, len(reports))
	for i, r := range reports {
		names[i] = r.Outlet
	}
	return strings.Join(names, ", ")
}
