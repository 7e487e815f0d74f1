package store

import (
	"context"
	"testing"
	"time"
)

func TestFeedStateRoundTrip(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if _, ok, err := s.FeedState(ctx, "reuters"); err != nil || ok {
			t.Fatalf("unknown feed: ok=%v err=%v", ok, err)
		}
		at := time.Date(2026, 3, 1, 12, 0, 0, 123, time.FixedZone("x", 3600))
		want := FeedState{
			ID: "reuters", URL: "https://example.com/rss", ETag: `W/"abc"`, LastModified: "Sun, 01 Mar 2026 11:00:00 GMT",
			NextPoll: at.Add(10 * time.Minute), LastAttempt: at, LastSuccess: at.Add(-time.Hour),
			LastError: "fetch: 500", ConsecutiveFailures: 2, Failing: true,
			RetryAfter: at.Add(time.Hour), MinInterval: 30 * time.Minute, ListedSince: at.Add(-time.Minute),
			BodyDigest: "8:0123456789abcdef", BodyTTL: 0, // zero is a value too: the body had no ttl
		}
		if _, err := s.CommitPoll(ctx, Poll{Feed: want}); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.FeedState(ctx, "reuters")
		if err != nil || !ok {
			t.Fatalf("FeedState: ok=%v err=%v", ok, err)
		}
		if !feedEqual(got, want) {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
		want.Failing, want.ConsecutiveFailures, want.ETag = false, 0, ""
		want.BodyDigest, want.BodyTTL = "9:fedcba9876543210", time.Hour
		if _, err := s.CommitPoll(ctx, Poll{Feed: want}); err != nil {
			t.Fatal(err)
		}
		all, err := s.Feeds(ctx)
		if err != nil || len(all) != 1 || !feedEqual(all[0], want) {
			t.Fatalf("Feeds = %+v, %v; want one %+v", all, err, want)
		}
	})
}

func feedEqual(a, b FeedState) bool {
	times := [][2]time.Time{{a.NextPoll, b.NextPoll}, {a.LastAttempt, b.LastAttempt},
		{a.LastSuccess, b.LastSuccess}, {a.RetryAfter, b.RetryAfter}, {a.ListedSince, b.ListedSince}}
	for _, p := range times {
		if !p[0].Equal(p[1]) {
			return false
		}
	}
	a.NextPoll, a.LastAttempt, a.LastSuccess, a.RetryAfter = b.NextPoll, b.LastAttempt, b.LastSuccess, b.RetryAfter
	a.ListedSince = b.ListedSince
	return a == b
}
