package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// sinceFlag is a look-back period: a Go duration ("36h") or whole days
// ("30d"), the way retention is written in config.yaml.
type sinceFlag struct{ d time.Duration }

func (s *sinceFlag) String() string { return s.d.String() }

func (s *sinceFlag) Set(v string) error {
	if days, ok := strings.CutSuffix(v, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 {
			return fmt.Errorf("want whole days such as 30d or a duration such as 36h, got %q", v)
		}
		s.d = time.Duration(n) * 24 * time.Hour
		return nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return fmt.Errorf("want whole days such as 30d or a duration such as 36h, got %q", v)
	}
	s.d = d
	return nil
}
