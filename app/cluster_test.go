package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// A list imported by another instance on the same state reaches this
// instance's rules at its next look, and a look that finds nothing new
// compiles nothing.
func TestFollowListsImportedElsewhere(t *testing.T) {
	var log syncBuffer
	a := listsApp(t, &log, [][3]string{{"un", "un-xml", fixture(t, "un/v1.xml")}})
	defer a.Close()
	ctx := context.Background()
	a.followLists(ctx)
	if n := strings.Count(log.String(), "msg=reloaded"); n != 0 {
		t.Fatalf("%d reloads with no import anywhere, want none", n)
	}
	other, err := store.Open(ctx, filepath.Join(filepath.Dir(a.cfg.Load().Path), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	im := *a.lists
	im.Store = other
	if _, err := im.Import(ctx, a.cfg.Load().Lists[0]); err != nil {
		t.Fatal(err)
	}
	listed := &story.Story{Title: "Ri Chang-ho arrives"}
	if res := a.rules.Load().Match(listed); len(res) != 0 {
		t.Fatalf("rules fired before following the import: %v", res)
	}
	a.followLists(ctx)
	if res := a.rules.Load().Match(listed); len(res) != 1 || res[0].RuleID != "listed-un" {
		t.Fatalf("after following: rules fired %v, want listed-un", res)
	}
	a.followLists(ctx)
	if n := strings.Count(log.String(), "msg=reloaded"); n != 1 {
		t.Fatalf("%d reloads for one import elsewhere, want 1", n)
	}
}

// While another instance holds the lists lease, this one imports nothing.
func TestListImportWaitsForTheLease(t *testing.T) {
	var log syncBuffer
	a := listsApp(t, &log, [][3]string{{"un", "un-xml", fixture(t, "un/v1.xml")}})
	defer a.Close()
	ctx := context.Background()
	if ok, err := a.store.TakeLease(ctx, listsLease, "other-instance", time.Minute); !ok || err != nil {
		t.Fatalf("take lease: ok=%v err=%v", ok, err)
	}
	a.importListsLeased(ctx, a.cfg.Load().Lists)
	if _, ok, err := a.store.ListFetchedAt(ctx, "un"); ok || err != nil {
		t.Fatalf("imported under another's lease: ok=%v err=%v", ok, err)
	}
	if err := a.store.ReleaseLeases(ctx, "other-instance"); err != nil { // its clean stop
		t.Fatal(err)
	}
	a.importListsLeased(ctx, a.cfg.Load().Lists)
	if _, ok, err := a.store.ListFetchedAt(ctx, "un"); !ok || err != nil {
		t.Fatalf("not imported once the lease was free: ok=%v err=%v", ok, err)
	}
}

// A running daemon beats and holds its feed's lease; a clean stop gives
// the lease back, so another instance need not wait for it to expire.
func TestRunBeatsHoldsAndReleases(t *testing.T) {
	d := newDaemon(t)
	stop, a := d.startApp(t)
	ctx := context.Background()
	held := func() bool {
		ls, err := a.store.Leases(ctx)
		return err == nil && slices.ContainsFunc(ls, func(l store.Lease) bool {
			return l.Name == "feed:wire" && l.Owner == a.inst.id
		})
	}
	waitFor(t, "the feed's lease held by this instance", held)
	waitFor(t, "a beat", func() bool {
		ins, err := a.store.Instances(ctx)
		return err == nil && len(ins) == 1 && ins[0].ID == a.inst.id && ins[0].Host == a.inst.host
	})
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	st, err := store.OpenReadOnly(ctx, filepath.Join(d.dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if ls, err := st.Leases(ctx); err != nil || len(ls) != 0 {
		t.Fatalf("after a clean stop: leases %v (err %v), want none", ls, err)
	}
}
