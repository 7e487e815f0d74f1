package watchers

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// benchFeed renders a 20-item (or n-item) RSS document for feed id.
func benchFeed(id, n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed %d</title><link>https://news%d.example/</link>`, id, id)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Arms shipment %d intercepted near the border</title><link>https://news%d.example/story/%d?utm_source=rss</link>`+
			`<guid>feed-%d-item-%d</guid><pubDate>Mon, 02 Mar 2026 %02d:%02d:00 GMT</pubDate>`+
			`<description>&lt;p&gt;Officials said the &lt;b&gt;cargo&lt;/b&gt; of rifles and ammunition breached the embargo.&lt;/p&gt;</description>`+
			`<category>Defence</category></item>`, i, id, i, id, i, i%24, i%60)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// BenchmarkPoll1000Feeds polls 1,000 feeds of 20 items from one server
// through the real watcher and store: even feeds answer 304 after their
// first poll, odd ones send the whole document every time.
func BenchmarkPoll1000Feeds(b *testing.B) {
	const feeds = 1000
	bodies := make([][]byte, feeds)
	for i := range bodies {
		bodies[i] = benchFeed(i, 20)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		if id%2 == 0 {
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"v1"`)
		}
		w.Write(bodies[id])
	}))
	defer srv.Close()
	list := make([]config.Feed, feeds)
	for i := range list {
		list[i] = config.Feed{Name: fmt.Sprintf("feed-%d", i), URL: fmt.Sprintf("%s/feed/%d", srv.URL, i)}
	}
	h := newHarness(b, config.Watch{Concurrency: 32, PerHost: 32}, list...)
	ctx := context.Background()
	if _, err := h.w.PollAll(ctx); err != nil { // first polls record the backlog
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		sum, err := h.w.PollAll(ctx)
		if err != nil || sum.Polled != feeds || sum.NotModified != feeds/2 {
			b.Fatalf("PollAll = %+v, %v", sum, err)
		}
	}
	b.ReportMetric(float64(feeds*b.N)/time.Since(start).Seconds(), "feeds/s")
}

// BenchmarkParseFeed parses and normalises a 100-item feed.
func BenchmarkParseFeed(b *testing.B) {
	body := benchFeed(1, 100)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		sts, err := ParseFeed("f", "F", body, "https://news1.example/rss")
		if err != nil || len(sts) != 100 {
			b.Fatalf("%d stories, %v", len(sts), err)
		}
	}
}
