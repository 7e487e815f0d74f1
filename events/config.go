package events

import (
	"fmt"
	"time"
)

// Config tunes grouping. DefaultConfig gives the values measured on the
// labelled sets (see README); a zero field is taken as written.
type Config struct {
	// Window is how far apart in publication time two reports of one
	// event may be.
	Window time.Duration
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
}

// DefaultConfig returns the measured defaults.
func DefaultConfig() Config {
	return Config{
		Window:         48 * time.Hour,
		WeaponLists:    []string{"weapons_strong", "weapons_weak", "drones", "munitions", "strategic_goods"},
		Threshold:      0.3,
		Anchors:        1,
		CrossThreshold: 0.5,
		CrossAnchors:   2,
	}
}

// Validate reports settings that cannot work.
func (c Config) Validate() error {
	switch {
	case c.Window <= 0:
		return fmt.Errorf("events window %v must be positive", c.Window)
	case c.Threshold <= 0 || c.Threshold > 1 || c.CrossThreshold <= 0 || c.CrossThreshold > 1:
		return fmt.Errorf("events thresholds %v and %v must be in (0, 1]", c.Threshold, c.CrossThreshold)
	}
	return nil
}

func (c *Config) inWindow(a, b time.Time) bool {
	d := a.Sub(b)
	return d <= c.Window && d >= -c.Window
}
