package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// CronParser is the one schedule dialect of every schedule in the config
// (feeds, lists, digests): five standard fields, an optional TZ= prefix,
// and descriptors such as @hourly and @every 10m.
var CronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses a schedule in that dialect. It refuses @every
// intervals under a second: the scheduler rounds them up to one second,
// so "@every 100ms" would silently poll ten times less often than written
// and still hammer the server.
func ParseSchedule(spec string) (cron.Schedule, error) {
	if d, ok := strings.CutPrefix(strings.TrimSpace(spec), "@every "); ok {
		every, err := time.ParseDuration(strings.TrimSpace(d))
		if err == nil && every < time.Second {
			return nil, fmt.Errorf("@every %s is under a second, the shortest interval the scheduler keeps", every)
		}
	}
	return CronParser.Parse(spec)
}
