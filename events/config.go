package events

import (
	"fmt"
	"math"
	"time"
)

// Config tunes grouping. DefaultConfig gives the values measured on the
// labelled sets (see docs/events.md); a zero field is taken as written.
type Config struct {
	// Window is how far apart in publication time two reports of one
	// event may be.
	Window time.Duration
	// HalfLife halves the similarity of two reports per this much time
	// between them: outlets report a happening within hours, and a
	// look-alike a day later is more often the next launch or package.
	HalfLife time.Duration
	// Grace is how far apart two reports may be before the half-life
	// starts: wires and papers publish one happening within the same hour
	// or two, and a look-alike (the next launch, the next package) is
	// rarely that close.
	Grace time.Duration
	// WeaponLists names the rule lists whose terms are weapons.
	WeaponLists []string
	// Threshold is the cosine two reports in one language need, with at
	// least Anchors shared pieces of specific evidence.
	Threshold float64
	Anchors   int
	// CrossThreshold and CrossAnchors apply to reports in different
	// languages, compared on language-free features only.
	CrossThreshold float64
	CrossAnchors   int
	// Apart opens an event for every report: grouping turned off.
	Apart bool
}

// DefaultConfig returns the measured defaults.
func DefaultConfig() Config {
	return Config{
		Window:         48 * time.Hour,
		HalfLife:       24 * time.Hour,
		Grace:          90 * time.Minute,
		WeaponLists:    []string{"weapons_strong", "weapons_weak", "drones", "munitions", "strategic_goods"},
		Threshold:      0.175,
		Anchors:        1,
		CrossThreshold: 0.20,
		CrossAnchors:   1,
	}
}

// Validate reports settings that cannot work.
func (c Config) Validate() error {
	switch {
	case c.Window <= 0 || c.HalfLife <= 0:
		return fmt.Errorf("events window %v and half-life %v must be positive", c.Window, c.HalfLife)
	case c.Grace < 0:
		return fmt.Errorf("events grace %v must not be negative", c.Grace)
	case c.Threshold <= 0 || c.Threshold > 1 || c.CrossThreshold <= 0 || c.CrossThreshold > 1:
		return fmt.Errorf("events thresholds %v and %v must be in (0, 1]", c.Threshold, c.CrossThreshold)
	}
	return nil
}

// decay is the factor by which the similarity of two reports d apart is
// multiplied: 1 within the grace, then halved every half-life.
func (c *Config) decay(d time.Duration) float64 {
	if d < 0 {
		d = -d
	}
	d = max(0, d-c.Grace)
	return math.Exp2(-d.Hours() / c.HalfLife.Hours())
}

func (c *Config) inWindow(a, b time.Time) bool {
	d := a.Sub(b)
	return d <= c.Window && d >= -c.Window
}
