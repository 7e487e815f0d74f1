package delivery

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

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
// and the snippets with hits [bracketed], or highlighted when color is on
// (pass true only when w is a terminal).
func RenderTerminal(w io.Writer, a story.Alert, alsoReported []string, color bool) error {
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
		line("rule", fmt.Sprintf("%s (%s, %s)", m.RuleID, orDefault(m.Title, m.RuleID), m.Severity))
	}
	line("entities", strings.Join(hitNames(a.Matches, story.SourceEntity), "; "))
	line("unsc", strings.Join(hitNames(a.Matches, story.SourceResolution), "; "))
	line("also in", strings.Join(alsoReported, ", "))
	for _, s := range snippets(a.Matches) {
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

func snippets(ms []story.Match) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range ms {
		if m.Snippet != "" && !seen[m.Snippet] {
			seen[m.Snippet] = true
			out = append(out, m.Snippet)
		}
	}
	return out
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

// Edit prints the one thing an edit adds: the other feeds that reported it.
func (t *TerminalNotifier) Edit(ctx context.Context, id string, a story.Alert, alsoReported []string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, err := fmt.Fprintf(t.W, "[also reported] %s: %s\n\n", oneLine(a.Story.Title), strings.Join(alsoReported, ", "))
	return err
}

// Digest prints every alert; a terminal has no message size limit.
func (t *TerminalNotifier) Digest(ctx context.Context, alerts []story.Alert) (string, int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, a := range alerts {
		if err := RenderTerminal(t.W, a, nil, t.Color); err != nil {
			return "", 0, fmt.Errorf("print digest: %w", err)
		}
	}
	t.next++
	return "terminal-" + strconv.Itoa(t.next), len(alerts), nil
}
