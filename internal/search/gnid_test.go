package search

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/vnjp-monitor/crawler/internal/search/searchtest"
)

func TestDecodeID(t *testing.T) {
	long := "https://baotinh.example/kinh-te/hop-tac-viet-nhat-" + strings.Repeat("x", 120) + ".html"
	tests := []struct {
		name, id, want string
		err            error
	}{
		// Literal ids, encoded outside this code base.
		{"Old", "CBMiOGh0dHBzOi8vd3d3LmhhcmJvdXItdGltZXMuZXhhbXBsZS8yMDI2LzAzL3BvcnQtZGVhbC5odG1s",
			"https://www.harbour-times.example/2026/03/port-deal.html", nil},
		{"OldWithAMP", "CBMiKGh0dHBzOi8vd3d3LmhhcmJvdXItdGltZXMuZXhhbXBsZS9hLmh0bWzSASxodHRwczovL3d3dy5oYXJib3VyLXRpbWVzLmV4YW1wbGUvYW1wL2EuaHRtbA",
			"https://www.harbour-times.example/a.html", nil},
		{"OldPadded", "CBMiOGh0dHBzOi8vd3d3LmhhcmJvdXItdGltZXMuZXhhbXBsZS8yMDI2LzAzL3BvcnQtZGVhbC5odG1s==",
			"https://www.harbour-times.example/2026/03/port-deal.html", nil},
		{"OldTwoByteLength", searchtest.OldID(long, ""), long, nil},
		{"New", "CBMiKEFVX3lxTFBicTBvcGFxdWUtdG9rZW4td3JpdHRlbi1mb3ItdGVzdHM", "", ErrOpaqueID},
		{"NewFromFake", searchtest.NewID("abc"), "", ErrOpaqueID},
		{"Empty", "", "", ErrBadID},
		{"NotBase64", "CBMi!!notanid", "", ErrBadID},
		{"LengthPastEnd", "CBMi_w", "", ErrBadID},
		{"NoPayloadField", "CBM", "", ErrBadID},
		{"TooLong", strings.Repeat("A", maxIDLen+1), "", ErrBadID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeID(tt.id)
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Fatalf("DecodeID=%q, %v; want %q, %v", got, err, tt.want, tt.err)
			}
		})
	}
}

func FuzzDecodeID(f *testing.F) {
	for _, seed := range []string{
		"CBMiOGh0dHBzOi8vd3d3LmhhcmJvdXItdGltZXMuZXhhbXBsZS8yMDI2LzAzL3BvcnQtZGVhbC5odG1s",
		"CBMiKEFVX3lxTFBicTBvcGFxdWUtdG9rZW4td3JpdHRlbi1mb3ItdGVzdHM",
		"CAIiEA", "CBMi_____w", "",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		got, err := DecodeID(id)
		if err != nil {
			if !errors.Is(err, ErrBadID) && !errors.Is(err, ErrOpaqueID) {
				t.Fatalf("DecodeID(%q) error %v is neither ErrBadID nor ErrOpaqueID", id, err)
			}
			return
		}
		u, perr := url.Parse(got)
		if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Fatalf("DecodeID(%q)=%q, not an absolute http url", id, got)
		}
		// What decodes re-encodes to an id that decodes the same.
		if again, err := DecodeID(searchtest.OldID(got, "")); err != nil || again != got {
			t.Fatalf("round trip of %q gave %q, %v", got, again, err)
		}
	})
}
