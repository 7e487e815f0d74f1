//go:build !unix

package rules_test

import "time"

// processCPU is not read outside Unix: the metric is left out there.
func processCPU() (time.Duration, bool) { return 0, false }
