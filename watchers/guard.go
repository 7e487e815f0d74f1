package watchers

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"
)

// BlockedAddressError is a connection refused before it was made, because
// the address (after DNS, or reached by a redirect) is not a public one.
type BlockedAddressError struct {
	Addr netip.AddrPort
}

func (e *BlockedAddressError) Error() string {
	return fmt.Sprintf("refusing to connect to %s: a loopback, private, link-local or multicast address "+
		"(set allow_private on the feed, or watch.allow_private, if it is meant)", e.Addr)
}

// addressGuard decides, in net.Dialer.Control, which addresses a fetch may
// connect to. Control runs after DNS resolution and for every connection,
// redirects included, so neither a hostname that resolves to 10.0.0.1 nor
// a redirect to 169.254.169.254 gets through.
type addressGuard struct {
	// exempt, if set, lets one address through whatever it is; tests use
	// it to reach their own loopback server while every other stays refused.
	exempt func(netip.AddrPort) bool
}

func (g addressGuard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("refusing to connect to %q: not an IP address and port", address)
	}
	ap = netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
	if isPublic(ap.Addr()) || (g.exempt != nil && g.exempt(ap)) {
		return nil
	}
	return &BlockedAddressError{Addr: ap}
}

// nonPublic are ranges that net/netip has no predicate for: "this network",
// carrier-grade NAT, and the IPv4 benchmarking and reserved blocks.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
}

// isPublic reports whether a feed may be fetched from addr.
func isPublic(addr netip.Addr) bool {
	if !addr.IsValid() || addr.IsLoopback() || addr.IsPrivate() || addr.IsUnspecified() ||
		addr.IsLinkLocalUnicast() || addr.IsLinkLocalMulticast() || addr.IsInterfaceLocalMulticast() ||
		addr.IsMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(addr) {
			return false
		}
	}
	return true
}

// dialer connects within timeout, through guard unless guard is nil.
func dialer(timeout time.Duration, guard *addressGuard) *net.Dialer {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	if guard != nil {
		d.Control = guard.control
	}
	return d
}
