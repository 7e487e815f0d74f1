package app

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/lease"
	"github.com/sanctionwatch/sanctionwatch/store"
)

// instance is this process among those sharing one state.
type instance struct {
	id, host string
	started  time.Time
	leases   *lease.Holder
}

func newInstance(st *store.Store, log *slog.Logger, now time.Time) instance {
	host := lease.Hostname()
	id := lease.NewID(host)
	return instance{id: id, host: host, started: now,
		leases: &lease.Holder{Store: st, Owner: id, Log: log.With(slog.String("instance", id))}}
}

// Leases for the jobs one instance at a time runs. Each is renewed while
// its job runs, so the ttl only says how soon a dead instance's job is
// taken over.
const (
	listsLease = "lists"
	pruneLease = "prune"
	jobLease   = 30 * time.Second
)

// beat tells the state this instance is alive until ctx ends, for status.
func (a *App) beat(ctx context.Context) error {
	lease.Beat(ctx, lease.BeatEvery, func(ctx context.Context) error {
		return a.store.Beat(ctx, store.Instance{ID: a.inst.id, Host: a.inst.host, Started: a.inst.started})
	}, a.log)
	return nil
}

// listenOutbox wakes the sender on every alert another instance queues,
// until ctx ends (on SQLite, where one instance is all there is, nothing
// comes). It returns once the store's listener has closed the channel,
// so no listener outlives Run.
func (a *App) listenOutbox(ctx context.Context) error {
	wakes, err := a.store.ListenOutbox(ctx)
	if err != nil {
		a.log.Warn("cannot listen for alerts queued elsewhere; the sender looks every few seconds instead",
			slog.Any("error", err))
		return nil
	}
	for range wakes {
		a.sender.Wake()
	}
	return nil
}

// listImports fingerprints which import of each configured list the store
// holds, so an instance can tell that another one imported a list and
// compile its rules with it too.
func (a *App) listImports(ctx context.Context, lists []config.List) (string, error) {
	imports, err := a.store.ListImports(ctx) // one read for every list
	if err != nil {
		return "", err
	}
	fetched := make(map[string]time.Time, len(imports))
	for _, st := range imports {
		fetched[st.List] = st.FetchedAt
	}
	var b strings.Builder
	for _, l := range lists {
		b.WriteString(l.Name)
		if at := fetched[l.Name]; !at.IsZero() {
			b.WriteString("@" + at.UTC().Format(time.RFC3339Nano))
		}
		b.WriteByte('\n')
	}
	return b.String(), nil
}

// noteLists records the list imports the rules about to be compiled read.
func (a *App) noteLists(ctx context.Context) (string, bool) {
	p, err := a.listImports(ctx, a.cfg.Load().Lists)
	if err != nil {
		a.log.Warn("read list imports", slog.Any("error", err))
		return "", false
	}
	return p, true
}

// followLists reloads when another instance imported a list since the
// rules were compiled: only the holder of the lists lease imports, and
// every instance must match with what it imported.
func (a *App) followLists(ctx context.Context) {
	p, ok := a.noteLists(ctx)
	if cur := a.listsPrint.Load(); !ok || (cur != nil && p == *cur) {
		return
	}
	a.log.Info("lists imported by another instance; compiling rules with them")
	a.Reload(ctx)
}

// importListsLeased imports batch under the lists lease. When another
// instance holds it, that one imports, and followLists picks its imports
// up; a second import of the same list by the next holder finds no change.
func (a *App) importListsLeased(ctx context.Context, batch []config.List) {
	if len(batch) == 0 {
		return
	}
	took, _ := a.inst.leases.Do(ctx, listsLease, jobLease, func(ctx context.Context) error {
		a.importLists(ctx, batch)
		return nil
	})
	if !took {
		a.log.Info("another instance is importing lists; their imports are followed",
			slog.Int("lists", len(batch)))
	}
}

// pruneLeased prunes under the prune lease; another instance pruning now
// does the same work.
func (a *App) pruneLeased(ctx context.Context) {
	a.inst.leases.Do(ctx, pruneLease, jobLease, func(ctx context.Context) error {
		a.prune(ctx)
		return nil
	})
}

// releaseLeases gives back what this instance holds once every poll and
// drain has stopped, so the other instances take its feeds and
// destinations at once instead of when the leases expire.
func (a *App) releaseLeases(ctx context.Context) {
	if err := a.inst.leases.ReleaseAll(ctx); err != nil {
		a.log.Warn("release leases; they expire instead", slog.Any("error", err))
	}
}
