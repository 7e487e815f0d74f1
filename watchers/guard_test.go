package watchers

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sanctionwatch/sanctionwatch/config"
)

// recorder is a local server that counts the requests reaching it.
type recorder struct {
	*httptest.Server
	hits atomic.Int32
}

func newRecorder(t *testing.T, network, addr string) *recorder {
	t.Helper()
	ln, err := net.Listen(network, addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	r := &recorder{}
	r.Server = &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		r.hits.Add(1)
		w.Write([]byte(tinyFeed))
	})}}
	r.Start()
	t.Cleanup(r.Close)
	return r
}

// TestGuardRefusesPrivateRedirects serves a feed from a loopback origin the
// guard is told to let through, redirecting to loopback, private,
// link-local and IPv6 loopback targets. Local targets record what reaches
// them; for the others (never contacted for real) the refusal must come
// from the dial guard, which runs before any connection is made.
func TestGuardRefusesPrivateRedirects(t *testing.T) {
	v4 := newRecorder(t, "tcp4", "127.0.0.1:0")
	targets := []struct{ name, url string }{
		{"loopback", v4.URL + "/feed"},
		{"private 10/8", "http://10.255.255.1:81/feed"},
		{"metadata", "http://169.254.169.254/latest/meta-data/"},
		{"private by name", "http://localhost:" + portOf(t, v4.URL) + "/feed"},
	}
	var v6 *recorder
	if ln, err := net.Listen("tcp6", "[::1]:0"); err == nil {
		ln.Close()
		v6 = newRecorder(t, "tcp6", "[::1]:0")
		targets = append(targets, struct{ name, url string }{"ipv6 loopback", v6.URL + "/feed"})
	}
	for _, tt := range targets {
		t.Run(tt.name, func(t *testing.T) {
			origin := httptest.NewServer(http.RedirectHandler(tt.url, http.StatusFound))
			defer origin.Close()
			originAddr := netip.MustParseAddrPort(origin.Listener.Addr().String())
			f := newFetcher(config.Watch{MaxRedirects: 5}, "ua", addressGuard{
				exempt: func(ap netip.AddrPort) bool { return ap == originAddr }})
			_, err := f.Fetch(context.Background(), Request{Feed: "f", URL: origin.URL})
			var blocked *BlockedAddressError
			if !errors.As(err, &blocked) {
				t.Fatalf("redirect to %s: err = %v, want a refusal by the dial guard", tt.url, err)
			}
		})
	}
	if n := v4.hits.Load(); n != 0 {
		t.Errorf("the loopback target received %d requests", n)
	}
	if v6 != nil && v6.hits.Load() != 0 {
		t.Errorf("the [::1] target received %d requests", v6.hits.Load())
	}
}

// TestAllowPrivate lets a feed, or the whole config, reach a local server.
func TestAllowPrivate(t *testing.T) {
	local := newRecorder(t, "tcp4", "127.0.0.1:0")
	f := NewFetcher(config.Watch{}, "ua")
	if _, err := f.Fetch(context.Background(), Request{Feed: "f", URL: local.URL}); err == nil {
		t.Fatal("a loopback feed was fetched without allow_private")
	}
	if _, err := f.Fetch(context.Background(), Request{Feed: "f", URL: local.URL, AllowPrivate: true}); err != nil {
		t.Fatalf("feed allow_private: %v", err)
	}
	f = NewFetcher(config.Watch{AllowPrivate: true}, "ua")
	if _, err := f.Fetch(context.Background(), Request{Feed: "f", URL: local.URL}); err != nil {
		t.Fatalf("watch.allow_private: %v", err)
	}
	if n := local.hits.Load(); n != 2 {
		t.Errorf("local server got %d requests, want 2", n)
	}
}

// proxyChildEnv marks the child process of TestGuardIgnoresEnvProxy.
const proxyChildEnv = "SANCTIONWATCH_TEST_PROXY_CHILD"

// TestGuardIgnoresEnvProxy checks that a proxy from the environment does not
// carry a fetch past the guard: dialled instead of the feed's host, it
// would be the only address the guard judges. net/http reads HTTP_PROXY
// once per process, so the fetch runs in a child process of this test
// binary started with HTTP_PROXY set to a local proxy that serves a feed.
func TestGuardIgnoresEnvProxy(t *testing.T) {
	if os.Getenv(proxyChildEnv) != "" {
		fetchMetadataThroughProxy(t, os.Getenv("HTTP_PROXY"))
		return
	}
	proxy := newRecorder(t, "tcp4", "127.0.0.1:0")
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestGuardIgnoresEnvProxy$", "-test.count=1")
	cmd.Env = append(os.Environ(), "HTTP_PROXY="+proxy.URL, proxyChildEnv+"=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("child process: %v\n%s", err, out)
	}
	if n := proxy.hits.Load(); n != 0 {
		t.Errorf("the proxy from the environment got %d requests", n)
	}
}

// fetchMetadataThroughProxy lets only the proxy through the guard, as if it
// were a public proxy host, and fetches the cloud metadata address.
func fetchMetadataThroughProxy(t *testing.T, proxyURL string) {
	u, err := url.Parse(proxyURL)
	if err != nil {
		t.Fatal(err)
	}
	proxyAddr := netip.MustParseAddrPort(u.Host)
	f := newFetcher(config.Watch{}, "ua", addressGuard{exempt: func(ap netip.AddrPort) bool { return ap == proxyAddr }})
	_, err = f.Fetch(t.Context(), Request{Feed: "meta", URL: "http://169.254.169.254/latest/meta-data/"})
	if blocked := (*BlockedAddressError)(nil); !errors.As(err, &blocked) {
		t.Fatalf("fetch of 169.254.169.254 with HTTP_PROXY set: err = %v, want the guard's refusal", err)
	}
}

func TestIsPublic(t *testing.T) {
	for addr, want := range map[string]bool{
		"93.184.216.34": true, "2606:2800:220:1::1": true,
		"127.0.0.1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false,
		"169.254.169.254": false, "100.64.0.1": false, "0.0.0.0": false, "224.0.0.1": false,
		"::1": false, "fe80::1": false, "fc00::1": false, "ff02::1": false, "::ffff:127.0.0.1": false,
	} {
		if got := isPublic(netip.MustParseAddr(addr).Unmap()); got != want {
			t.Errorf("isPublic(%s) = %v, want %v", addr, got, want)
		}
	}
}

func portOf(t *testing.T, rawURL string) string {
	_, port, err := net.SplitHostPort(rawURL[len("http://"):])
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// stuckListener is a loopback socket with a backlog of zero that never
// accepts: once the backlog is full, a new connection never completes.
func stuckListener(t *testing.T) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Skipf("socket: %v", err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Skipf("bind: %v", err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Skipf("listen: %v", err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Skip(err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", sa.(*syscall.SockaddrInet4).Port)
	for range 4 { // fill the backlog
		c, err := net.DialTimeout("tcp4", addr, 100*time.Millisecond)
		if err != nil {
			return addr
		}
		t.Cleanup(func() { c.Close() })
	}
	t.Skip("the kernel accepted every connection; cannot make one hang")
	return ""
}

// TestConnectTimeoutApplies checks that watch.connect_timeout bounds the
// connection, not only the whole request's timeout: the error is the
// dialer's timeout, not the request deadline.
func TestConnectTimeoutApplies(t *testing.T) {
	addr := stuckListener(t)
	f := newTestFetcher(config.Watch{ConnectTimeout: 200 * time.Millisecond, Timeout: time.Minute})
	_, err := f.Fetch(context.Background(), Request{Feed: "f", URL: "http://" + addr + "/"})
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() || !strings.Contains(err.Error(), "dial") {
		t.Fatalf("err = %v, want the dialer's connect timeout", err)
	}
}
