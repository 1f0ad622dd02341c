package classify

import (
	"testing"

	crawler "github.com/vnjp-monitor/crawler"
	"golang.org/x/text/unicode/norm"
)

// Vietnamese articles written for these tests; names and figures are
// invented.
var vietnameseArticles = []article{
	{
		name:  "hội đàm cấp cao",
		title: "Thủ tướng Việt Nam hội đàm với Thủ tướng Nhật Bản",
		text: "Chiều 12/3, tại Hà Nội, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Nhật Bản đang thăm chính thức Việt Nam.\n" +
			"Hai nhà lãnh đạo nhất trí tăng cường tin cậy chính trị và đưa quan hệ Đối tác chiến lược toàn diện đi vào chiều sâu.\n" +
			"Hai bên thống nhất đẩy mạnh hợp tác trong các lĩnh vực kinh tế, lao động, văn hóa và giáo dục.",
		relevant: true, primary: crawler.PillarPolitical,
		pillars: []string{crawler.PillarEconomy, crawler.PillarLabour, crawler.PillarCulture, crawler.PillarEducation},
	},
	{
		name:  "đối thoại quốc phòng",
		title: "Đối thoại chính sách quốc phòng Việt Nam - Nhật Bản lần thứ 12",
		text: "Thứ trưởng Bộ Quốc phòng Việt Nam và Thứ trưởng Bộ Quốc phòng Nhật Bản đồng chủ trì đối thoại tại Hà Nội.\n" +
			"Hai bên đánh giá cao kết quả hợp tác quốc phòng, nhất là trong đào tạo, gìn giữ hòa bình Liên hợp quốc và an ninh hàng hải.",
		relevant: true, primary: crawler.PillarDefence,
		not: []string{crawler.PillarPolitical},
	},
	{
		name:  "vốn vay ODA",
		title: "Nhật Bản cho Việt Nam vay 50 tỷ yên làm đường sắt đô thị",
		text: "Cơ quan Hợp tác Quốc tế Nhật Bản (JICA) và Bộ Tài chính đã ký hiệp định vốn vay ODA trị giá 50 tỷ yên.\n" +
			"Khoản vay sẽ dùng để xây dựng tuyến đường sắt đô thị số 2 và hệ thống thoát nước tại Hà Nội.",
		relevant: true, primary: crawler.PillarDevelopment,
		not: []string{crawler.PillarPolitical},
	},
	{
		name:  "chữ Nhật đứng một mình",
		title: "Doanh nghiệp Nhật tăng đầu tư vào Việt Nam",
		text: "Theo khảo sát mới, hơn 60% doanh nghiệp Nhật đang hoạt động tại Việt Nam muốn mở rộng sản xuất trong hai năm tới.\n" +
			"Vốn đầu tư trực tiếp từ Nhật vào Việt Nam năm nay đạt 5 tỷ USD, kim ngạch thương mại song phương tăng 8%.",
		relevant: true, primary: crawler.PillarEconomy,
	},
	{
		name:  "cập nhật và Chủ nhật không phải Nhật Bản",
		title: "Cập nhật tình hình mưa lũ ngày Chủ nhật",
		text: "Sáng Chủ nhật, mưa lớn tiếp tục tại các tỉnh miền Trung, nhiều tuyến đường bị ngập.\n" +
			"Ban chỉ đạo phòng chống thiên tai sẽ cập nhật thông tin mỗi giờ.",
		relevant: false,
	},
	{
		name:  "Việt Nam với Hàn Quốc",
		title: "Việt Nam và Hàn Quốc ký thỏa thuận lao động",
		text: "Bộ trưởng Lao động Việt Nam và Bộ trưởng Việc làm Hàn Quốc đã ký bản ghi nhớ về đưa người lao động sang Hàn Quốc.\n" +
			"Hàn Quốc sẽ tiếp nhận thêm 10.000 lao động Việt Nam trong năm tới.",
		relevant: false,
	},
	{
		name:  "thực tập sinh",
		title: "Bảo vệ quyền lợi thực tập sinh Việt Nam tại Nhật Bản",
		text: "Hiện có khoảng 200.000 thực tập sinh kỹ năng người Việt Nam đang làm việc tại Nhật Bản.\n" +
			"Hai bên cam kết giảm chi phí môi giới và bảo vệ quyền lợi của người lao động theo chương trình kỹ năng đặc định.",
		relevant: true, primary: crawler.PillarLabour,
	},
	{
		name:  "tỉnh và tỉnh",
		title: "Tỉnh Quảng Ninh và tỉnh Hokkaido ký kết thỏa thuận hợp tác",
		text: "Chiều 20/5, lãnh đạo tỉnh Quảng Ninh và đoàn đại biểu tỉnh Hokkaido (Nhật Bản) đã hội đàm và ký thỏa thuận hợp tác.\n" +
			"Hai địa phương nhất trí tăng cường tin cậy chính trị ở cấp địa phương, hợp tác về du lịch và nông nghiệp.",
		relevant: true, primary: crawler.PillarLocal,
		not: []string{crawler.PillarPolitical},
	},
	{
		name:  "chuyển đổi năng lượng",
		title: "Việt Nam và Nhật Bản thúc đẩy chuyển đổi năng lượng",
		text: "Bộ Công Thương và Bộ Kinh tế, Thương mại và Công nghiệp Nhật Bản đã thảo luận về hợp tác trong khuôn khổ Cộng đồng Phát thải ròng bằng 0 châu Á (AZEC).\n" +
			"Hai bên nhất trí thúc đẩy các dự án điện gió ngoài khơi, năng lượng tái tạo và hydrogen nhằm ứng phó với biến đổi khí hậu.",
		relevant: true, primary: crawler.PillarGreen,
	},
	{
		name:  "hợp tác y tế",
		title: "Việt Nam - Nhật Bản tăng cường hợp tác y tế",
		text: "Bộ trưởng Bộ Y tế đã tiếp Đại sứ Nhật Bản tại Việt Nam để bàn về hợp tác y tế.\n" +
			"Phía Nhật Bản sẽ hỗ trợ trang thiết bị cho bệnh viện tuyến tỉnh và đào tạo điều dưỡng chăm sóc người cao tuổi.",
		relevant: true, primary: crawler.PillarHealth,
		not: []string{crawler.PillarPolitical},
	},
	{
		name:  "an ninh lương thực không phải quốc phòng",
		title: "Việt Nam và Nhật Bản hợp tác bảo đảm an ninh lương thực",
		text: "Hai nước sẽ hợp tác bảo đảm an ninh lương thực, mở rộng xuất khẩu nông sản Việt Nam sang Nhật Bản.\n" +
			"Các doanh nghiệp Nhật Bản cũng sẽ đầu tư vào chế biến nông sản tại đồng bằng sông Cửu Long.",
		relevant: true, primary: crawler.PillarEconomy,
		not: []string{crawler.PillarDefence},
	},
	{
		name:  "học bổng",
		title: "Nhật Bản cấp 100 suất học bổng cho sinh viên Việt Nam",
		text: "Chính phủ Nhật Bản năm nay cấp 100 suất học bổng thạc sĩ cho sinh viên Việt Nam theo học tại các trường đại học Nhật Bản.\n" +
			"Các ứng viên được Bộ Giáo dục và Đào tạo và Đại sứ quán Nhật Bản tuyển chọn.",
		relevant: true, primary: crawler.PillarEducation,
	},
}

// withoutMarks is the Viet Nam–Japan ODA story typed without diacritics.
var withoutMarks = article{
	name:  "không dấu",
	title: "Nhat Ban cho Viet Nam vay von ODA lam duong sat do thi",
	text: "Co quan Hop tac Quoc te Nhat Ban (JICA) va Bo Tai chinh da ky hiep dinh von vay ODA tri gia 50 ty yen.\n" +
		"Khoan vay se dung de xay dung tuyen duong sat do thi so 2 tai Ha Noi.",
	relevant: true, primary: crawler.PillarDevelopment,
}

func TestClassifyVietnamese(t *testing.T) {
	c := mustShipped(t)
	for _, a := range vietnameseArticles {
		t.Run(a.name, func(t *testing.T) { a.check(t, c) })
	}
	t.Run("không dấu", func(t *testing.T) { withoutMarks.check(t, c) })
	t.Run("NFD", func(t *testing.T) {
		a := vietnameseArticles[0]
		a.title, a.text = norm.NFD.String(a.title), norm.NFD.String(a.text)
		a.check(t, c)
	})
	t.Run("dashes", func(t *testing.T) {
		for _, title := range []string{"Việt Nam – Nhật Bản ký hiệp định vay ODA", "Việt Nam—Nhật Bản ký hiệp định vay ODA", "Viet Nam - Nhat Ban ky hiep dinh vay ODA", "Việt-Nhật ký hiệp định vay ODA"} {
			got := c.Classify(Input{Title: title, Text: "Khoản vay dành cho tuyến đường sắt đô thị."})
			if !got.Relevant || got.Primary != crawler.PillarDevelopment {
				t.Errorf("%q: Relevant=%v Primary=%q, want relevant %s", title, got.Relevant, got.Primary, crawler.PillarDevelopment)
			}
		}
	})
	t.Run("old tone placement", func(t *testing.T) {
		// "hoà" and "khoẻ" are the same words as "hòa" and "khỏe".
		got := c.Classify(Input{Title: "Việt Nam và Nhật Bản hợp tác chăm sóc sức khoẻ", Text: "Hai bên ký kết hợp tác về chăm sóc sức khoẻ người cao tuổi."})
		if got.Primary != crawler.PillarHealth {
			t.Errorf("Primary=%q, want %s", got.Primary, crawler.PillarHealth)
		}
	})
}
