package app

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// listParser reads list schedules as config validates them.
var listParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// listSchedule runs each sanctions list's import on its schedule. Like
// the feeds, a reload moves only the lists that changed: an unchanged list
// keeps its next run however often the config is edited.
type listSchedule struct {
	cron    *cron.Cron
	due     chan struct{} // lists were added or changed
	mu      sync.Mutex
	jobs    map[string]listJob
	job     func(config.List) // set once runLists runs
	pending []config.List     // added or changed, for runLists to import if new
	fired   []config.List     // due on their schedule, for runLists to import
}

// followEvery is how often an instance looks for lists another instance
// imported: a cheap read, and a new import changes rules within a minute.
const followEvery = time.Minute

// batchWait lets lists that fall due at the same moment (cron starts each
// entry on its own) gather into one batch, which compiles the rules once.
var batchWait = time.Second

type listJob struct {
	cfg   config.List
	entry cron.EntryID
}

// listPlan is a checked set of list schedules, ready to apply.
type listPlan struct {
	lists  []config.List
	parsed map[string]cron.Schedule
}

func newListSchedule() *listSchedule {
	return &listSchedule{cron: cron.New(cron.WithParser(listParser)), jobs: map[string]listJob{}, due: make(chan struct{}, 1)}
}

// prepare parses every schedule; on any error nothing is to change.
func prepareLists(lists []config.List) (*listPlan, error) {
	p := &listPlan{lists: lists, parsed: map[string]cron.Schedule{}}
	for _, l := range lists {
		s, err := listParser.Parse(l.Schedule)
		if err != nil {
			return nil, fmt.Errorf("list %s: schedule %q: %w", l.Name, l.Schedule, err)
		}
		p.parsed[l.Name] = s
	}
	return p, nil
}

// apply schedules p's lists with run as the job, and returns the lists
// that are new or changed (their import may be due at once).
func (ls *listSchedule) apply(p *listPlan, run func(config.List)) []config.List {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	want := map[string]config.List{}
	for _, l := range p.lists {
		want[l.Name] = l
	}
	for name, j := range ls.jobs {
		if l, ok := want[name]; !ok || !reflect.DeepEqual(l, j.cfg) {
			ls.cron.Remove(j.entry)
			delete(ls.jobs, name)
		}
	}
	var moved []config.List
	for _, l := range p.lists {
		if _, ok := ls.jobs[l.Name]; ok {
			continue
		}
		ls.jobs[l.Name] = listJob{cfg: l, entry: ls.cron.Schedule(p.parsed[l.Name], cron.FuncJob(func() { run(l) }))}
		moved = append(moved, l)
	}
	return moved
}

// runLists imports each configured sanctions list on its schedule, and at
// once if it was never imported (at start, or when a reload adds it). A
// changed list reloads the rules so its names are watched. It owns the
// list cron and every import it starts.
func (a *App) runLists(ctx context.Context) error {
	p, err := prepareLists(a.cfg.Load().Lists)
	if err != nil {
		return err
	}
	ls := a.listSched
	ls.run(p, ls.fire)
	ls.cron.Start()
	defer func() { <-ls.cron.Stop().Done() }()
	// Only a shared state has imports made elsewhere to follow; on SQLite
	// the file lock leaves this instance the only importer (a nil channel
	// never fires).
	var follow <-chan time.Time
	if a.store.Postgres() {
		t := time.NewTicker(followEvery)
		defer t.Stop()
		follow = t.C
	}
	for {
		a.importListsLeased(ctx, a.dueLists(ctx))
		select {
		case <-ctx.Done():
			return nil
		case <-follow:
			a.followLists(ctx)
			continue
		case <-ls.due:
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(batchWait):
		}
	}
}

// fire is every list's cron job: it queues the list for runLists, which
// imports what fell due together as one batch.
func (ls *listSchedule) fire(l config.List) {
	ls.mu.Lock()
	ls.fired = append(ls.fired, l)
	ls.mu.Unlock()
	select {
	case ls.due <- struct{}{}:
	default:
	}
}

// run applies p with job as every list's job, and queues the new or changed
// lists for importNew.
func (ls *listSchedule) run(p *listPlan, job func(config.List)) {
	moved := ls.apply(p, job)
	ls.mu.Lock()
	ls.job = job
	ls.pending = append(ls.pending, moved...)
	ls.mu.Unlock()
	select {
	case ls.due <- struct{}{}:
	default:
	}
}

// reschedule applies p from a reload; a no-op until runLists has started.
func (ls *listSchedule) reschedule(p *listPlan) {
	ls.mu.Lock()
	job := ls.job
	ls.mu.Unlock()
	if job != nil {
		ls.run(p, job)
	}
}

// dueLists takes the lists that fell due on their schedules and the added
// or changed lists that were never imported, each once.
func (a *App) dueLists(ctx context.Context) []config.List {
	ls := a.listSched
	ls.mu.Lock()
	fired, added := ls.fired, ls.pending
	ls.fired, ls.pending = nil, nil
	ls.mu.Unlock()
	var out []config.List
	seen := map[string]bool{}
	for _, l := range fired {
		if !seen[l.Name] {
			seen[l.Name] = true
			out = append(out, l)
		}
	}
	for _, l := range added {
		if seen[l.Name] {
			continue
		}
		if _, ok, err := a.store.LastListImport(ctx, l.Name); err == nil && !ok {
			seen[l.Name] = true
			out = append(out, l)
		}
	}
	return out
}
