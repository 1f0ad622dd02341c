package testsite

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// edition is one language edition of the main outlet.
type edition struct {
	Lang           string
	Name           string // site name in og:site_name and the header
	Home           string // path of the edition's front page
	DefaultSection string
	Zone           *time.Location
	Sections       map[string]string // section ID -> display name
	Labels         labels
}

// labels are the interface words of the shared listing template.
type labels struct {
	Home, Next, Prev, MostRead, Page string
}

var (
	zoneICT = time.FixedZone("ICT", 7*3600)
	zoneJST = time.FixedZone("JST", 9*3600)
)

// editions of the main outlet, by language.
var editions = map[string]edition{
	"en": {
		Lang: "en", Name: "The Meridian Post", Home: "/", DefaultSection: "world", Zone: zoneICT,
		Sections: map[string]string{"politics": "Politics", "world": "World", "business": "Business", "private": "Members"},
		Labels:   labels{Home: "Home", Next: "Older stories", Prev: "Newer stories", MostRead: "Most read", Page: "Page"},
	},
	"vi": {
		Lang: "vi", Name: "Báo Kinh Tuyến", Home: "/vi/", DefaultSection: "thoi-su", Zone: zoneICT,
		Sections: map[string]string{"thoi-su": "Thời sự", "kinh-te": "Kinh tế", "xa-hoi": "Xã hội",
			"van-hoa": "Văn hóa", "giao-duc": "Giáo dục", "suc-khoe": "Sức khỏe", "cong-nghe": "Công nghệ"},
		Labels: labels{Home: "Trang chủ", Next: "Trang sau", Prev: "Trang trước", MostRead: "Đọc nhiều", Page: "Trang"},
	},
	"ja": {
		Lang: "ja", Name: "メリディアン・ポスト日本語版", Home: "/ja/", DefaultSection: "kokusai", Zone: zoneJST,
		Sections: map[string]string{"seiji": "政治", "keizai": "経済", "kokusai": "国際", "shakai": "社会",
			"chiho": "地域", "bunka": "文化", "kagaku": "科学"},
		Labels: labels{Home: "トップ", Next: "次へ", Prev: "前へ", MostRead: "よく読まれている記事", Page: "ページ"},
	},
}

// sectionName is the display name of a story's section.
func sectionName(lang, section string) string {
	if name, ok := editions[lang].Sections[section]; ok {
		return name
	}
	return section
}

// sectionPath is the path of a section's front page.
func sectionPath(lang, section string) string {
	if lang == "en" {
		return "/" + section + "/"
	}
	return "/" + lang + "/" + section + "/"
}

var viWeekdays = [...]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// byline formats a publication time the way each edition prints it:
// "Monday, November 16, 2026 - 08:30 GMT+7", "Thứ Hai, 16/11/2026 08:30
// (GMT+7)", "2026年11月16日 8時30分".
func byline(lang string, t time.Time) string {
	t = t.In(editions[lang].Zone)
	_, off := t.Zone()
	gmt := fmt.Sprintf("GMT+%d", off/3600)
	switch lang {
	case "vi":
		return fmt.Sprintf("%s, %s (%s)", viWeekdays[t.Weekday()], t.Format("02/01/2006 15:04"), gmt)
	case "ja":
		return fmt.Sprintf("%d年%d月%d日 %d時%02d分", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
	default:
		return t.Format("Monday, January 2, 2006 - 15:04 ") + gmt
	}
}

// isoTime formats t in the edition's zone for metadata.
func isoTime(lang string, t time.Time) string {
	return t.In(editions[lang].Zone).Format(time.RFC3339)
}

// slugify turns a name into an ASCII path element: "Phạm Thu Hà" ->
// "pham-thu-ha". Names with no Latin letters keep their runes.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		default:
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// summary is the first sentence or so of a story, for feeds and teasers.
func summary(st *Story) string {
	if len(st.Body) == 0 {
		return ""
	}
	p := []rune(st.Body[0])
	if len(p) <= 240 {
		return string(p)
	}
	cut := 240
	for i := 120; i < 240; i++ {
		if p[i] == '.' || p[i] == '。' {
			return string(p[:i+1])
		}
		if p[i] == ' ' {
			cut = i
		}
	}
	return string(p[:cut]) + "…"
}
