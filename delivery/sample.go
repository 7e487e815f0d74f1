package delivery

import (
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

// SampleAlert is a made-up alert showing every part of a message, for
// `send-test`.
func SampleAlert(dest string, now time.Time) story.Alert {
	m := story.Match{
		RuleID: "sample-arms-transfer", Title: "Sample: arms transfer", Severity: story.SeverityMedium,
		Hits: []story.Hit{
			{Term: "Example Republic", Source: story.SourceEntity, Name: "Example Republic", Detail: "sample entity", Field: story.FieldTitle},
			{Term: "2231", Source: story.SourceResolution, Name: "UNSCR 2231", Detail: "sample regime", Field: story.FieldSummary},
		},
		Snippet: "This is a test from sanctionwatch: a " + story.MarkOpen + "shipment of drones" + story.MarkClose +
			" to " + story.MarkOpen + "Example Republic" + story.MarkClose + ". No action is needed.",
	}
	return story.Alert{
		Destination: dest,
		Story: story.Story{FeedID: "sample", FeedName: "sanctionwatch send-test", Key: "sample",
			Link: "https://example.org/sanctionwatch-test", Title: "Test alert: sample shipment of drones", Published: now},
		Matches:  []story.Match{m},
		Severity: m.Severity,
		Queued:   now,
	}
}
