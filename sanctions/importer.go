package sanctions

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/store"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// Result is what one import of a list did.
type Result struct {
	List             string
	Entries, Aliases int
	First            bool    // no earlier good import: recorded without alerts
	Changes          Changes // compared with the last good import
	Queued           int     // alerts new to the outbox
	// Parties are those imported, so that a caller can build on them
	// without decoding them back from the store.
	Parties []Party
}

// Importer fetches lists and keeps their last good import in the store. The
// app calls Import on each list's schedule.
type Importer struct {
	Store  *store.Store
	Client *http.Client
	Log    *slog.Logger
	// AdminRoute, if set, is told when an import is refused by Guard.
	AdminRoute string
	Now        func() time.Time // nil means time.Now
}

// Import runs one import with no admin route and the default clock; see
// Importer.Import.
func Import(ctx context.Context, st *store.Store, src config.List, client *http.Client) (Result, error) {
	im := Importer{Store: st, Client: client, Log: slog.New(slog.DiscardHandler)}
	return im.Import(ctx, src)
}

// Import fetches and parses src, refuses it if Guard does (keeping the last
// good import), diffs it against the last good import, and saves it with
// its change alerts in one transaction. The first import of a list is
// recorded without alerts. Failures are recorded for the lists command and
// returned; a refusal is a *ShrinkError or ErrEmpty.
func (im *Importer) Import(ctx context.Context, src config.List) (Result, error) {
	now := im.now()
	res, err := im.run(ctx, src, now)
	if err != nil {
		if rerr := im.Store.RecordListFailure(ctx, src.Name, src.Format, now, err); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return res, err
	}
	im.logger().Info("list imported", slog.String("list", src.Name), slog.Int("entries", res.Entries),
		slog.Int("added", len(res.Changes.Added)), slog.Int("removed", len(res.Changes.Removed)),
		slog.Int("changed", len(res.Changes.Changed)), slog.Int("alerts", res.Queued))
	return res, nil
}

func (im *Importer) run(ctx context.Context, src config.List, now time.Time) (Result, error) {
	res := Result{List: src.Name}
	parties, err := Load(ctx, src, im.Client)
	if err != nil {
		return res, err
	}
	res.Entries, res.Aliases, res.Parties = len(parties), AliasCount(parties), parties
	old, first, err := im.last(ctx, src.Name)
	if err != nil {
		return res, err
	}
	res.First = first
	if err := Guard(old, parties, src.MaxDrop); err != nil {
		return res, im.refuse(ctx, src, err, now)
	}
	res.Changes = Diff(old, parties)
	var alerts []story.Alert
	if !first {
		alerts = ChangeAlerts(src, res.Changes, now)
	}
	res.Queued, err = im.save(ctx, src, parties, res, now, alerts)
	return res, err
}

// last decodes the last good import; first is true when there is none.
func (im *Importer) last(ctx context.Context, list string) (parties []Party, first bool, err error) {
	imp, ok, err := im.Store.LastListImport(ctx, list)
	if err != nil || !ok {
		return nil, true, err
	}
	if err := json.Unmarshal(imp.Parties, &parties); err != nil {
		return nil, false, fmt.Errorf("decode last import of %s: %w", list, err)
	}
	return parties, false, nil
}

func (im *Importer) save(ctx context.Context, src config.List, parties []Party, res Result, now time.Time, alerts []story.Alert) (int, error) {
	blob, err := json.Marshal(parties)
	if err != nil {
		return 0, fmt.Errorf("encode list %s: %w", src.Name, err)
	}
	imp := store.ListImport{List: src.Name, Format: src.Format, Parties: blob,
		Entries: res.Entries, Aliases: res.Aliases, FetchedAt: now, ChangedAt: now}
	if !res.First && res.Changes.Empty() {
		prev, _, err := im.Store.LastListImport(ctx, src.Name)
		if err != nil {
			return 0, err
		}
		imp.ChangedAt = prev.ChangedAt
	}
	return im.Store.SaveListImport(ctx, imp, alerts)
}

// refuse tells the admin route, if any, that an import was refused. The
// alert's key is the list and the reason, so the same broken download seen
// on every schedule is reported once.
func (im *Importer) refuse(ctx context.Context, src config.List, reason error, now time.Time) error {
	im.logger().Warn("list import refused", slog.String("list", src.Name), slog.Any("error", reason))
	if im.AdminRoute == "" {
		return reason
	}
	sum := sha256.Sum256([]byte(src.Name + "\x00" + reason.Error()))
	title := fmt.Sprintf("%s list: import refused, keeping the last good one", src.Name)
	st := story.Story{FeedID: "list:" + src.Name, FeedName: src.Name, Key: "list-refused:" + hex.EncodeToString(sum[:12]),
		Title: title, Summary: reason.Error(), Published: now}
	m := story.Match{RuleID: "list-refused:" + src.Name, Title: title, Severity: story.SeverityHigh, Routes: []string{im.AdminRoute}}
	a := story.Alert{Kind: story.KindNotice, Destination: im.AdminRoute, Story: st, Matches: []story.Match{m}, Severity: m.Severity, Queued: now}
	if _, err := im.Store.EnqueueAlerts(ctx, []story.Alert{a}); err != nil {
		return errors.Join(reason, err)
	}
	return reason
}

func (im *Importer) now() time.Time {
	if im.Now != nil {
		return im.Now()
	}
	return time.Now()
}

func (im *Importer) logger() *slog.Logger {
	if im.Log != nil {
		return im.Log
	}
	return slog.New(slog.DiscardHandler)
}

// DiffFiles parses two local list files and compares them: what an
// import of newPath after oldPath would report. An empty format is
// detected from each file's first bytes; both must be the same format.
func DiffFiles(ctx context.Context, format, oldPath, newPath string) (Changes, error) {
	if format == "" {
		a, err := detectFile(oldPath)
		if err != nil {
			return Changes{}, err
		}
		b, err := detectFile(newPath)
		if err != nil {
			return Changes{}, err
		}
		if a != b {
			return Changes{}, fmt.Errorf("%s is %s but %s is %s: compare two files of one list", oldPath, a, newPath, b)
		}
		format = a
	}
	old, err := loadForDiff(ctx, format, oldPath)
	if err != nil {
		return Changes{}, err
	}
	new, err := loadForDiff(ctx, format, newPath)
	if err != nil {
		return Changes{}, err
	}
	return Diff(old, new), nil
}
