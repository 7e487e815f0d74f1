package watchers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/feed"
	"github.com/sanctionwatch/sanctionwatch/lease"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Result is what one poll of one feed did.
type Result struct {
	NotModified bool
	Unchanged   bool // a 200 whose body reads as the one last read, not parsed again
	Items       int  // items in the document
	NewStories  int
	Alerts      int // outbox rows queued
}

// Summary totals a PollAll.
type Summary struct {
	Feeds       int
	Polled      int // fetched successfully, 304 included
	NotModified int
	Unchanged   int // 200s that read as the body last read
	Failed      int
	Skipped     int // in flight, or the publisher asked us to wait
	NewStories  int
	Alerts      int
}

// Poll polls one feed now, whatever its schedule, unless a poll of it is
// already in flight (ErrInFlight).
func (w *Watcher) Poll(ctx context.Context, name string) error {
	_, err := w.pollNamed(ctx, name, gateNone)
	return err
}

// gate says which feeds a poll request may skip.
type gate int

const (
	gateNone       gate = iota // poll now (an explicit request)
	gateRetryAfter             // skip feeds whose publisher asked us to wait
	gateDue                    // also skip feeds backing off or not yet due
)

// PollAll polls every feed once, concurrently within the limits, for the
// `once` command. Feeds whose publisher asked us to wait (Retry-After) are
// skipped. It fails only if no feed could be polled at all.
func (w *Watcher) PollAll(ctx context.Context) (Summary, error) {
	names := w.names()
	sum := Summary{Feeds: len(names)}
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Go(func() {
			res, err := w.pollNamed(ctx, name, gateRetryAfter)
			mu.Lock()
			defer mu.Unlock()
			sum.add(res, err)
			if err != nil && !errors.Is(err, errSkipped) && !errors.Is(err, ErrInFlight) {
				errs = append(errs, err)
			}
		})
	}
	wg.Wait()
	if sum.Polled == 0 && len(errs) > 0 {
		return sum, fmt.Errorf("no feed could be polled: %w", errors.Join(errs...))
	}
	return sum, nil
}

func (s *Summary) add(r Result, err error) {
	switch {
	case errors.Is(err, errSkipped), errors.Is(err, ErrInFlight):
		s.Skipped++
	case err != nil:
		s.Failed++
	default:
		s.Polled++
		s.NewStories += r.NewStories
		s.Alerts += r.Alerts
		if r.NotModified {
			s.NotModified++
		}
		if r.Unchanged {
			s.Unchanged++
		}
	}
}

func (w *Watcher) names() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.feedNamesLocked()
}

// feedNamesLocked lists the feeds, sorted; w.mu must be held.
func (w *Watcher) feedNamesLocked() []string {
	out := make([]string, 0, len(w.feeds))
	for n := range w.feeds {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// errSkipped marks a poll not made because the feed is not due.
var errSkipped = errors.New("not due")

// pollIfDue is the scheduled path: it skips feeds backing off or asked to
// wait, and feeds whose publisher hint lengthens the interval.
func (w *Watcher) pollIfDue(ctx context.Context, name string) error {
	_, err := w.pollNamed(ctx, name, gateDue)
	if errors.Is(err, errSkipped) {
		return nil
	}
	return err
}

// pollNamed polls a feed holding its busy token and a limiter slot, unless
// g lets it skip the feed. The state is read and the gate applied before
// a slot is taken, so a feed that is not due never holds one, and a feed
// that failed last time asks for a failing feed's slot.
func (w *Watcher) pollNamed(ctx context.Context, name string, g gate) (Result, error) {
	w.mu.Lock()
	f := w.feeds[name]
	if f != nil {
		w.inPoll.Add(1)
	}
	w.mu.Unlock()
	if f == nil {
		return Result{}, fmt.Errorf("poll %s: no such feed", name)
	}
	defer w.inPoll.Done()
	select {
	case f.busy <- struct{}{}:
		defer func() { <-f.busy }()
	default:
		w.opts.Metrics.poll(name, "skipped")
		return Result{}, fmt.Errorf("poll %s: %w", name, ErrInFlight)
	}
	set := w.settings()
	if w.opts.Leases == nil {
		return w.pollGated(ctx, set, f, g)
	}
	var res Result
	took, err := w.opts.Leases.Do(ctx, lease.FeedPrefix+name, leaseTTL(set, f), func(ctx context.Context) error {
		var err error
		res, err = w.pollGated(ctx, set, f, g)
		return err
	})
	if err == nil && !took {
		w.opts.Metrics.poll(f.cfg.Name, "skipped")
		return Result{}, fmt.Errorf("poll %s: %w", name, errLeased)
	}
	return res, err
}

// errLeased marks a poll not made because another instance holds the
// feed's lease: it is polling the feed now.
var errLeased = fmt.Errorf("%w: another instance is polling it", errSkipped)

// leaseMargin is what a feed's lease adds to the poll's timeout: time to
// parse, match and commit what was fetched. The lease is renewed while
// the poll runs, so this only bounds how long a dead instance's feed waits.
const leaseMargin = 15 * time.Second

func leaseTTL(set *settings, f *watched) time.Duration {
	return set.fetch.timeoutFor(f.cfg.Timeout) + leaseMargin
}

// pollGated reads the feed's state (under the feed's lease, if any, so it
// is what the last instance to poll the feed left), applies the gate and
// polls holding a limiter slot.
func (w *Watcher) pollGated(ctx context.Context, set *settings, f *watched, g gate) (Result, error) {
	state, err := w.loadState(ctx, f.cfg)
	if err != nil {
		return Result{}, err
	}
	if !w.allowed(g, f, state, w.opts.Now()) {
		w.opts.Metrics.poll(f.cfg.Name, "skipped")
		return Result{}, fmt.Errorf("poll %s: %w", f.cfg.Name, errSkipped)
	}
	release, err := set.limit.acquire(ctx, f.cfg.URL, state.ConsecutiveFailures > 0)
	if err != nil {
		return Result{}, fmt.Errorf("poll %s: %w", f.cfg.Name, err)
	}
	defer release()
	return w.poll(ctx, set, f, state)
}

// poll runs one poll: fetch, parse, find new stories, classify them and
// commit everything at once. A document the publisher says (304), or its
// bytes show, is the one last read is not parsed again.
func (w *Watcher) poll(ctx context.Context, set *settings, f *watched, state store.FeedState) (Result, error) {
	now := w.opts.Now()
	state.LastAttempt = now
	start := time.Now()
	last, known := parseDigest(state.BodyDigest)
	resp, err := set.fetch.Fetch(ctx, Request{Feed: f.cfg.Name, URL: f.cfg.URL, ETag: state.ETag,
		LastModified: state.LastModified, Headers: f.cfg.Headers, Timeout: f.cfg.Timeout,
		AllowPrivate: f.cfg.AllowPrivate, SizeHint: last.size})
	w.opts.Metrics.fetched(time.Since(start))
	if err != nil {
		return Result{}, w.failed(ctx, f, state, err)
	}
	if resp.NotModified {
		return w.sameDocument(ctx, f, state, resp, "not_modified")
	}
	sum := digestOf(resp)
	if known && sum.sameBytes(last) {
		return w.sameDocument(ctx, f, state, resp, "unchanged")
	}
	scanned := feed.Scan(resp.Body)
	sum.reading = scanned.Digest()
	if known && sum.sameReading(last) {
		// Keep these bytes' digest, so that the next poll that gets them
		// again matches on bytes without a scan, and asks for their size.
		state.BodyDigest = sum.String()
		return w.sameDocument(ctx, f, state, resp, "unchanged")
	}
	doc, err := f.reader.ParseScanned(feedSource(f, resp), scanned, now)
	if err != nil {
		return Result{}, w.failed(ctx, f, state, err)
	}
	return w.commit(ctx, set, f, state, resp, doc, sum)
}

func feedSource(f *watched, resp Response) feed.Source {
	return feed.Source{ID: f.cfg.Name, Name: f.cfg.Name, URL: resp.URL}
}

// loadState reads the feed's saved state; a feed never polled starts empty.
// A changed URL drops the validators, which belonged to the old one, and
// makes the next poll a first poll: the new document's items are its
// backlog, not news.
func (w *Watcher) loadState(ctx context.Context, cfg config.Feed) (store.FeedState, error) {
	state, ok, err := w.opts.Store.FeedState(ctx, cfg.Name)
	if err != nil {
		return state, fmt.Errorf("poll %s: %w", cfg.Name, err)
	}
	if !ok {
		state.ID = cfg.Name
	}
	if state.Added.IsZero() {
		state.Added = w.opts.Now() // saved with the first poll, failed or not
	}
	if state.URL != cfg.URL {
		if state.URL != "" {
			state.LastSuccess, state.Added = time.Time{}, w.opts.Now()
		}
		state.URL, state.ETag, state.LastModified, state.BodyDigest = cfg.URL, "", "", ""
	}
	return state, nil
}

// sameDocument records a poll that found the document last read: a 304,
// or a 200 that reads the same (see bodyDigest). Its items are the ones
// recorded, so nothing is parsed; validators a 200 sent are kept for the next request,
// and the document's ttl still holds. Its items' last_seen is not
// refreshed, so ListedSince stays as the last read set it.
func (w *Watcher) sameDocument(ctx context.Context, f *watched, state store.FeedState, resp Response, outcome string) (Result, error) {
	listed := state.ListedSince
	next := w.succeeded(f, state, resp, state.BodyTTL)
	next.ListedSince = listed
	if _, err := w.opts.Store.CommitPoll(ctx, store.Poll{Feed: next}); err != nil {
		return Result{}, fmt.Errorf("poll %s: %w", f.cfg.Name, err)
	}
	w.recovered(f, state, next)
	w.opts.Metrics.poll(f.cfg.Name, outcome)
	return Result{NotModified: resp.NotModified, Unchanged: !resp.NotModified}, nil
}

// commit classifies the new stories and writes the poll, with the digest
// of the document read. If the commit fails, nothing of it is kept, the
// digest included: the next poll reads the document again and sees the
// same stories as new.
func (w *Watcher) commit(ctx context.Context, set *settings, f *watched, state store.FeedState, resp Response, doc feed.Document, sum bodyDigest) (Result, error) {
	alerts, record, fresh, err := w.classify(ctx, set.watch.Backfill, f, state, doc)
	if err != nil {
		return Result{}, w.failed(ctx, f, state, err)
	}
	next := w.succeeded(f, state, resp, doc.TTL)
	next.BodyDigest, next.BodyTTL = sum.String(), doc.TTL
	var res store.PollResult
	write := func(as []story.Alert, reports []store.EventReport) error {
		var err error
		alerts = as
		res, err = w.opts.Store.CommitPoll(ctx, store.Poll{Feed: next, Stories: record, Alerts: as, Events: reports})
		return err
	}
	if w.opts.Events != nil && len(alerts) > 0 {
		err = w.opts.Events.File(ctx, alerts, write)
	} else {
		err = write(alerts, nil)
	}
	if err != nil {
		return Result{}, w.failed(ctx, f, state, fmt.Errorf("poll %s: %w", f.cfg.Name, err))
	}
	w.recovered(f, state, next)
	if res.AlertsQueued > 0 && w.opts.OnQueued != nil {
		w.opts.OnQueued(alerts)
	}
	w.opts.Metrics.poll(f.cfg.Name, "ok")
	w.opts.Metrics.items(f.cfg.Name, len(doc.Items), res.NewStories)
	if fresh > 0 {
		w.log.Info("new stories", "feed", f.cfg.Name, "new", fresh, "alerts", res.AlertsQueued)
	}
	return Result{Items: len(doc.Items), NewStories: res.NewStories, Alerts: res.AlertsQueued}, nil
}

// refreshAfter is how stale a known story's last_seen may get before a poll
// that still lists it refreshes it. Far below any sane retention, it spares
// rewriting every known item on every poll.
const refreshAfter = 24 * time.Hour

// classify finds which stories are new and asks Classify about them. On a
// feed's first successful poll the backlog is recorded without alerting,
// except stories published within the backfill window. A known story is
// classified again only when its title changed and the feed asks for it.
// Only a story to classify has its text read: known items and backlog are
// recognised by their identity alone (see feed.Document.Texts for the
// text of an item a Reader recalled). record is what the commit must
// write: new stories, and known ones whose title changed or whose
// last_seen is stale.
func (w *Watcher) classify(ctx context.Context, backfill time.Duration, f *watched, state store.FeedState, doc feed.Document) (alerts []story.Alert, record []story.Story, fresh int, err error) {
	items := doc.Items
	keys := make([]string, len(items))
	for i := range items {
		keys[i] = items[i].Key
	}
	seen, err := w.opts.Store.SeenKeys(ctx, f.cfg.Name, keys)
	if err != nil {
		return nil, nil, 0, err
	}
	now := w.opts.Now()
	first := state.LastSuccess.IsZero()
	var need []int // items to classify
	for i := range items {
		st := &items[i].Story
		prev, known := seen[st.Key]
		dated := !st.Published.IsZero()
		fillPublished(st, prev, known, now)
		retitled := known && st.Title != "" && st.Title != prev.Title
		if known && (retitled || now.Sub(prev.LastSeen) > refreshAfter) {
			record = append(record, *st)
		}
		if known && !(retitled && f.cfg.RealertOnTitleChange) {
			continue
		}
		if !known {
			fresh++
			record = append(record, *st)
		}
		if first && backlog(st, dated, state.Added, backfill, now) {
			continue
		}
		need = append(need, i)
	}
	stories, err := w.texts(doc, need)
	if mismatch, ok := errors.AsType[*feed.KeyMismatch](err); ok {
		// The recalled items disagree with the document: classify what a
		// whole parse finds in it, as a poll without recall does.
		w.log.Warn("recalled items disagree with the feed; classifying its whole parse",
			slog.String("feed", f.cfg.Name), slog.String("key", mismatch.Key))
		return w.classify(ctx, backfill, f, state, mismatch.Whole)
	}
	if err != nil {
		return nil, nil, 0, err
	}
	for k, i := range need {
		found := w.opts.Classify(f.cfg, stories[k])
		if _, known := seen[items[i].Key]; known {
			// A retitled story re-alerts under a key of its own, since the
			// outbox holds each story once per destination.
			for j := range found {
				found[j].Story.Key = retitledKey(items[i].Key, items[i].Title)
			}
		}
		alerts = append(alerts, found...)
	}
	return alerts, record, fresh, nil
}

// backlog says whether a story found by a feed's first successful poll
// was there before the feed was added: undated (its date is only when we
// first saw it, so nothing says it is recent, and backfill would alert a
// feed's whole undated archive), or dated before the feed's first try and
// not within the backfill window. A story dated after the feed was added
// is news, however late the first successful poll came.
func backlog(st *story.Story, dated bool, added time.Time, backfill time.Duration, now time.Time) bool {
	switch {
	case !dated:
		return true
	case !added.IsZero() && st.Published.After(added):
		return false
	}
	return backfill <= 0 || now.Sub(st.Published) > backfill
}

// fillPublished dates an undated story by when it was first seen.
func fillPublished(st *story.Story, prev store.SeenStory, known bool, now time.Time) {
	switch {
	case !st.Published.IsZero():
	case known && !prev.Published.IsZero():
		st.Published = prev.Published
	case known:
		st.Published = prev.FirstSeen
	default:
		st.Published = now.UTC()
	}
}

// retitledKey is the outbox key of a story alerted again under a new title.
func retitledKey(key, title string) string {
	sum := sha256.Sum256([]byte(title))
	return key + "#title:" + hex.EncodeToString(sum[:6])
}
