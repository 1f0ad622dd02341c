package extract

import "testing"

func TestPageLines(t *testing.T) {
	tests := []struct {
		name string
		in   string
		drop bool
	}{
		{"StaffCreditVI", "Bài: MAI ANH - Ảnh: ĐỨC THỊNH - Thiết kế: HẢI YẾN", true},
		{"StaffCreditJointLabel", "Bài và ảnh: Trần Văn Nam", true},
		{"StaffCreditJA", "文・写真：山田花子　編集：佐藤一郎", true},
		{"StaffCreditEN", "Words: Anna Berg | Photos: Tom Lee", true},
		{"LabelThenSentenceKept", "Nội dung: hai bên thảo luận về hợp tác năng lượng và đầu tư.", false},
		{"LabelInsideSentenceKept", "Thiết kế của nhà ga do kỹ sư Nhật Bản thực hiện: Ga có ba tầng.", false},
		{"CaptionCreditVI", "Phó Chủ tịch UBND thành phố phát biểu tại hội nghị. Ảnh: THÀNH LÂN", true},
		{"CaptionCreditBracketsVI", "Công nhân làm việc trong nhà máy (Ảnh: TTXVN)", true},
		{"CaptionIllustrationVI", "Người lao động làm thủ tục tại sân bay. Ảnh minh họa", true},
		{"CaptionCreditEN", "Dock workers unload containers in Haiphong. Photo: Harbour Ledger", true},
		{"CaptionDatePlaceJA", "会談を前に握手する両国の外相＝4日、東京都港区", true},
		{"CaptionProviderJA", "ダナンに開いた事務所（同社提供）", true},
		{"SentenceEndingInPhotoKept", "Ông cho biết đã gửi hồ sơ và ảnh cho cơ quan chức năng.", false},
		{"JapaneseSentenceKept", "両外相は4日、会談した。日本側は支援を続ける考えを伝えた＝共同通信の取材で分かった。", false},
		{"PlayerNoticeJA", "動画を再生するには、JavaScriptを有効にしてください。", true},
		{"PlayerNoticeEN", "Please enable JavaScript to watch this video.", true},
		{"TipPromptJA", "情報提供はこちら", true},
		{"TipInviteJA", "南九州テレビでは、皆さまからの情報・映像を募集しています。", true},
		{"TipPromptVI", "Mời bạn đọc gửi thông tin, hình ảnh về đường dây nóng của báo.", true},
		{"ProgrammeInviteVI", "* Mời quý độc giả theo dõi các chương trình đã phát sóng trên TV Online!", true},
		{"VideoInviteVI", "Mời bạn đọc xem thêm video:", true},
		{"GalleryLinkJA", "この記事の写真を見る（5枚）", true},
		{"InviteInsideSentenceKept", "Ban tổ chức mời bạn đọc gửi ý kiến về dự thảo luật trước ngày 30/4.", false},
		{"PoliceAppealKept", "警察は目撃者からの情報提供を呼びかけています。", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dropPageLines([]string{tt.in}, &textContext{})
			if dropped := len(got) == 0; dropped != tt.drop {
				t.Fatalf("dropPageLines(%q) dropped=%v, want %v", tt.in, dropped, tt.drop)
			}
		})
	}
}

func TestDropPullQuotes(t *testing.T) {
	body := `"Một bản vẽ sai lệch nửa milimet cũng bị trả lại. Lúc đầu tôi thấy áp lực," anh nói.`
	tests := []struct {
		name string
		in   []string
		want int // paragraphs kept
	}{
		{"QuoteAfterSource", []string{body, "Một bản vẽ sai lệch nửa milimet cũng bị trả lại.", "Đoạn tiếp theo."}, 2},
		{"QuoteBeforeSource", []string{"「人を育てながら取引先も増やしたい」", "社長は「人を育てながら取引先も増やしたい」と話す。"}, 1},
		{"HeadingReusingWordsKept", []string{"Thiếu kỹ sư có kinh nghiệm thiết kế", "Việt Nam vẫn thiếu kỹ sư có kinh nghiệm thiết kế vi mạch."}, 2},
		{"ShortSentenceKept", []string{"Ông nói.", "Sau đó ông nói. Mọi người vỗ tay."}, 2},
		{"FarApartKept", append(append([]string{"Một bản vẽ sai lệch nửa milimet cũng bị trả lại."}, make8("Đoạn văn khác số")...), body), 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dropPullQuotes(tt.in, &textContext{}); len(got) != tt.want {
				t.Fatalf("kept %q, want %d paragraphs", got, tt.want)
			}
		})
	}
}

func make8(prefix string) []string {
	out := make([]string, 8)
	for i := range out {
		out[i] = prefix + " " + string(rune('A'+i)) + "."
	}
	return out
}
