package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

// ErrInternalAddress means a request would have connected to an address
// that is not public (loopback, a private network, link-local, ...) for a
// host that is not allowed to have one. Nothing was sent.
var ErrInternalAddress = errors.New("internal address refused")

// AddressError is ErrInternalAddress for one address: what the address is
// and the host name that led to it.
type AddressError struct {
	Host string     // as in the URL, "" when only the address is known
	Addr netip.Addr // the address that was refused
	Kind string     // loopback, private, link-local, ...
}

// Error implements error.
func (e *AddressError) Error() string {
	if e.Host != "" && e.Host != e.Addr.String() {
		return fmt.Sprintf("refused to connect to %s: it resolves to %s, a %s address", e.Host, e.Addr, e.Kind)
	}
	return fmt.Sprintf("refused to connect to %s: a %s address", e.Addr, e.Kind)
}

// Is makes errors.Is(err, ErrInternalAddress) true.
func (e *AddressError) Is(target error) bool { return target == ErrInternalAddress }

// addrPolicy decides which hosts may be reached on internal addresses: the
// ones named in Options.AllowHosts (names and addresses, any port). Every
// other host must resolve to public addresses only.
type addrPolicy struct {
	names map[string]bool
	addrs map[netip.Addr]bool
}

func newAddrPolicy(hosts []string) *addrPolicy {
	p := &addrPolicy{names: map[string]bool{}, addrs: map[netip.Addr]bool{}}
	for _, h := range hosts {
		h = strings.TrimSuffix(strings.Trim(strings.ToLower(strings.TrimSpace(h)), "[]"), ".")
		if a, err := netip.ParseAddr(h); err == nil {
			p.addrs[a.Unmap()] = true
		} else if h != "" {
			p.names[h] = true
		}
	}
	return p
}

// allowed reports whether host (a URL's host without port) may have an
// internal address.
func (p *addrPolicy) allowed(host string) bool {
	host = strings.TrimSuffix(strings.Trim(strings.ToLower(host), "[]"), ".")
	if a, err := netip.ParseAddr(host); err == nil {
		return p.addrs[a.Unmap()]
	}
	return p.names[host]
}

// checkHost refuses a URL host that is an internal address literal before
// anything is looked up or fetched (robots.txt included); names are
// checked when dialled.
func (p *addrPolicy) checkHost(host string) error {
	a, err := netip.ParseAddr(strings.Trim(host, "[]"))
	if err != nil || p.allowed(host) {
		return nil
	}
	if kind := addrKind(a); kind != "" {
		return &AddressError{Host: host, Addr: a.Unmap(), Kind: kind}
	}
	return nil
}

type allowedKey struct{}

// dialer returns a net.Dialer whose every connection goes to a checked
// address: the check runs on the address being connected to, after name
// resolution, so a name that resolves to a public address when looked up
// and to an internal one when dialled (DNS rebinding) is still refused.
func (p *addrPolicy) dialer(timeout time.Duration) func(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{
		Timeout:   timeout,
		KeepAlive: 30 * time.Second,
		ControlContext: func(ctx context.Context, _, address string, _ syscall.RawConn) error {
			if ok, _ := ctx.Value(allowedKey{}).(bool); ok {
				return nil
			}
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("check address %q: %w", address, err)
			}
			if kind := addrKind(ap.Addr()); kind != "" {
				host, _ := ctx.Value(hostKeyCtx{}).(string)
				return &AddressError{Host: host, Addr: ap.Addr().Unmap(), Kind: kind}
			}
			return nil
		},
	}
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		ctx = context.WithValue(ctx, hostKeyCtx{}, host)
		if p.allowed(host) {
			ctx = context.WithValue(ctx, allowedKey{}, true)
		}
		return d.DialContext(ctx, network, addr)
	}
}

type hostKeyCtx struct{}

// Non-public ranges beyond those netip classifies: "this network", shared
// address space (CGNAT), IETF protocol assignments, documentation,
// benchmarking, reserved and broadcast, Teredo, documentation (IPv6),
// discard-only, and the deprecated site-local range.
var reserved = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("2001::/32"),
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("100::/64"),
	netip.MustParsePrefix("fec0::/10"),
}

// IPv6 ranges that embed an IPv4 address: NAT64 and 6to4. The embedded
// address decides.
var (
	nat64  = netip.MustParsePrefix("64:ff9b::/96")
	sixTo4 = netip.MustParsePrefix("2002::/16")
)

// addrKind names the kind of a non-public address, or returns "" for a
// public one.
func addrKind(a netip.Addr) string {
	a = a.Unmap() // ::ffff:127.0.0.1 is 127.0.0.1
	switch {
	case !a.IsValid():
		return "invalid"
	case a.IsLoopback():
		return "loopback"
	case a.IsUnspecified():
		return "unspecified"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		return "link-local"
	case a.IsMulticast(), a.IsInterfaceLocalMulticast():
		return "multicast"
	}
	b := a.As16()
	switch {
	case nat64.Contains(a):
		return addrKind(netip.AddrFrom4([4]byte(b[12:16])))
	case sixTo4.Contains(a):
		return addrKind(netip.AddrFrom4([4]byte(b[2:6])))
	}
	for _, p := range reserved {
		if p.Contains(a) {
			return "reserved"
		}
	}
	return ""
}
