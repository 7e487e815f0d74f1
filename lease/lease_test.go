package lease_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/lease"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/store/storetest"
)

func holders(t *testing.T) (*store.Store, *lease.Holder, *lease.Holder) {
	st := storetest.Open(t)
	return st, &lease.Holder{Store: st, Owner: "one"}, &lease.Holder{Store: st, Owner: "two"}
}

func TestDoRunsOnlyUnderTheLeaseKeepsItAndReleasesAll(t *testing.T) {
	st, one, two := holders(t)
	ctx := context.Background()
	var ranTwo bool
	ran, err := one.Do(ctx, "feed:a", time.Minute, func(ctx context.Context) error {
		ok, err := two.Do(ctx, "feed:a", time.Minute, func(context.Context) error { ranTwo = true; return nil })
		if ok || err != nil {
			t.Errorf("second holder: ran=%v err=%v, want refused while the first holds it", ok, err)
		}
		return errors.New("work failed")
	})
	if !ran || err == nil || err.Error() != "work failed" || ranTwo {
		t.Fatalf("Do: ran=%v err=%v ranTwo=%v", ran, err, ranTwo)
	}
	if ran, _ := two.Do(ctx, "feed:a", time.Minute, func(context.Context) error { return nil }); ran {
		t.Fatal("the lease was not kept for its holder's next round")
	}
	if ran, _ := one.Do(ctx, "feed:a", time.Minute, func(context.Context) error { return nil }); !ran {
		t.Fatal("the holder could not run again under its own lease")
	}
	if err := one.ReleaseAll(ctx); err != nil {
		t.Fatal(err)
	}
	ls, err := st.Leases(ctx)
	if err != nil || len(ls) != 0 {
		t.Fatalf("after ReleaseAll: leases %v (err %v), want none held", ls, err)
	}
	if ran, _ := two.Do(ctx, "feed:a", time.Minute, func(context.Context) error { return nil }); !ran {
		t.Fatal("a released lease was not taken by the next holder")
	}
}

// waitFor polls cond until it holds or ten seconds pass; the work it
// waits for happens on the lease's renewal ticker.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("gave up waiting for %s", what)
}

func expiry(t *testing.T, st *store.Store) time.Time {
	ls, err := st.Leases(context.Background())
	if err != nil || len(ls) != 1 {
		t.Fatalf("leases %v (err %v), want one", ls, err)
	}
	return ls[0].Expires
}

func TestDoRenewsWhileWorking(t *testing.T) {
	st, one, two := holders(t)
	ctx := context.Background()
	one.Do(ctx, "dest:alerts", 300*time.Millisecond, func(ctx context.Context) error {
		first := expiry(t, st)
		waitFor(t, "a renewal", func() bool { return expiry(t, st).After(first) })
		waitFor(t, "a second renewal past the first expiry", func() bool {
			return expiry(t, st).After(first.Add(200 * time.Millisecond))
		})
		if ok, err := st.TakeLease(ctx, "dest:alerts", two.Owner, time.Minute); ok || err != nil {
			t.Errorf("renewed lease taken by another: ok=%v err=%v", ok, err)
		}
		if ctx.Err() != nil {
			t.Errorf("work ended while the lease was held: %v", context.Cause(ctx))
		}
		return nil
	})
}

func TestDoEndsWorkWhenTheLeaseIsLost(t *testing.T) {
	st, one, two := holders(t)
	ctx := context.Background()
	var cause error
	one.Do(ctx, "lists", 300*time.Millisecond, func(wctx context.Context) error {
		// Another instance took over, as after a pause longer than the ttl
		// or a stop that gave the lease back while the work still ran.
		if err := st.ReleaseLeases(ctx, one.Owner); err != nil {
			t.Fatal(err)
		}
		if ok, err := st.TakeLease(ctx, "lists", two.Owner, time.Minute); !ok || err != nil {
			t.Fatalf("take over: ok=%v err=%v", ok, err)
		}
		select {
		case <-wctx.Done():
			cause = context.Cause(wctx)
		case <-time.After(10 * time.Second):
		}
		return nil
	})
	if !errors.Is(cause, lease.ErrLost) {
		t.Fatalf("work context ended with %v, want ErrLost", cause)
	}
	if err := one.ReleaseAll(ctx); err != nil {
		t.Fatal(err)
	}
	ls, err := st.Leases(ctx)
	if err != nil || len(ls) != 1 || ls[0].Owner != two.Owner {
		t.Fatalf("leases %v (err %v): the loser's release must leave the new owner's lease", ls, err)
	}
}

func TestNewIDNamesHostAndDiffers(t *testing.T) {
	a, b := lease.NewID("h1"), lease.NewID("h1")
	if a == b || !strings.HasPrefix(a, "h1-") {
		t.Fatalf("ids %q and %q: want distinct ids starting with the host", a, b)
	}
}
