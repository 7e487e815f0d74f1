package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func take(t *testing.T, s *Store, name, owner string, ttl time.Duration) bool {
	t.Helper()
	ok, err := s.TakeLease(context.Background(), name, owner, ttl)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestLeaseTakeRenewExpireRelease(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		if !take(t, s, "feed:a", "one", 10*time.Second) {
			t.Fatal("a free lease was refused")
		}
		if take(t, s, "feed:a", "two", 10*time.Second) {
			t.Fatal("a lease held by one was given to two")
		}
		if !take(t, s, "feed:b", "three", 10*time.Second) {
			t.Fatal("another name is another lease")
		}
		now = now.Add(9 * time.Second)
		if !take(t, s, "feed:a", "one", 10*time.Second) {
			t.Fatal("the owner could not renew")
		}
		now = now.Add(9 * time.Second) // 18 s after the take: alive only if renewed
		if take(t, s, "feed:a", "two", 10*time.Second) {
			t.Fatal("a renewed lease expired at its first expiry")
		}
		now = now.Add(time.Second) // exactly at expiry: free
		if !take(t, s, "feed:a", "two", 10*time.Second) {
			t.Fatal("an expired lease was not taken over")
		}
		if err := s.ReleaseLeases(ctx, "one"); err != nil {
			t.Fatal(err)
		}
		if take(t, s, "feed:a", "one", time.Second) {
			t.Fatal("a release by a former owner freed the new owner's lease")
		}
		if err := s.ReleaseLeases(ctx, "two"); err != nil {
			t.Fatal(err)
		}
		if !take(t, s, "feed:a", "one", time.Second) {
			t.Fatal("a released lease was not free")
		}
		got, err := s.Leases(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []Lease{{"feed:a", "one", now.Add(time.Second)}, {"feed:b", "three", now.Add(-9 * time.Second)}}
		if len(got) != len(want) {
			t.Fatalf("leases: got %v, want %v", got, want)
		}
		for i := range want {
			if got[i].Name != want[i].Name || got[i].Owner != want[i].Owner || !got[i].Expires.Equal(want[i].Expires) {
				t.Errorf("lease %d: got %+v, want %+v", i, got[i], want[i])
			}
		}
	})
}

func TestLeaseRefusesNonPositiveTTL(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		for _, ttl := range []time.Duration{0, -time.Second} {
			if ok, err := s.TakeLease(context.Background(), "x", "one", ttl); err == nil || ok {
				t.Errorf("ttl %v: ok=%v err=%v, want an error", ttl, ok, err)
			}
		}
	})
}

// Two handles on one file stand for two processes (one machine's SQLite
// allows only one daemon, but tools and tests open it beside it): however
// the takes interleave, one owner wins each round.
func TestLeaseOneWinnerAcrossHandles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	var handles []*Store
	for range 2 {
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		handles = append(handles, s)
	}
	oneWinnerEachRound(t, handles)
}

// oneWinnerEachRound has eight owners on handles take one lease at once,
// twenty times: each time exactly one must win.
func oneWinnerEachRound(t *testing.T, handles []*Store) {
	t.Helper()
	for round := range 20 {
		name := fmt.Sprintf("dest:alerts-%d", round)
		var won atomic.Int32
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				ok, err := handles[i%len(handles)].TakeLease(context.Background(), name, fmt.Sprintf("owner-%d", i), time.Minute)
				if err != nil {
					t.Error(err)
				}
				if ok {
					won.Add(1)
				}
			})
		}
		wg.Wait()
		if n := won.Load(); n != 1 {
			t.Fatalf("round %d: %d owners took one lease", round, n)
		}
	}
}

func TestBeatListsAndForgetsInstances(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
		s.SetClock(func() time.Time { return now })
		old := Instance{ID: "h1-10-aa", Host: "h1", Started: now.Add(-time.Hour)}
		if err := s.Beat(ctx, old); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
		young := Instance{ID: "h2-20-bb", Host: "h2", Started: now}
		if err := s.Beat(ctx, young); err != nil {
			t.Fatal(err)
		}
		got, err := s.Instances(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != old.ID || got[1].ID != young.ID {
			t.Fatalf("instances: got %+v, want the first started first", got)
		}
		if !got[0].Seen.Equal(now.Add(-time.Minute)) || !got[0].Started.Equal(old.Started) || got[0].Host != "h1" {
			t.Errorf("first instance: got %+v", got[0])
		}
		now = now.Add(forgetInstances) // h1 last beat a day and a minute ago
		if err := s.Beat(ctx, young); err != nil {
			t.Fatal(err)
		}
		got, err = s.Instances(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].ID != young.ID || !got[0].Seen.Equal(now) || !got[0].Started.Equal(young.Started) {
			t.Fatalf("after a day: got %+v, want only %s, seen now, started as first beat", got, young.ID)
		}
		if n, err := s.ForgetInstances(ctx); err != nil || n != 1 {
			t.Fatalf("ForgetInstances = %d, %v; want the one silent for a day dropped", n, err)
		}
	})
}

func TestClearLeasesFreesEveryLease(t *testing.T) {
	s := MustOpen(t)
	for _, name := range []string{"feed:a", "dest:alerts"} {
		if !take(t, s, name, "dead", time.Hour) {
			t.Fatal("a free lease was refused")
		}
	}
	if err := s.ClearLeases(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"feed:a", "dest:alerts"} {
		if !take(t, s, name, "alive", time.Hour) {
			t.Errorf("%s: still held after ClearLeases", name)
		}
	}
}

func TestReleaseLeasesGivesBackOnlyTheOwners(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, l := range []Lease{{Name: "feed:a", Owner: "one"}, {Name: "feed:b", Owner: "one"}, {Name: "dest:x", Owner: "two"}} {
			if ok, err := s.TakeLease(ctx, l.Name, l.Owner, time.Minute); err != nil || !ok {
				t.Fatalf("take %s: %v %v", l.Name, ok, err)
			}
		}
		if err := s.ReleaseLeases(ctx, "one"); err != nil {
			t.Fatal(err)
		}
		ls, err := s.Leases(ctx)
		if err != nil || len(ls) != 1 || ls[0].Name != "dest:x" || ls[0].Owner != "two" {
			t.Fatalf("leases after releasing one's = %+v (%v), want only two's dest:x", ls, err)
		}
	})
}
