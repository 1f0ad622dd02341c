package extract

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // RFC 3339; "" means not a date
	}{
		// Machine formats.
		{"RFC3339", "2026-11-12T08:30:00+07:00", "2026-11-12T08:30:00+07:00"},
		{"RFC3339Millis", "2026-11-12T01:30:00.000Z", "2026-11-12T01:30:00Z"},
		{"RFC3339NoColon", "2026-11-12T08:30:00+0900", "2026-11-12T08:30:00+09:00"},
		{"ISONoZone", "2026-11-12T08:30:00", "2026-11-12T08:30:00Z"},
		{"SpaceMinutes", "2026-01-02 15:04", "2026-01-02T15:04:00Z"},
		{"SpaceSecondsOffset", "2026-01-02 15:04:05 -0500", "2026-01-02T15:04:05-05:00"},
		{"DateOnly", "2026-11-12", "2026-11-12T00:00:00Z"},
		{"Slashes", "2026/11/12 08:30", "2026-11-12T08:30:00Z"},
		{"RFC1123", "Thu, 12 Nov 2026 08:30:00 GMT", "2026-11-12T08:30:00Z"},
		{"RFC1123Z", "Thu, 12 Nov 2026 08:30:00 +0700", "2026-11-12T08:30:00+07:00"},
		{"RFC1123USZone", "Thu, 12 Nov 2026 08:30:00 EST", "2026-11-12T08:30:00-05:00"},
		{"UnixMillis", "1794439800000", "2026-11-11T23:30:00Z"},
		{"UnixSeconds", "1794439800", "2026-11-11T23:30:00Z"},
		// English prose.
		{"MonthDayYear", "November 12, 2026", "2026-11-12T00:00:00Z"},
		{"AbbrevWithClock", "Nov. 12, 2026 3:04 PM", "2026-11-12T15:04:00Z"},
		{"DayMonthYear", "12 November 2026", "2026-11-12T00:00:00Z"},
		{"Ordinal", "12th Nov 2026", "2026-11-12T00:00:00Z"},
		{"WeekdayDash", "Thursday, November 12, 2026 - 08:30", "2026-11-12T08:30:00Z"},
		{"PublishedLabel", "Published: 2026-11-12 08:30:00 -0500", "2026-11-12T08:30:00-05:00"},
		{"Updated12AM", "Updated 12:15 am, November 12, 2026", "2026-11-12T00:15:00Z"},
		// Vietnamese.
		{"VietDayFirst", "12/11/2026 08:30", "2026-11-12T08:30:00Z"},
		{"VietWeekday", "Thứ hai, 12/11/2026 - 08:30", "2026-11-12T08:30:00+07:00"},
		{"VietGMT", "Thứ năm, 12/11/2026, 08:30 (GMT+7)", "2026-11-12T08:30:00+07:00"},
		{"VietClockFirst", "08:30 12/11/2026", "2026-11-12T08:30:00Z"},
		{"VietHourH", "Chủ nhật, 1/3/2026 - 7h05", "2026-03-01T07:05:00+07:00"},
		{"VietDashes", "12-11-2026 08:30 GMT+7", "2026-11-12T08:30:00+07:00"},
		{"VietWords", "ngày 12 tháng 11 năm 2026", "2026-11-12T00:00:00+07:00"},
		{"VietUpdated", "Cập nhật: 12/11/2026 08:30", "2026-11-12T08:30:00+07:00"},
		{"VietAfternoonCH", "9/3/2026 6:12:00 CH", "2026-03-09T18:12:00Z"},
		{"VietMorningSA", "09/03/2026 12:05 SA", "2026-03-09T00:05:00Z"},
		{"VietWeekdayAfterClock", "09:05 Chủ nhật, 08/03/2026", "2026-03-08T09:05:00+07:00"},
		{"MonthFirstWhenForced", "11/30/2026", "2026-11-30T00:00:00Z"},
		// Japanese.
		{"JapaneseFull", "2026年11月12日 8時30分", "2026-11-12T08:30:00+09:00"},
		{"JapaneseDate", "2026年11月12日", "2026-11-12T00:00:00+09:00"},
		{"JapaneseWeekdayClock", "2026年11月12日（木）08:30", "2026-11-12T08:30:00+09:00"},
		{"JapaneseAfternoon", "2026年11月12日 午後3時5分", "2026-11-12T15:05:00+09:00"},
		{"JapaneseSlashAfternoon", "2026/3/2 午後 6:05", "2026-03-02T18:05:00+09:00"},
		{"JapaneseDotsMorning", "2026.03.02 午前0:15", "2026-03-02T00:15:00+09:00"},
		{"JapaneseFullWidth", "２０２６年１１月１２日　８時３０分", "2026-11-12T08:30:00+09:00"},
		{"Reiwa", "令和8年11月12日", "2026-11-12T00:00:00+09:00"},
		{"ReiwaFirstYear", "令和元年5月1日", "2019-05-01T00:00:00+09:00"},
		{"Heisei", "平成30年4月1日", "2018-04-01T00:00:00+09:00"},
		{"JapaneseLabel", "公開日：2026年11月12日", "2026-11-12T00:00:00+09:00"},
		// Not dates.
		{"Empty", "", ""},
		{"Words", "yesterday afternoon", ""},
		{"BareYear", "2026", ""},
		{"ShortNumber", "1234", ""},
		{"ImpossibleDay", "31/02/2026", ""},
		{"ImpossibleMonth", "2026年13月1日", ""},
		{"Relative", "5 phút trước", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseDate(tt.in)
			if tt.want == "" {
				if ok {
					t.Fatalf("ParseDate(%q) = %v, want no date", tt.in, got)
				}
				return
			}
			if !ok {
				t.Fatalf("ParseDate(%q) found no date, want %s", tt.in, tt.want)
			}
			if s := got.Format(time.RFC3339); s != tt.want {
				t.Fatalf("ParseDate(%q) = %s, want %s", tt.in, s, tt.want)
			}
		})
	}
}

func TestParseDateIn(t *testing.T) {
	tests := []struct {
		name string
		in   string
		loc  *time.Location
		want string
	}{
		{"ZoneLessUsesLoc", "12/11/2026 08:30", zoneVietnam, "2026-11-12T08:30:00+07:00"},
		{"ExplicitOffsetWins", "2026-11-12T08:30:00Z", zoneJapan, "2026-11-12T08:30:00Z"},
		{"GMTOffsetWins", "12/11/2026 08:30 (GMT+9)", zoneVietnam, "2026-11-12T08:30:00+09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseDateIn(tt.in, tt.loc)
			if !ok {
				t.Fatalf("ParseDateIn(%q) found no date", tt.in)
			}
			if s := got.Format(time.RFC3339); s != tt.want {
				t.Fatalf("ParseDateIn(%q) = %s, want %s", tt.in, s, tt.want)
			}
		})
	}
}
