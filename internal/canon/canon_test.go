package canon

import (
	"errors"
	"testing"
)

func TestURL(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"AlreadyCanonical", "https://example.com/news/2026/05/a.html", "https://example.com/news/2026/05/a.html"},
		{"UppercaseScheme", "HTTPS://example.com/a", "https://example.com/a"},
		{"UppercaseHost", "https://WWW.Example.COM/a", "https://www.example.com/a"},
		{"PathCaseKept", "https://example.com/News/Article-ABC", "https://example.com/News/Article-ABC"},
		{"DefaultHTTPPort", "http://example.com:80/a", "http://example.com/a"},
		{"DefaultHTTPSPort", "https://example.com:443/a", "https://example.com/a"},
		{"OtherPortKept", "https://example.com:8443/a", "https://example.com:8443/a"},
		{"HTTPPortOnHTTPSKept", "https://example.com:80/a", "https://example.com:80/a"},
		{"EmptyPort", "https://example.com:/a", "https://example.com/a"},
		{"EmptyPath", "https://example.com", "https://example.com/"},
		{"FragmentDropped", "https://example.com/a#comments", "https://example.com/a"},
		{"HashBangDropped", "https://example.com/#!/story/1", "https://example.com/"},
		{"EmptyQueryDropped", "https://example.com/a?", "https://example.com/a"},
		{"EmptyQueryAndFragment", "https://example.com/a?#top", "https://example.com/a"},
		{"TrailingSlashKept", "https://example.com/news/", "https://example.com/news/"},
		{"NoTrailingSlashKept", "https://example.com/news", "https://example.com/news"},
		{"DotSegment", "https://example.com/a/./b", "https://example.com/a/b"},
		{"DotDotSegment", "https://example.com/a/b/../c", "https://example.com/a/c"},
		{"DotDotAboveRoot", "https://example.com/../../a", "https://example.com/a"},
		{"TrailingDotDot", "https://example.com/a/b/..", "https://example.com/a/"},
		{"TrailingDot", "https://example.com/a/.", "https://example.com/a/"},
		{"EncodedDotDot", "https://example.com/a/%2E%2E/b", "https://example.com/b"},
		{"DoubleSlashKept", "https://example.com/a//b", "https://example.com/a//b"},
		{"DotsInNameKept", "https://example.com/a/.../b..c", "https://example.com/a/.../b..c"},
		{"UTMRemoved", "https://example.com/a?utm_source=x&utm_medium=y&utm_campaign=z", "https://example.com/a"},
		{"UTMUppercaseRemoved", "https://example.com/a?UTM_Source=x&id=3", "https://example.com/a?id=3"},
		{"UTMEscapedKeyRemoved", "https://example.com/a?utm%5Fsource=x&id=3", "https://example.com/a?id=3"},
		{"FbclidRemoved", "https://example.com/a?fbclid=IwAR0abc", "https://example.com/a"},
		{"GclidRemoved", "https://example.com/a?gclid=xyz&p=2", "https://example.com/a?p=2"},
		{"ManyTrackersRemoved", "https://example.com/a?id=7&dclid=1&msclkid=2&mc_cid=3&mc_eid=4&igshid=5&yclid=6&_ga=7&ref_src=8&cmpid=9&ocid=10&spm=11", "https://example.com/a?id=7"},
		{"MatomoRemoved", "https://example.com/a?pk_campaign=x&mtm_source=y", "https://example.com/a"},
		{"QuerySorted", "https://example.com/search?q=vietnam&page=2&lang=en", "https://example.com/search?lang=en&page=2&q=vietnam"},
		{"RepeatedKeyOrderKept", "https://example.com/a?tag=b&x=1&tag=a", "https://example.com/a?tag=b&tag=a&x=1"},
		{"EmptyPiecesDropped", "https://example.com/a?&&id=1&&", "https://example.com/a?id=1"},
		{"ValuelessKeyKept", "https://example.com/a?amp", "https://example.com/a?amp"},
		{"PlusKept", "https://example.com/s?q=viet+nam", "https://example.com/s?q=viet+nam"},
		{"SemicolonNotSeparator", "https://example.com/a?b=1;c=2", "https://example.com/a?b=1;c=2"},
		{"RefParamKept", "https://example.com/a?ref=123", "https://example.com/a?ref=123"},
		{"HexUppercased", "https://example.com/a%2fb?q=%e6%97%a5", "https://example.com/a%2Fb?q=%E6%97%A5"},
		{"UnreservedDecoded", "https://example.com/%7Euser/%41bc?x=%2D", "https://example.com/~user/Abc?x=-"},
		{"SpaceEscaped", "https://example.com/a b", "https://example.com/a%20b"},
		{"UnicodePathEscaped", "https://example.com/tin-tức/việt-nhật", "https://example.com/tin-t%E1%BB%A9c/vi%E1%BB%87t-nh%E1%BA%ADt"},
		{"UnicodeQueryEscaped", "https://example.com/s?q=日本", "https://example.com/s?q=%E6%97%A5%E6%9C%AC"},
		{"StrayPercentInQuery", "https://example.com/s?q=100%", "https://example.com/s?q=100%25"},
		{"IDNHost", "https://BÁOMỚI.vn/a", "https://xn--bomi-5na0617b.vn/a"},
		{"IDNHostJapanese", "https://日本.jp/ニュース", "https://xn--wgv71a.jp/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9"},
		{"PunycodeHostKept", "https://xn--wgv71a.JP/", "https://xn--wgv71a.jp/"},
		{"HostTrailingDot", "https://example.com./a", "https://example.com/a"},
		{"UnderscoreHost", "https://my_site.example.com/a", "https://my_site.example.com/a"},
		{"IPv4Host", "http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a"},
		{"IPv6Host", "http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a"},
		{"UserinfoDropped", "https://user@example.com/a", "https://example.com/a"},
		{"PasswordDropped", "https://reader:hunter2@example.com/a?x=1", "https://example.com/a?x=1"},
		{"SurroundingSpace", "  https://example.com/a \n", "https://example.com/a"},
		{"CombinedMess", "HTTP://News.Example.COM:80/World/../Asia/./vn-jp.html?utm_source=rss&b=2&a=1#x", "http://news.example.com/Asia/vn-jp.html?a=1&b=2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := URL(tt.in)
			if err != nil {
				t.Fatalf("URL(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("URL(%q)=%q, want %q", tt.in, got, tt.want)
			}
			again, err := URL(got)
			if err != nil || again != got {
				t.Fatalf("URL(%q)=%q, %v; not idempotent", got, again, err)
			}
		})
	}
}

func TestURLErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error // nil: any error
	}{
		{"Relative", "/news/a.html", ErrScheme},
		{"Mailto", "mailto:desk@example.com", ErrScheme},
		{"Javascript", "javascript:void(0)", ErrScheme},
		{"FTP", "ftp://example.com/a", ErrScheme},
		{"Opaque", "http:example.com", ErrScheme},
		{"NoHost", "https:///a", ErrHost},
		{"Empty", "", ErrScheme},
		{"BadEscape", "https://example.com/%zz", nil},
		{"BadPort", "https://example.com:port/", nil},
		{"BadHost", "https://exa mple.com/", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := URL(tt.in)
			if err == nil {
				t.Fatalf("URL(%q)=%q, want error", tt.in, got)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("URL(%q) error %v, want %v", tt.in, err, tt.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	const base = "https://news.example.com/world/asia/index.html?page=2"
	tests := []struct {
		name string
		ref  string
		want string
	}{
		{"Absolute", "https://other.example.org/a", "https://other.example.org/a"},
		{"RootRelative", "/world/vn-jp-summit.html", "https://news.example.com/world/vn-jp-summit.html"},
		{"DocumentRelative", "vn-jp-summit.html", "https://news.example.com/world/asia/vn-jp-summit.html"},
		{"ParentRelative", "../europe/a.html", "https://news.example.com/world/europe/a.html"},
		{"SchemeRelative", "//cdn.example.com/a", "https://cdn.example.com/a"},
		{"QueryOnly", "?page=3&utm_source=nav", "https://news.example.com/world/asia/index.html?page=3"},
		{"FragmentOnly", "#top", "https://news.example.com/world/asia/index.html?page=2"},
		{"Empty", "", "https://news.example.com/world/asia/index.html?page=2"},
		{"WhitespaceAround", "\n\t /world/a.html \n", "https://news.example.com/world/a.html"},
		{"NewlineInside", "/world/\na.html", "https://news.example.com/world/a.html"},
		{"TrackingDropped", "/a.html?fbclid=1&id=9#c", "https://news.example.com/a.html?id=9"},
		{"UppercaseHostInRef", "HTTPS://NEWS.EXAMPLE.COM/A", "https://news.example.com/A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Resolve(base, tt.ref)
			if err != nil {
				t.Fatalf("Resolve(%q) error: %v", tt.ref, err)
			}
			if got != tt.want {
				t.Fatalf("Resolve(%q)=%q, want %q", tt.ref, got, tt.want)
			}
		})
	}
}

func TestResolveErrors(t *testing.T) {
	tests := []struct {
		name, base, ref string
	}{
		{"Mailto", "https://example.com/", "mailto:desk@example.com"},
		{"Javascript", "https://example.com/", "javascript:openMenu()"},
		{"Tel", "https://example.com/", "tel:+84240000000"},
		{"Data", "https://example.com/", "data:text/plain,hi"},
		{"RelativeBase", "/news/", "a.html"},
		{"BadRef", "https://example.com/", "http://[::1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := Resolve(tt.base, tt.ref); err == nil {
				t.Fatalf("Resolve(%q, %q)=%q, want error", tt.base, tt.ref, got)
			}
		})
	}
}

func TestIsTracking(t *testing.T) {
	tests := []struct {
		key  string
		want bool
	}{
		{"utm_source", true}, {"utm_whatever", true}, {"FBCLID", true},
		{"gclid", true}, {"_ga", true}, {"id", false}, {"page", false},
		{"ref", false}, {"utm", false}, {"q", false},
	}
	for _, tt := range tests {
		if got := IsTracking(tt.key); got != tt.want {
			t.Errorf("IsTracking(%q)=%v, want %v", tt.key, got, tt.want)
		}
	}
}

func BenchmarkURL(b *testing.B) {
	const in = "HTTP://News.Example.COM:80/World/../Asia/./vn-jp.html?utm_source=rss&b=2&a=1#x"
	for b.Loop() {
		if _, err := URL(in); err != nil {
			b.Fatal(err)
		}
	}
}
