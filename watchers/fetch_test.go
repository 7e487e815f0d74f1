package watchers

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
)

const tinyFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://x.example/</link>` +
	`<item><title>one</title><guid>1</guid></item></channel></rss>`

// newTestFetcher may reach the loopback test servers.
func newTestFetcher(w config.Watch) *Fetcher {
	w.AllowPrivate = true
	return NewFetcher(w, "sanctionwatch/test (+https://contact.example)")
}

func TestFetchConditional(t *testing.T) {
	tests := []struct {
		name      string
		header    string // validator header the server sends
		value     string
		condition string // request header it expects back
	}{
		{"etag", "ETag", `"v1"`, "If-None-Match"},
		{"last-modified", "Last-Modified", "Mon, 02 Mar 2026 10:00:00 GMT", "If-Modified-Since"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ua string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				ua = r.Header.Get("User-Agent")
				if r.Header.Get(tt.condition) == tt.value {
					w.WriteHeader(http.StatusNotModified)
					return
				}
				w.Header().Set(tt.header, tt.value)
				w.Write([]byte(tinyFeed))
			}))
			defer srv.Close()
			f := newTestFetcher(config.Watch{})
			req := Request{Feed: "t", URL: srv.URL}
			first, err := f.Fetch(context.Background(), req)
			if err != nil || first.NotModified || len(first.Body) == 0 {
				t.Fatalf("first = %+v, %v", first, err)
			}
			req.ETag, req.LastModified = first.ETag, first.LastModified
			second, err := f.Fetch(context.Background(), req)
			if err != nil || !second.NotModified || len(second.Body) != 0 {
				t.Fatalf("second = %+v, %v", second, err)
			}
			if ua != "sanctionwatch/test (+https://contact.example)" {
				t.Errorf("User-Agent = %q", ua)
			}
		})
	}
}

func TestFetchRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, value string
		code        int
		want        time.Time
	}{
		{"seconds", "120", http.StatusTooManyRequests, now.Add(2 * time.Minute)},
		{"http date", "Sun, 01 Mar 2026 13:00:00 GMT", http.StatusServiceUnavailable, now.Add(time.Hour)},
		{"garbage", "soon", http.StatusTooManyRequests, time.Time{}},
		{"ignored on 500", "120", http.StatusInternalServerError, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", tt.value)
				w.WriteHeader(tt.code)
			}))
			defer srv.Close()
			f := newTestFetcher(config.Watch{})
			f.now = func() time.Time { return now }
			_, err := f.Fetch(context.Background(), Request{Feed: "busy", URL: srv.URL})
			var se *StatusError
			if !errors.As(err, &se) || se.Code != tt.code || !se.RetryAfter.Equal(tt.want) {
				t.Fatalf("err = %v, want status %d retry at %v", err, tt.code, tt.want)
			}
			if !strings.Contains(err.Error(), "busy") {
				t.Errorf("error %q does not name the feed", err)
			}
		})
	}
}

func TestFetchLimits(t *testing.T) {
	bomb := gzipBytes(t, bytes.Repeat([]byte("A"), 8<<20))
	slowRelease := make(chan struct{})
	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    error  // errors.Is target, or nil to check the text
		text    string // in the error
	}{
		{"endless body", func(w http.ResponseWriter, r *http.Request) {
			chunk := bytes.Repeat([]byte("x"), 32<<10)
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, ErrTooLarge, ""},
		{"gzip bomb", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		}, ErrTooLarge, ""},
		{"slow body", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("<rss>"))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-slowRelease:
			}
		}, context.DeadlineExceeded, ""},
		{"redirect loop", func(w http.ResponseWriter, r *http.Request) {
			target := "/a"
			if r.URL.Path == "/a" {
				target = "/b"
			}
			http.Redirect(w, r, target, http.StatusFound)
		}, ErrRedirectLoop, ""},
		{"too many redirects", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path+"x", http.StatusFound)
		}, nil, "stopped after 3 redirects"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(tt.handler)
			defer srv.Close()
			// Only the slow body is ended by the timeout; the others must hit
			// their own limit, however long a loaded machine takes to get there.
			timeout := time.Minute
			if tt.want == context.DeadlineExceeded {
				timeout = 300 * time.Millisecond
			}
			f := newTestFetcher(config.Watch{MaxBodyBytes: 1 << 20, MaxRedirects: 3, Timeout: timeout})
			_, err := f.Fetch(context.Background(), Request{Feed: "hostile", URL: srv.URL})
			if err == nil || !strings.Contains(err.Error(), "hostile") {
				t.Fatalf("err = %v, want an error naming the feed", err)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if tt.text != "" && !strings.Contains(err.Error(), tt.text) {
				t.Errorf("err = %v, want %q", err, tt.text)
			}
		})
	}
	close(slowRelease)
}

func TestFetchGzipAndHeaders(t *testing.T) {
	zipped := gzipBytes(t, []byte(tinyFeed))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Api-Key") != "k" || r.Header.Get("Accept-Encoding") != "gzip" {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Cache-Control", "public, max-age=1800")
		w.Write(zipped)
	}))
	defer srv.Close()
	resp, err := newTestFetcher(config.Watch{}).Fetch(context.Background(),
		Request{Feed: "z", URL: srv.URL, Headers: map[string]string{"X-Api-Key": "k"}})
	if err != nil || string(resp.Body) != tinyFeed || resp.MaxAge != 30*time.Minute {
		t.Fatalf("resp = %q max-age %v, %v", resp.Body, resp.MaxAge, err)
	}
}

// TestFeedHeadersStayOnTheFeedsHost redirects a feed with an API key
// header to its own host, then to another (localhost for 127.0.0.1): the
// key must reach the first and never the second.
func TestFeedHeadersStayOnTheFeedsHost(t *testing.T) {
	var mu sync.Mutex
	keys := map[string]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		keys[r.Host+r.URL.Path] = r.Header.Get("X-Api-Key")
		mu.Unlock()
		switch r.URL.Path {
		case "/feed":
			http.Redirect(w, r, "/moved", http.StatusFound)
		case "/moved":
			http.Redirect(w, r, "http://localhost:"+portOf(t, "http://"+r.Host)+"/elsewhere", http.StatusFound)
		default:
			w.Write([]byte(tinyFeed))
		}
	}))
	defer srv.Close()
	f := NewFetcher(config.Watch{AllowPrivate: true, MaxRedirects: 5}, "ua")
	if _, err := f.Fetch(context.Background(), Request{Feed: "x", URL: srv.URL + "/feed",
		Headers: map[string]string{"X-Api-Key": "s3cret"}}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	host := strings.TrimPrefix(srv.URL, "http://")
	if keys[host+"/moved"] != "s3cret" {
		t.Errorf("the feed's own host lost its header on a same-host redirect: %q", keys)
	}
	if k, reached := keys["localhost:"+portOf(t, srv.URL)+"/elsewhere"]; !reached || k != "" {
		t.Errorf("other host reached %v, with X-Api-Key %q; want reached without it", reached, k)
	}
}

func gzipBytes(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return buf.Bytes()
}

// TestZeroMeansZero checks the settings where a zero the user wrote is a
// value, not "unset": jitter 0 is no jitter, max_redirects 0 follows none.
func TestZeroMeansZero(t *testing.T) {
	h := newHarness(t, config.Watch{Jitter: 0})
	for range 100 {
		if d := h.w.jitter(); d != 0 {
			t.Fatalf("jitter 0 gave a delay of %s", d)
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, "/feed", http.StatusFound)
			return
		}
		w.Write([]byte(tinyFeed))
	}))
	defer srv.Close()
	f := newTestFetcher(config.Watch{MaxRedirects: 0})
	_, err := f.Fetch(context.Background(), Request{Feed: "f", URL: srv.URL + "/moved"})
	if err == nil || !strings.Contains(err.Error(), "redirect") {
		t.Fatalf("max_redirects 0 followed a redirect: err = %v", err)
	}
}

// The size hint only sizes the buffer: a body larger or smaller than
// expected is read whole, and the limit still holds.
func TestReadBodyHint(t *testing.T) {
	body := strings.Repeat("x", 5000)
	for _, tt := range []struct {
		hint, max int64
		wantErr   bool
	}{{0, 1 << 20, false}, {100, 1 << 20, false}, {5000, 1 << 20, false}, {1 << 19, 1 << 20, false}, {5000, 4000, true}} {
		resp := &http.Response{Body: io.NopCloser(strings.NewReader(body)), ContentLength: -1, Header: http.Header{}}
		got, err := readBody(resp, tt.max, tt.hint)
		if tt.wantErr != (err != nil) || !tt.wantErr && string(got) != body {
			t.Errorf("hint %d max %d: %d bytes, %v", tt.hint, tt.max, len(got), err)
		}
	}
}

// A digest reads back as it was written, in the form earlier versions
// kept in state files; none, or one that does not read, is no digest.
func TestDigestReadsBack(t *testing.T) {
	d := digestOf(Response{URL: "http://127.0.0.1/feed.xml", Body: []byte(strings.Repeat("x", 5000))})
	d.reading = 0xbeef
	got, ok := parseDigest(d.String())
	if !ok || got != d || got.size != 5000 {
		t.Errorf("%q read back as %+v, %v; want %+v", d.String(), got, ok, d)
	}
	if old, ok := parseDigest("5000:a1:b2:c3"); !ok || old != (bodyDigest{5000, 0xa1, 0xb2, 0xc3}) {
		t.Errorf("an earlier version's digest read as %+v, %v", old, ok)
	}
	for _, bad := range []string{"", "5000:abc", "x:1:2:3", "1:2:3:zz", "1:2:3:4:5"} {
		if got, ok := parseDigest(bad); ok || got.size != 0 {
			t.Errorf("parseDigest(%q) = %+v, %v; want no digest", bad, got, ok)
		}
	}
}
