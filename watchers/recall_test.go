package watchers

import (
	"context"
	"fmt"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// recallItem is an RSS item published on day of March 2026: day 1 is
// before the test's feed is added (backlog on a first poll), day 3 after.
func recallItem(guid, link, title string, day int) string {
	return fmt.Sprintf(`<item><title>%s</title><guid>%s</guid><link>https://t.example/%s</link>`+
		`<description>Text of %s</description><pubDate>%02d Mar 2026 09:00:00 GMT</pubDate></item>`, title, guid, link, title, day)
}

// recallDoc is an RSS document built at hour, with a ttl of ttl minutes.
func recallDoc(hour, ttl int, items ...string) string {
	return fmt.Sprintf(`<rss version="2.0"><channel><title>T</title><link>https://t.example/</link>`+
		`<lastBuildDate>02 Mar 2026 %02d:00:00 GMT</lastBuildDate><ttl>%d</ttl>`, hour, ttl) +
		strings.Join(items, "") + `</channel></rss>`
}

// Polls of a feed whose body changes around the same items recall them
// without parsing them (or, when nothing a poll reads changed, take the
// document for the one last read), and still never miss a new or changed
// story: not
// when items are reordered or changed in place, not when an item that
// shared its GUID with one that left gets a key of its own, not when the
// store forgot an item still listed. Whatever is classified has its text.
func TestRecalledItemsMissNothing(t *testing.T) {
	a, b := recallItem("a", "a", "Alpha", 1), recallItem("b", "b", "Beta", 1)
	a2 := strings.Replace(a, "Text of", "Update on", 1)
	one, two := recallItem("same", "one", "One", 3), recallItem("same", "two", "Two", 3)
	srv := &bareServer{}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	h := newHarness(t, config.Watch{}, config.Feed{Name: "t", URL: hs.URL})
	steps := []struct {
		name      string
		body      string
		forget    string // a story key the store loses before the poll
		unchanged bool   // nothing a poll reads changed
		newCount  int
		classed   []string
	}{
		{"first poll: backlog and news", recallDoc(1, 60, a, b, one, two), "", false, 4, []string{"One", "Two"}},
		{"new build date", recallDoc(2, 60, a, b, one, two), "", true, 0, nil},
		{"new ttl", recallDoc(2, 90, a, b, one, two), "", false, 0, nil},
		{"reordered", recallDoc(3, 90, two, b, a, one), "", false, 0, nil},
		{"text changed in place", recallDoc(4, 90, two, b, a2, one), "", false, 0, nil},
		{"shared guid, one left", recallDoc(5, 90, b, a2, one), "", false, 1, []string{"One"}},
		{"new ttl again", recallDoc(6, 60, b, a2, one), "", false, 0, nil},
		{"store forgot an item", recallDoc(7, 90, b, a2, one), "guid:same", false, 1, []string{"One"}},
		{"new item", recallDoc(8, 90, recallItem("c", "c", "Gamma", 3), b, a2, one), "", false, 1, []string{"Gamma"}},
	}
	ctx := context.Background()
	for _, step := range steps {
		srv.mu.Lock()
		srv.body = step.body
		srv.mu.Unlock()
		if step.forget != "" {
			if _, err := h.st.DB().Exec(`DELETE FROM stories WHERE key = ?`, step.forget); err != nil {
				t.Fatal(err)
			}
		}
		h.mu.Lock()
		h.classed, h.texts = nil, nil
		h.mu.Unlock()
		sum, err := h.w.PollAll(ctx)
		if err != nil || sum.Polled != 1 || sum.NewStories != step.newCount || (sum.Unchanged == 1) != step.unchanged {
			t.Fatalf("%s: %+v, %v; want %d new, unchanged %v", step.name, sum, err, step.newCount, step.unchanged)
		}
		h.mu.Lock()
		if !reflect.DeepEqual(h.classed, step.classed) {
			t.Errorf("%s: classified %q, want %q", step.name, h.classed, step.classed)
		}
		for i, text := range h.texts {
			if text != "Text of "+h.classed[i] {
				t.Errorf("%s: %q classified with text %q", step.name, h.classed[i], text)
			}
		}
		h.mu.Unlock()
	}
}
