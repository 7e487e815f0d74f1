package app

import (
	"context"
	"fmt"
	"reflect"
	"sync"

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
}

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
	ls.run(p, func(l config.List) { a.importList(ctx, l) })
	ls.cron.Start()
	defer func() { <-ls.cron.Stop().Done() }()
	for {
		a.importNew(ctx)
		select {
		case <-ctx.Done():
			return nil
		case <-ls.due:
		}
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

// importNew imports the queued lists that were never imported.
func (a *App) importNew(ctx context.Context) {
	ls := a.listSched
	ls.mu.Lock()
	todo := ls.pending
	ls.pending = nil
	ls.mu.Unlock()
	for _, l := range todo {
		if _, ok, err := a.store.LastListImport(ctx, l.Name); err == nil && !ok {
			a.importList(ctx, l)
		}
	}
}
