package extract

import "regexp"

// This file is the knowledge the cleaning steps use, kept as data so that
// it can be read and extended without reading the code. Every entry is a
// convention shared by many sites; none names one page.

// boilerClassWords are words of class and id values that mark page parts
// which are not the article: lists of other articles, rankings, sharing
// buttons, advertisements, paywall prompts, captions, comments, tags.
// Values are split into words at punctuation, digits and camelCase
// humps ("relatedNews" is "related news"), and an entry matches a word
// or, when it has a space, a run of words. Entries marked as prefixes
// (ending in "*") also match longer words ("relatedbox").
var boilerClassWords = []string{
	// other articles
	"related*", "relate", "lienquan*", "tinlienquan*", "kanren*", "news other", "other news",
	"same cate", "recommend*", "pickup", "suggest*", "more stories", "read next", "readnext",
	"up next", "next article", "also read", "latest news", "stream",
	// rankings and most-read widgets
	"ranking*", "popular*", "most read", "mostread", "most viewed", "mostviewed", "trending",
	"docnhieu", "xemnhieu",
	// sharing and tools
	"share", "sharing", "sns", "social*", "bookmark*",
	// advertising
	"ad", "ads", "advert*", "adsense", "dfp", "banner", "sponsor*", "promo", "promotion", "pr",
	"outbrain", "taboola",
	// captions and credits
	"caption*", "figcaption", "credit*",
	// comments
	"comment*", "binhluan", "disqus",
	// bylines, tags, breadcrumbs, keyword lists
	"byline", "tags", "tag list", "keyword*", "breadcrumb*", "topic path", "topicpath",
	// page numbers of an article split over several pages
	"pager", "pagination*", "paging", "page nav", "pagenav",
	// newsletters
	"newsletter*", "signup",
	// site furniture; "=" entries must be the whole value (id="header")
	"masthead", "site header", "global header", "globalheader", "gnav", "menu", "navbar",
	"navigation", "nav", "ticker", "footer", "=header", "=sidebar", "sidebar*",
	"author", "writer",
}

// promptClassWords mark paywall and subscription prompts. Some sites give
// the same class to the container of the subscribers' full text, so only
// prompt-sized elements are removed (see maxPromptText).
var promptClassWords = []string{
	"paywall*", "regwall", "subscribe*", "subscription*", "piano", "meter", "premium*", "member*",
}

// leadClassWords mark the lead paragraph (standfirst, sapo) that many
// sites print between the headline and the body, outside the body's
// container; the extractor then misses it.
var leadClassWords = []string{
	"sapo", "lead", "standfirst", "summary", "abstract", "description", "desc", "chapo",
	"dek", "deck", "excerpt", "intro", "teaser", "subhead",
}

// listBullets are the marks sites print before a heading or a link to
// another article: "▼関連記事", "▶ Xem thêm", "■ Read more".
const listBullets = `[▼▽▶▷►■□●○◆◇★☆・*>»]*\s*`

// widgetTitles are the headings of lists of other articles; a link list
// under such a heading is dropped wherever it sits.
var widgetTitles = regexp.MustCompile(`(?i)^\s*` + listBullets + `[【\[]?\s*(` +
	`関連記事|関連ニュース|関連リンク|関連キーワード|あわせて読みたい|合わせて読みたい|こちらもおすすめ|おすすめ記事|あなたにおすすめ|` +
	`アクセスランキング|ランキング|ニュースランキング|よく読まれている記事|人気記事|最新記事|新着記事|注目の記事|` +
	`tin liên quan|bài liên quan|xem thêm|đọc thêm|tin cùng chuyên mục|cùng chuyên mục|tin mới|tin khác|đọc nhiều|xem nhiều|tiêu điểm|có thể bạn quan tâm|` +
	`related( articles| stories| news| coverage)?|more (stories|from|on this)|read (more|next)|most (read|popular|viewed)|recommended|trending|you may also like|also read` +
	`)\s*[】\]]?\s*[:：]?\s*$`)

// adLabels are the labels sites print over an advertisement inside or
// beside an article.
var adLabels = regexp.MustCompile(`(?i)^\s*(advertisement|advertising|sponsored( content)?|sponsor(ed)? links?|ads? by|anzeige|publicité|広告|pr|スポンサーリンク|quảng cáo|tài trợ)\s*$`)

// teaserPrefixes start a line that points to another article: the rest
// of the line is a headline and a link.
var teaserPrefixes = regexp.MustCompile(`(?i)^\s*` + listBullets + `(read more|read also|see also|also read|related|more|xem thêm|đọc thêm|>>|»|もっと読む|関連記事|あわせて読みたい|【関連記事】|関連)\s*[:：]?`)

// paywallWall are prompts that mark where the free part of an article
// ends: nothing after them is article text.
var paywallWall = regexp.MustCompile(`(?i)` +
	`この記事は(有料|会員限定|読者会員限定)|有料記事です|残り\s*[0-9,０-９]+\s*文字|会員限定です|有料会員(になる|登録)|` +
	`登録すると続き|続きは(有料|会員)|` +
	`this (article|story|content) is (only )?(available )?(for|to) (subscribers|members)|subscribe (now )?to (continue|read|unlock)|` +
	`to continue reading,? (please )?(subscribe|log ?in|sign in)|already a subscriber\?|` +
	`nội dung (này )?dành cho (thành viên|hội viên|bạn đọc trả phí)|đăng ký (để )?đọc (tiếp|toàn bộ)`)

// paywallPrompts are shorter invitations to continue or to subscribe; the
// line itself goes, the text around it stays.
var paywallPrompts = regexp.MustCompile(`(?i)^\s*(` +
	`続きを読む|続きを読むには|続きをお読みいただけます|ログインして続きを読む|今すぐ登録|無料登録|` +
	`continue reading|read the full (story|article)|subscribe( now)?|sign up|log ?in to (read|continue)|` +
	`đọc tiếp|đọc toàn bài|đăng nhập để đọc` +
	`)`)

// creditLines are lines about the page rather than the story: copyright
// notices, reproduction bans, source and photo credits.
var creditLines = regexp.MustCompile(`(?i)^\s*(` +
	`©|\(c\)\s|copyright\b|all rights reserved|bản quyền|` +
	`(theo|nguồn)\s*:?\s*[\p{Lu}\p{N}]|ảnh\s*:|` +
	`[（(]?(写真|画像|図|映像|出典|提供)\s*[＝=:：]` +
	`)|無断(転載|転用|複製)|all rights reserved\.?\s*$`)

// titleCredits are bracketed credits that some sites append to a
// headline: the photo's source or the news agency.
var titleCredits = regexp.MustCompile(`\s*[（(](写真|画像|映像|動画|提供)\s*[＝=:：][^（）()]{1,30}[）)]\s*$`)

// captionCredits end a photo caption printed as a paragraph of the body:
// the photographer or source ("... Ảnh: THÀNH LÂN", "(Photo: Reuters)"),
// or in Japanese newspaper style the date and place after an equals
// sign ("...握手する両首脳＝4日、東京都港区") or a provider in brackets.
var captionCredits = regexp.MustCompile(`(?i)(` +
	`(^|[.!?)\]）])\s*` + photoCredit + `|[(（\[]\s*` + photoCredit + `[)）\]]|` +
	`[(（]?ảnh minh họa[)）]?` +
	`)\s*\.?\s*$|` +
	`^[^。]{4,}([＝=]\s*[0-9０-９]{1,2}日[^。]{0,40}|[（(][^（）()。]{1,20}提供[）)])\s*$`)

// captionWords are parts of words one of which ends every caption
// captionCredits matches, in each case they are written in.
var captionWords = []string{"ảnh", "Ảnh", "ẢNH", "hoto", "HOTO", "mage", "MAGE", "icture", "ICTURE", "日", "提供"}

const photoCredit = `(ảnh|nguồn ảnh|ảnh chụp|photo|photograph|image|picture)\s*(:|：|by\s)\s*[^.!?。:：()（）\[\]]{1,60}`

// staffLabels are the labels of the credit line that long-form pages
// print under or over the story: "Bài: MAI ANH - Ảnh: ĐỨC THỊNH - Thiết
// kế: HẢI YẾN", "文・写真：山田花子". A line made only of such labels and
// names is not article text.
var staffLabels = regexp.MustCompile(`(?i)(?:^|[-–|/／　]\s*|\s{2,})((?:` + staffLabelWords + `)(?:\s*(?:và|・|&|and|,)\s*(?:` + staffLabelWords + `))*)\s*[:：]\s*`)

const staffLabelWords = `bài viết|bài|nội dung|ảnh|video|thiết kế|đồ họa|trình bày|thực hiện|biên tập|kỹ thuật|quay phim|dựng phim|` +
	`text|words|photos?|design|graphics|editing|reporting|produced by|` +
	`取材|文|写真|構成|撮影|編集|聞き手|イラスト|デザイン`

// noticeWords are words one of which is in every notice pageNotices
// matches.
var noticeWords = []string{"javascript", "browser", "ブラウザ", "trình duyệt", "提供", "投稿", "募集", "お待ち", "tip", "mời", "を見る", "一覧"}

// pageNotices are messages about the page itself rather than the story:
// the fallback text of a video or audio player, invitations to send the
// newsroom tips, photos or videos or to watch its programmes, and links
// to the article's photo gallery.
var pageNotices = regexp.MustCompile(`(?i)` +
	`javascript\s*(を|が)\s*(有効|オン|on)|enable javascript|javascript (is )?(disabled|required|turned off)|` +
	`(bật|kích hoạt) javascript|your browser does not support|お使いのブラウザ(で|は)|trình duyệt (của bạn )?không hỗ trợ|` +
	`^\s*(情報|映像|写真|動画)([・･](情報|映像|写真|動画))*(提供|投稿)(はこちら|フォーム)|` +
	`皆(さま|様|さん)からの.{0,12}(情報|映像|写真|動画).{0,12}(募集|お待ち)|` +
	`^\s*(have|got) a (news )?tip|^\s*send us (your )?(news )?tips?\b|` +
	`^\W*mời (quý )?(bạn đọc|độc giả|khán giả|quý vị) (gửi|cung cấp|theo dõi|xem|đón đọc|đón xem)|` +
	`^\s*(この記事の)?(写真|画像|動画)(を見る|をすべて見る|を全て見る|一覧)`)
