package watchers

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
	"github.com/sanctionwatch/sanctionwatch/feed"
	"github.com/sanctionwatch/sanctionwatch/story"
)

// mismatchRun is what the user gets from a run of polls: per poll, the
// titles classified with their text, and in the end the outbox.
type mismatchRun struct {
	classed  [][]string
	outbox   []string
	log      string
	disputed int // Texts calls made to find a disagreement
}

// pollMismatches polls a feed through steps of documents, the store
// forgetting a key before a step where one is given. When disagree is
// set, every Texts call that needs a recalled item answers as when the
// Reader's items disagree with the document: a *feed.KeyMismatch holding
// the whole parse of the document served.
func pollMismatches(t *testing.T, disagree bool, steps [][2]string) mismatchRun {
	t.Helper()
	srv := &bareServer{}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	h := newHarness(t, config.Watch{}, config.Feed{Name: "wire", URL: hs.URL})
	var logs bytes.Buffer // read once PollAll has joined its polls
	h.w.log = slog.New(slog.NewTextHandler(&logs, nil))
	var run mismatchRun
	if disagree {
		h.w.texts = func(doc feed.Document, need []int) ([]story.Story, error) {
			for _, i := range need {
				if doc.Items[i].Brief() {
					run.disputed++
					srv.mu.Lock()
					body := srv.body
					srv.mu.Unlock()
					whole, err := feed.Parse(feed.Source{ID: "wire", Name: "wire", URL: hs.URL}, []byte(body), h.now)
					if err != nil {
						// A poll's goroutine, not the test's: fail the
						// poll, which the test then reports.
						t.Errorf("parse the served document: %v", err)
						return nil, err
					}
					return nil, &feed.KeyMismatch{Feed: "wire", Key: doc.Items[i].Key, Whole: whole}
				}
			}
			return doc.Texts(need)
		}
	}
	ctx := context.Background()
	for _, step := range steps {
		srv.mu.Lock()
		srv.body = step[0]
		srv.mu.Unlock()
		if step[1] != "" {
			if _, err := h.st.DB().Exec(`DELETE FROM stories WHERE key = ?`, step[1]); err != nil {
				t.Fatal(err)
			}
		}
		h.mu.Lock()
		h.classed, h.texts = nil, nil
		h.mu.Unlock()
		if sum, err := h.w.PollAll(ctx); err != nil || sum.Failed != 0 {
			t.Fatalf("poll: %+v, %v", sum, err)
		}
		h.mu.Lock()
		var got []string
		for i, title := range h.classed {
			got = append(got, title+": "+h.texts[i])
		}
		run.classed = append(run.classed, got)
		h.mu.Unlock()
	}
	rows, err := h.st.DB().Query(`SELECT feed_id, story_key, destination FROM outbox ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var f, k, d string
		if err := rows.Scan(&f, &k, &d); err != nil {
			t.Fatal(err)
		}
		run.outbox = append(run.outbox, fmt.Sprintf("%s %s -> %s", f, k, d))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	run.log = logs.String()
	return run
}

// When a Reader's recalled items disagree with their document, the poll
// classifies the document's whole parse instead: the user gets exactly
// the alerts, with their text, of the same polls without the
// disagreement (nothing lost, no story classified or queued twice), and
// a warning naming the feed and the key in dispute.
func TestRecalledKeyMismatchFallsBackToTheWholeParse(t *testing.T) {
	a, b := recallItem("a", "a", "Alpha", 1), recallItem("b", "b", "Beta", 1)
	one, two := recallItem("same", "one", "One", 3), recallItem("same", "two", "Two", 3)
	steps := [][2]string{
		{recallDoc(1, 60, a, b, one, two), ""}, // first poll: backlog and news
		{recallDoc(2, 90, b, a, one), ""},      // Two left: One's key changes, recalled
		{recallDoc(3, 60, b, a, one), ""},      // a new ttl, nothing new
		{recallDoc(4, 90, b, a, one), "guid:same"},
		{recallDoc(5, 60, b, a, one), ""},
	}
	want := pollMismatches(t, false, steps)
	got := pollMismatches(t, true, steps)
	if got.disputed < 2 {
		t.Fatalf("%d polls met a disagreement, want the two that need a recalled item", got.disputed)
	}
	if !reflect.DeepEqual(got.classed, want.classed) {
		t.Errorf("classified per poll\n %q\nwant, as without the disagreement,\n %q", got.classed, want.classed)
	}
	for i, titles := range got.classed {
		for _, title := range titles {
			if strings.HasSuffix(title, ": ") {
				t.Errorf("poll %d classified %q without its text", i+1, title)
			}
		}
	}
	if !reflect.DeepEqual(got.outbox, want.outbox) {
		t.Errorf("outbox\n %q\nwant, as without the disagreement,\n %q", got.outbox, want.outbox)
	}
	warn := `level=WARN msg="recalled items disagree with the feed; classifying its whole parse" feed=wire key=guid:same`
	if n := strings.Count(got.log, warn); n != got.disputed {
		t.Errorf("%d warnings naming the feed and the key for %d disagreements; log:\n%s", n, got.disputed, got.log)
	}
	if strings.Contains(want.log, "disagree") {
		t.Errorf("a warning without a disagreement:\n%s", want.log)
	}
}
