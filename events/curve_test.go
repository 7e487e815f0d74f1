package events

import (
	"flag"
	"fmt"
	"testing"
	"time"
)

var curve = flag.Bool("curve", false, "log precision and recall of every labelled set over a grid of thresholds and half-lives")

// labelledSets are the grouping sets, all four of which the rule is fitted on.
var labelledSets = []string{"dev.yaml", "blind.yaml", "blind2.yaml", "blind3.yaml"}

// TestThresholdCurve logs, with -curve, the scores around the defaults, so
// that a threshold is chosen from the curve, not at a lucky point.
func TestThresholdCurve(t *testing.T) {
	if !*curve {
		t.Skip("run with -curve")
	}
	sets := map[string][]labelled{}
	for _, name := range labelledSets {
		sets[name] = loadSet(t, name)
	}
	for _, th := range []float64{0.14, 0.15, 0.16, 0.175, 0.19} {
		for _, cross := range []float64{0.16, 0.18, 0.20, 0.22} {
			for _, half := range []time.Duration{18 * time.Hour, 24 * time.Hour, 36 * time.Hour} {
				cfg := DefaultConfig()
				cfg.Threshold, cfg.CrossThreshold, cfg.HalfLife = th, cross, half
				line := fmt.Sprintf("threshold %.3f cross %.2f half-life %v:", th, cross, half)
				for _, name := range labelledSets {
					sc := score(sets[name], groupAll(t, cfg, sets[name]))
					line += fmt.Sprintf(" %s %.3f/%.3f/%.2f", name[:len(name)-5], sc.precision, sc.recall, sc.messages)
				}
				t.Log(line)
			}
		}
	}
}

// TestSignatureCurve logs, with -curve, the scores over the factor by which
// the action signature raises a pair's similarity.
func TestSignatureCurve(t *testing.T) {
	if !*curve {
		t.Skip("run with -curve")
	}
	defer func(f float64) { sameAction = f }(sameAction)
	for _, f := range []float64{1, 1.2, 1.3, 1.4, 1.5, 1.6} {
		sameAction = f
		line := fmt.Sprintf("signature x%.1f:", f)
		for _, name := range labelledSets {
			set := loadSet(t, name)
			sc := score(set, groupAll(t, DefaultConfig(), set))
			line += fmt.Sprintf(" %s %.3f/%.3f/%.2f", name[:len(name)-5], sc.precision, sc.recall, sc.messages)
		}
		t.Log(line)
	}
}
