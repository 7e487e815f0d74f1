package delivery

import (
	"fmt"
	"slices"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Terminal is the built-in destination used when no destination is
// configured: alerts are printed instead of posted.
const Terminal = "terminal"

// Router decides which destinations hear about a story.
type Router struct {
	order []string                  // destinations in config order
	min   map[string]story.Severity // minimum severity per destination
	langs map[string][]string       // languages per destination; none = all
	def   string
}

// NewRouter reads destinations and routing from cfg. With no destinations
// everything goes to Terminal. An unknown severity name is an error.
func NewRouter(cfg *config.Config) (*Router, error) {
	r := &Router{min: map[string]story.Severity{}, langs: map[string][]string{}}
	for _, d := range cfg.Destinations {
		min, err := parseSeverity(d.MinSeverity)
		if err != nil {
			return nil, fmt.Errorf("destination %q: min_severity: %w", d.Name, err)
		}
		r.order = append(r.order, d.Name)
		r.min[d.Name] = min
		r.langs[d.Name] = d.Languages
	}
	if len(r.order) == 0 {
		r.order = []string{Terminal}
		r.min[Terminal] = 0
	}
	r.def = cfg.Routing.Default
	if _, ok := r.min[r.def]; !ok && r.def != "" {
		if len(cfg.Destinations) > 0 {
			return nil, fmt.Errorf("routing.default names unknown destination %q", r.def)
		}
		r.def = "" // everything prints to the terminal anyway
	}
	return r, nil
}

// parseSeverity reads an optional severity name; "" is 0, below every alert.
func parseSeverity(name string) (story.Severity, error) {
	if name == "" {
		return 0, nil
	}
	s, ok := story.ParseSeverity(name)
	if !ok {
		return 0, fmt.Errorf("unknown severity %q", name)
	}
	return s, nil
}

// KnownDestination says whether name is a destination alerts can go to.
func (r *Router) KnownDestination(name string) bool {
	_, ok := r.min[name]
	return ok
}

// Route makes the alerts for one story: each match goes to those of its
// routes that exist, or to the default destination; all matches for one
// destination make one alert; a destination drops alerts below its minimum
// severity, and one limited to some languages drops stories in others.
// Alerts come in config order of destinations.
func (r *Router) Route(s story.Story, ms []story.Match) []story.Alert {
	byDest := map[string][]story.Match{}
	for _, m := range ms {
		for _, d := range r.targets(m) {
			byDest[d] = append(byDest[d], m)
		}
	}
	var out []story.Alert
	for _, d := range r.order {
		got := byDest[d]
		sev := story.MaxSeverity(got)
		if len(got) == 0 || sev < r.min[d] || !r.speaks(d, s.Lang) {
			continue
		}
		out = append(out, story.Alert{Destination: d, Story: s, Matches: got, Severity: sev})
	}
	return out
}

func (r *Router) targets(m story.Match) []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range m.Routes {
		if r.KnownDestination(d) && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		return r.Default()
	}
	return out
}

// Default returns where alerts go when their rule names no destination:
// routing.default, or every destination when it is "".
func (r *Router) Default() []string {
	if r.def == "" {
		return r.order
	}
	return []string{r.def}
}

// speaks reports whether destination d takes stories in language lang: a
// destination limited to some languages does not take a story whose
// language could not be told.
func (r *Router) speaks(d, lang string) bool {
	langs := r.langs[d]
	return len(langs) == 0 || slices.Contains(langs, lang)
}
