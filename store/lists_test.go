package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/story"
)

func TestListImportRoundTrip(t *testing.T) {
	ctx := context.Background()
	eachStore(t, func(t *testing.T, s *Store) {
		if _, ok, err := s.LastListImport(ctx, "un"); err != nil || ok {
			t.Fatalf("empty store: ok %v, err %v", ok, err)
		}
		t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		imp := ListImport{List: "un", Format: "un-xml", Parties: []byte(`[{"id":"un:KPe.001"}]`),
			Entries: 1, Aliases: 4, FetchedAt: t0, ChangedAt: t0}
		alert := story.Alert{Destination: "desk", Severity: story.SeverityHigh,
			Story: story.Story{FeedID: "list:un", Key: "list-change:abc", Title: "UN 1718 list: 1 entity added"}}
		n, err := s.SaveListImport(ctx, imp, []story.Alert{alert})
		if err != nil || n != 1 {
			t.Fatalf("save: %d queued, err %v", n, err)
		}
		t1 := t0.Add(time.Hour)
		if err := s.RecordListFailure(ctx, "un", "un-xml", t1, errors.New("list shrank")); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.LastListImport(ctx, "un")
		if err != nil || !ok || string(got.Parties) != string(imp.Parties) || !got.FetchedAt.Equal(t0) || got.Entries != 1 {
			t.Fatalf("after a failure the last good import is %+v (ok %v, err %v), want %+v", got, ok, err, imp)
		}
		status, err := s.ListImports(ctx)
		if err != nil || len(status) != 1 {
			t.Fatalf("ListImports = %+v, %v", status, err)
		}
		if st := status[0]; st.LastError != "list shrank" || !st.CheckedAt.Equal(t1) || st.Aliases != 4 {
			t.Errorf("status %+v", st)
		}
		// Saving the same alert again (a replayed import) queues nothing new.
		if n, err := s.SaveListImport(ctx, imp, []story.Alert{alert}); err != nil || n != 0 {
			t.Errorf("replay: %d queued, err %v", n, err)
		}
	})
}

func TestListFailureBeforeFirstImport(t *testing.T) {
	ctx := context.Background()
	eachStore(t, func(t *testing.T, s *Store) {
		if err := s.RecordListFailure(ctx, "ofac", "ofac-csv", time.Now(), errors.New("404")); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := s.LastListImport(ctx, "ofac"); err != nil || ok {
			t.Errorf("a failed first fetch counts as an import: ok %v, err %v", ok, err)
		}
		status, err := s.ListImports(ctx)
		if err != nil || len(status) != 1 || status[0].LastError != "404" || !status[0].FetchedAt.IsZero() {
			t.Errorf("status %+v, err %v", status, err)
		}
	})
}
