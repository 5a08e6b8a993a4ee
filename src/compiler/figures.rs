//! Figures: the statistics one paragraph of a Vietnamese report states.
//!
//! [`extract`] reads one NFC paragraph and returns every counted quantity it finds ("gần 5.000
//! tổ dân vận", "42 /120 hồ sơ", "98,5%", "13 tỷ 355 triệu đồng") with its unit, qualifier, the
//! period its sentence ties it to, and its exact char span. It is rule based: numbers are read
//! the Vietnamese way, then a number only becomes a figure when something countable follows it.
//! That one requirement removes most traps (years, dates, document numbers, "Covid-19",
//! "Vành đai 4", "94 năm"); the remaining ones are ruled out by the word in front of the number.
//!
//! # Rules
//!
//! - **Numbers.** A dot groups thousands ("13.663" = 13663) when every group after the first has
//!   three digits; a comma is the decimal point ("2,5" = 2.5); a lone dot before a group of other
//!   than three digits is read as a decimal point ("2.5"). Anything else ("17.3.2024", "1,2,3") is
//!   not a number. More than 15 digits is not a statistic.
//! - **Span.** `start..end` covers the number as written, with its scale words and nothing else:
//!   "13.663", "2,5", "98,5%" (a "%" sign, even after a space, is included), "5 nghìn",
//!   "1,2 nghìn tỷ", "13 tỷ 355 triệu", "42 /120". The qualifier ("hơn", "hàng") and the unit are
//!   outside the span, so "hàng trăm nghìn cán bộ" has the span "trăm nghìn". Display code should
//!   show the value with the unit and use the span only to highlight the source.
//! - **Scale words** multiply: trăm 100, nghìn/ngàn 1 000, vạn 10 000, triệu 10⁶, tỷ/tỉ 10⁹.
//!   "13 tỷ 355 triệu" adds its parts (each part smaller than the one before).
//! - **Money** ("đồng", "USD", "VND") is normalised by size: an amount of at least one tỷ is given
//!   in "tỷ đồng", at least one triệu in "triệu đồng", otherwise in "đồng" (likewise "tỷ USD",
//!   "triệu USD", "USD"). So "1,2 nghìn tỷ đồng" = 1200 tỷ đồng, "2.500 triệu đồng" = 2.5 tỷ đồng,
//!   "13 tỷ 355 triệu đồng" = 13.355 tỷ đồng.
//! - **"hàng" + scale** ("hàng trăm", "hàng nghìn", "hàng trăm nghìn") is the lower bound the
//!   words name (100, 1 000, 100 000), qualified `approx`.
//! - **Numbers in words** (hai … mười, "hai mươi lăm", "mười hai") count only before a noun from
//!   the counted-noun lexicon. "một" is never read as a figure: in reports it is an article
//!   ("Một nội dung nữa là …", "một số", "một trong những").
//! - **Unit.** "%"; a money unit; a quoted name right after the number ("hơn 26.000 “Tổ Covid-19
//!   cộng đồng”" → "Tổ Covid-19 cộng đồng", kept as written); the longest noun phrase of the
//!   counted-noun lexicon, extended over a comma-separated list of lexicon nouns ("579 xã, phường,
//!   thị trấn" → "xã, phường, thị trấn"), lower-cased; otherwise (for digits only) up to three
//!   lower-case syllables up to the first punctuation, number or function word. A time unit
//!   ("năm", "tháng", …), "lần", "tuổi" or "không" right after the number means it is a
//!   duration, an ordinal-like count or a slogan ("5 không"): no figure.
//! - **Not figures.** Four-digit years 1900–2100; dates ("30/7/2021", "quý 2/2024", "ngày 13/1");
//!   codes glued by "-" or "/" ("25-NQ/TW", "Covid-19", "2021-2026"); numbers right after a word
//!   that names or orders things ("số", "thứ", "lần", "khóa", "tháng", "Nghị quyết", "Chương
//!   trình hành động", "Vành đai", "Quận", …).
//! - **Qualifier**, from the words right before the number: gần/khoảng/hàng/ước/ước tính/xấp
//!   xỉ/chừng → approx; hơn/trên/vượt → over; dưới/chưa đến/không đến/chưa tới/chưa đầy →
//!   under.
//! - **Period**, as written: a year, quarter or range ("năm 2021", "quý 2/2024", "từ năm 2007-2023",
//!   "từ năm 2022 đến quý 2/2024", "giai đoạn 2022 - 2026"). A figure takes the nearest period
//!   before it in its clause (clauses are split at ";"), else the nearest after it in its clause,
//!   else the nearest before it in its sentence; a period after "so với" is a comparison base and
//!   never used.
//!
//! All keyword matching goes through [`toned_key`], so tone-mark placement ("hoà"/"hòa") and case
//! never matter.

use crate::core::model::{Figure, Qualifier};
use crate::core::text::{char_slice, toned_key, tokenize, Token};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Figures stated in one paragraph (NFC text). Each Figure's `paragraph` is set to `paragraph`.
///
/// Figures come in text order; the same figure stated in two paragraphs is returned for each
/// (deduplication is the caller's job). Never panics.
pub fn extract(paragraph: usize, text: &str) -> Vec<Figure> {
    let scan = Scan::new(text);
    let periods = scan.periods();
    let mut figures = Vec::new();
    let mut k = 0;
    while k < scan.toks.len() {
        let (next, found) = if scan.is_digits(k) {
            scan.digit_figure(k)
        } else {
            scan.word_figure(k)
        };
        let found_next = found.as_ref().map(|r| r.next);
        if let Some(raw) = found {
            let period = scan.period_for(&periods, raw.start, raw.end);
            figures.push(Figure {
                value: raw.value,
                unit: raw.unit,
                qualifier: raw.qualifier,
                period,
                paragraph,
                start: raw.start,
                end: raw.end,
                text: char_slice(text, raw.start, raw.end).to_owned(),
                of: raw.of,
            });
        }
        let after = found_next.unwrap_or(0);
        // Every handler consumes at least the token it started on, so the scan always ends.
        k = next.max(after).max(k + 1);
    }
    figures
}

/// The keyword lists, as toned keys, built once.
struct Lexicon {
    /// Counted nouns, longest first, each a list of syllable keys.
    units: Vec<Vec<String>>,
    /// Words that make the number a duration or a time ("94 năm", "tháng 10").
    time_units: HashSet<String>,
    /// Words after a number that mean it is not a count of things ("5 không", "2 lần", "80 tuổi").
    not_units: HashSet<String>,
    /// Function words and common verbs that end a fallback unit.
    stop: HashSet<String>,
    /// Phrases in front of a number that make it a name, a code or an ordinal.
    name_heads: Vec<Vec<String>>,
    /// Words in front of "a/b" that make it a date ("ngày 13/1").
    date_heads: HashSet<String>,
    qualifiers: Vec<(Vec<String>, Qualifier)>,
    scales: Vec<(String, f64)>,
    /// Number words that can start a number (not "một", see the module doc).
    small: Vec<(String, u32)>,
    /// Number words that can follow "mươi"/"mười".
    ones: Vec<(String, u32)>,
    /// Words in front of "năm" that make it "year", not "five" ("hàng năm", "trong năm").
    year_not_five: HashSet<String>,
}

fn keys(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(toned_key).collect()
}

fn key_set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| toned_key(w)).collect()
}

const UNITS: &[&str] = &[
    // People.
    "người", "người dân", "người lao động", "lượt người", "lượt", "hộ", "hộ dân", "hộ gia đình",
    "gia đình", "cá nhân", "tập thể", "cán bộ", "công chức", "viên chức", "đảng viên", "đoàn viên",
    "hội viên", "thành viên", "đại biểu", "học viên", "học sinh", "sinh viên", "giáo viên",
    "công nhân", "nông dân", "lao động", "thanh niên", "phụ nữ", "cựu chiến binh", "chiến sĩ",
    "tình nguyện viên", "đồng chí", "đồng bào", "chức sắc", "chức việc", "tín đồ", "bệnh nhân",
    "trường hợp", "ca", "ca mắc", "ca nhiễm", "nhân khẩu", "khẩu", "trẻ em", "em", "cháu", "cụ",
    "gương", "tấm gương", "gương điển hình", "điển hình", "nhân viên", "y bác sĩ", "bác sĩ",
    "người có uy tín", "già làng", "trưởng bản",
    // Organisations and places.
    "đơn vị", "tổ chức", "tổ chức cơ sở đảng", "cơ sở", "chi bộ", "đảng bộ", "đảng bộ cơ sở",
    "cơ quan", "doanh nghiệp", "hợp tác xã", "hội", "chi hội", "hội quần chúng", "tổ", "tổ dân vận",
    "tổ dân phố", "tổ công tác", "tổ tự quản", "tổ nhân dân", "tổ hòa giải", "tổ covid cộng đồng",
    "khu phố", "ấp", "thôn", "bản", "làng", "xóm", "khu dân cư", "xã", "phường", "thị trấn",
    "quận", "huyện", "thị xã", "thành phố", "tỉnh", "tỉnh thành", "địa phương", "địa bàn", "sở",
    "ban", "ngành", "trường", "trường học", "bệnh viện", "trạm y tế", "trạm", "điểm", "điểm cầu",
    "điểm tiêm", "khu cách ly", "vùng xanh", "chốt", "dân tộc", "tôn giáo", "cơ sở tôn giáo",
    "tổ chức tôn giáo", "quốc gia", "nước",
    // Activities, documents, things.
    "mô hình", "chương trình", "chương trình công tác", "chương trình hành động", "kế hoạch",
    "văn bản", "nghị quyết", "đề án", "chỉ thị", "kết luận", "quy chế", "nội dung", "nhiệm vụ",
    "giải pháp", "tiêu chí", "chỉ tiêu", "đơn", "đơn thư", "thư", "vụ", "vụ việc", "việc",
    "kiến nghị", "ý kiến", "hồ sơ", "thủ tục", "thủ tục hành chính", "tin", "bài", "tin bài",
    "bài viết", "tác phẩm", "tài liệu", "cuốn", "lớp", "lớp học", "khóa học",
    "buổi", "cuộc", "hội nghị", "hội thảo", "cuộc họp", "cuộc thi", "cuộc vận động", "đợt",
    "phong trào", "hoạt động", "sự kiện", "dự án", "công trình", "căn nhà", "căn", "ngôi nhà",
    "nhà", "nhà đại đoàn kết", "nhà tình nghĩa", "nhà tình thương", "suất", "suất quà", "phần quà",
    "phần", "món quà", "quà", "học bổng", "suất học bổng", "túi thuốc", "tấn", "tấn gạo", "kg",
    "km", "ha", "héc-ta", "mét", "m", "cây", "con", "chiếc", "xe", "bộ", "tuyến", "tuyến đường",
    "con đường", "cây cầu", "cầu", "giếng", "bình chọn", "lượt truy cập", "lượt xem", "câu hỏi",
    "câu", "ngày công", "giờ công", "đầu mối", "điểm sáng", "sáng kiến", "đề tài", "chuyên đề",
];

const TIME_UNITS: &[&str] = &[
    "năm", "tháng", "ngày", "giờ", "phút", "giây", "tuần", "quý", "thập kỷ", "thập niên", "thế kỷ",
    "kỳ", "mùa", "đêm", "thập", "thế",
];

const NOT_UNITS: &[&str] = &["không", "lần", "tuổi", "bậc", "sao", "sau", "trước"];

const STOP: &[&str] = &[
    "của", "ở", "tại", "trong", "cho", "với", "và", "hoặc", "hay", "là", "được", "đã", "có", "thì",
    "mà", "để", "từ", "đến", "tới", "về", "theo", "trên", "dưới", "các", "những", "này", "đó",
    "kia", "không", "chưa", "bị", "sẽ", "đang", "vừa", "mới", "rồi", "nữa", "cũng", "đều", "vào",
    "ra", "lên", "xuống", "qua", "như", "nhưng", "nên", "vì", "do", "bởi", "nếu", "khi", "sau",
    "trước", "gồm", "bao", "so", "hơn", "nhất", "đạt", "tăng", "giảm", "còn", "chỉ", "mỗi", "cùng",
    "nhằm", "thuộc", "trực", "gần", "khoảng", "nhiều", "ít", "tham", "thực", "tổng", "số", "đi",
];

const NAME_HEADS: &[&str] = &[
    "số", "thứ", "lần", "khóa", "kỳ", "nhiệm kỳ", "năm", "tháng", "ngày", "quý", "tuần", "đợt",
    "giai đoạn", "phiên", "điều", "khoản", "chương", "mục", "phần", "nghị quyết", "chỉ thị",
    "quyết định", "kết luận", "thông tư", "nghị định", "quy định", "hướng dẫn", "công văn",
    "đề án", "kế hoạch", "thông báo", "chương trình", "luật", "tờ trình", "báo cáo", "quận",
    "phường", "tổ", "khu phố", "tổ dân phố", "ấp", "thôn", "khu", "lô", "đường", "quốc lộ",
    "tỉnh lộ", "vành đai", "phòng", "tầng", "cấp độ", "lớp", "khối", "hạng", "top", "mã",
    "trang", "hình", "bảng", "ảnh", "câu", "covid", "quân khu", "quân đoàn", "sư đoàn",
    "trung đoàn", "tiểu đoàn", "lữ đoàn", "đại đội", "đội", "sân", "cổng", "bến", "ga", "tuyến",
    "công nghiệp", "iso", "chương trình hành động", "mã số", "f",
];

const DATE_HEADS: &[&str] = &[
    "ngày", "hôm", "sáng", "chiều", "tối", "đêm", "trưa", "từ", "đến", "tới", "tháng", "quý",
];

const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("ước tính khoảng", Qualifier::Approx),
    ("chưa đến", Qualifier::Under),
    ("chưa tới", Qualifier::Under),
    ("chưa đầy", Qualifier::Under),
    ("không đến", Qualifier::Under),
    ("không tới", Qualifier::Under),
    ("không quá", Qualifier::Under),
    ("ít hơn", Qualifier::Under),
    ("ước tính", Qualifier::Approx),
    ("ước khoảng", Qualifier::Approx),
    ("ước đạt", Qualifier::Approx),
    ("xấp xỉ", Qualifier::Approx),
    ("nhiều hơn", Qualifier::Over),
    ("gần", Qualifier::Approx),
    ("khoảng", Qualifier::Approx),
    ("hàng", Qualifier::Approx),
    ("ước", Qualifier::Approx),
    ("chừng", Qualifier::Approx),
    ("hơn", Qualifier::Over),
    ("trên", Qualifier::Over),
    ("vượt", Qualifier::Over),
    ("dưới", Qualifier::Under),
];

const SCALES: &[(&str, f64)] = &[
    ("chục", 10.0),
    ("trăm", 100.0),
    ("nghìn", 1e3),
    ("ngàn", 1e3),
    ("vạn", 1e4),
    ("triệu", 1e6),
    ("tỷ", 1e9),
    ("tỉ", 1e9),
];

const SMALL: &[(&str, u32)] = &[
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("bẩy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
];

const ONES: &[(&str, u32)] = &[
    ("một", 1),
    ("mốt", 1),
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("tư", 4),
    ("năm", 5),
    ("lăm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("bẩy", 7),
    ("tám", 8),
    ("chín", 9),
];

const YEAR_NOT_FIVE: &[&str] = &[
    "hàng", "mỗi", "trong", "cả", "các", "những", "nhiều", "từng", "cuối", "đầu", "giữa", "qua",
    "nay", "của", "này", "suốt", "cùng", "vào", "thứ",
];

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut units: Vec<Vec<String>> = UNITS.iter().map(|u| keys(u)).collect();
        // Longest first, so "chương trình công tác" wins over "chương trình".
        units.sort_by_key(|u| std::cmp::Reverse(u.len()));
        let mut name_heads: Vec<Vec<String>> = NAME_HEADS.iter().map(|u| keys(u)).collect();
        name_heads.sort_by_key(|u| std::cmp::Reverse(u.len()));
        let pairs = |list: &[(&str, u32)]| list.iter().map(|(w, v)| (toned_key(w), *v)).collect();
        Lexicon {
            units,
            time_units: key_set(TIME_UNITS),
            not_units: key_set(NOT_UNITS),
            stop: key_set(STOP),
            name_heads,
            date_heads: key_set(DATE_HEADS),
            qualifiers: QUALIFIERS.iter().map(|(p, q)| (keys(p), *q)).collect(),
            scales: SCALES.iter().map(|(w, v)| (toned_key(w), *v)).collect(),
            small: pairs(SMALL),
            ones: pairs(ONES),
            year_not_five: key_set(YEAR_NOT_FIVE),
        }
    })
}

/// A figure before its period is known.
struct Raw {
    value: f64,
    unit: String,
    qualifier: Option<Qualifier>,
    start: usize,
    end: usize,
    of: Option<f64>,
    /// The token after the number's last word, where scanning goes on.
    next: usize,
}

/// A run of digit tokens joined by "." or "," with nothing else between ("13.663", "2,5").
struct Chain {
    /// The token after the chain.
    end: usize,
    /// None when the run is not a number ("17.3.2024", "1,2,3", too many digits).
    value: Option<f64>,
    /// Whether the run is one plain group of digits (a candidate year).
    plain: bool,
}

/// How the number was written, which decides which units may follow it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Digits,
    Words,
    /// "hàng" followed by scale words.
    Hang,
}

/// What follows a number.
enum Unit {
    /// The unit and the token after it.
    Found(String),
    /// The number is a duration, an ordinal-like count or a slogan: no figure at all.
    Rejected,
    None,
}

struct Scan<'a> {
    text: &'a str,
    chars: Vec<char>,
    toks: Vec<Token>,
    lex: &'static Lexicon,
    /// Per char: whether a sentence ends with it.
    ends: Vec<bool>,
}

fn is_ws(gap: &[char]) -> bool {
    gap.iter().all(|c| c.is_whitespace())
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‑')
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '"' | '«' | '‘' | '\'' | '„')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '"' | '»' | '’' | '\'' | '“')
}

/// Rounds away binary noise from scaling ("1,2 nghìn tỷ" must be exactly 1200).
fn tidy(v: f64) -> f64 {
    if v.abs() < 1e9 {
        (v * 1e6).round() / 1e6
    } else {
        v.round()
    }
}

/// Per char of a paragraph: whether a sentence ends with it. A sentence ends at a line break, or
/// at ".", "!", "?" or "…" before whitespace or the end, but not after an abbreviation such as
/// "TP." (as in "TP. Hồ Chí Minh").
fn sentence_ends(chars: &[char], toks: &[Token]) -> Vec<bool> {
    const ABBREVIATIONS: [&str; 8] = ["tp", "tx", "tt", "ts", "ths", "pgs", "gs", "bs"];
    let abbreviated: HashSet<usize> = toks
        .iter()
        .filter(|t| ABBREVIATIONS.contains(&t.toned.as_str()))
        .map(|t| t.end)
        .collect();
    (0..chars.len())
        .map(|p| {
            let c = chars[p];
            let punct = matches!(c, '.' | '!' | '?' | '…')
                && chars.get(p + 1).is_none_or(|n| n.is_whitespace())
                && !(c == '.' && abbreviated.contains(&p));
            c == '\n' || punct
        })
        .collect()
}

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Scan<'a> {
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(text);
        let ends = sentence_ends(&chars, &toks);
        Scan { text, chars, toks, lex: lexicon(), ends }
    }

    /// The chars between token `k - 1` and token `k` (from the start, or to the end, at the edges).
    fn gap_before(&self, k: usize) -> &[char] {
        let n = self.chars.len();
        let s = if k == 0 { 0 } else { self.toks.get(k - 1).map_or(n, |t| t.end) };
        let e = self.toks.get(k).map_or(n, |t| t.start);
        self.chars.get(s..e.max(s)).unwrap_or(&[])
    }

    fn key(&self, k: usize) -> &str {
        self.toks.get(k).map_or("", |t| t.toned.as_str())
    }

    fn is(&self, k: usize, key: &str) -> bool {
        self.key(k) == key
    }

    fn is_digits(&self, k: usize) -> bool {
        let key = self.key(k);
        !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit())
    }

    /// Whether token `k` follows token `k - 1` with only whitespace between.
    fn spaced(&self, k: usize) -> bool {
        k < self.toks.len() && k > 0 && is_ws(self.gap_before(k))
    }

    /// Whether `phrase` matches the tokens from `k`, separated by whitespace only.
    fn phrase_at(&self, k: usize, phrase: &[String]) -> bool {
        !phrase.is_empty()
            && phrase.iter().enumerate().all(|(i, p)| self.key(k + i) == p.as_str())
            && (1..phrase.len()).all(|i| self.spaced(k + i))
    }

    /// Whether `phrase` ends right before token `k`, with only whitespace before `k`.
    fn phrase_before(&self, k: usize, phrase: &[String]) -> bool {
        k >= phrase.len() && self.spaced(k) && self.phrase_at(k - phrase.len(), phrase)
    }

    fn scale(&self, k: usize) -> Option<f64> {
        let key = self.key(k);
        self.lex.scales.iter().find(|(w, _)| w == key).map(|(_, v)| *v)
    }

    fn chain(&self, k: usize) -> Chain {
        let mut groups = vec![self.key(k)];
        let mut seps = Vec::new();
        let mut j = k + 1;
        while j < self.toks.len() && self.is_digits(j) {
            match self.gap_before(j) {
                [c @ ('.' | ',')] => {
                    seps.push(*c);
                    groups.push(self.key(j));
                    j += 1;
                }
                _ => break,
            }
        }
        let digits: usize = groups.iter().map(|g| g.len()).sum();
        let thousands = |gs: &[&str]| gs.iter().all(|g| g.len() == 3);
        let first_ok = groups[0].len() <= 3;
        let (int, frac): (String, &str) = match seps.as_slice() {
            [] => (groups[0].to_owned(), ""),
            s if s.iter().all(|c| *c == '.') && first_ok && thousands(&groups[1..]) => {
                (groups.concat(), "")
            }
            [.., ','] if seps[..seps.len() - 1].iter().all(|c| *c == '.')
                && (seps.len() == 1 || first_ok)
                && thousands(&groups[1..groups.len() - 1]) =>
            {
                (groups[..groups.len() - 1].concat(), groups[groups.len() - 1])
            }
            ['.'] => (groups[0].to_owned(), groups[1]),
            _ => return Chain { end: j, value: None, plain: false },
        };
        if digits > 15 {
            return Chain { end: j, value: None, plain: false };
        }
        let literal = if frac.is_empty() { int } else { format!("{int}.{frac}") };
        Chain { end: j, value: literal.parse().ok(), plain: seps.is_empty() }
    }

    fn is_year(&self, k: usize) -> bool {
        let key = self.key(k);
        key.len() == 4
            && self.is_digits(k)
            && key.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
            && !matches!(self.gap_before(k), ['.' | ','])
            && !(matches!(self.gap_before(k + 1), ['.' | ',']) && self.is_digits(k + 1))
    }

    /// Whether the number starting at token `k` names or orders something ("số 7", "lần thứ 18").
    fn after_name_head(&self, k: usize) -> bool {
        self.lex.name_heads.iter().any(|h| {
            self.phrase_before(k, h)
                // "tổng số 500 hộ" and "con số 13.663" are counts, not document numbers.
                && !(h.len() == 1
                    && h[0] == "số"
                    && k >= 2
                    && (self.is(k - 2, "tổng") || self.is(k - 2, "con")))
        })
    }

    fn qualifier(&self, k: usize) -> Option<Qualifier> {
        self.lex.qualifiers.iter().find(|(p, _)| self.phrase_before(k, p)).map(|(_, q)| *q)
    }

    /// A number written in digits starting at token `k`: the next token to scan and the figure.
    fn digit_figure(&self, k: usize) -> (usize, Option<Raw>) {
        let c = self.chain(k);
        let Some(base) = c.value else { return (c.end, None) };
        // Glued to what is before: "Covid-19", "SARS-CoV-2", "NQ/25".
        if k > 0 && matches!(self.gap_before(k), [x] if is_dash(*x) || *x == '/' || *x == '.') {
            return (c.end, None);
        }
        let after = self.gap_before(c.end);
        let next_digits = c.end < self.toks.len() && self.is_digits(c.end);
        // Glued to what follows by a dash: a code ("07-CT/TU") or a range ("2021-2026", "3-5").
        if matches!(after, [x] if is_dash(*x)) && c.end < self.toks.len() {
            let skip = if next_digits { self.chain(c.end).end } else { c.end };
            return (skip, None);
        }
        let slash = after.iter().filter(|x| **x == '/').count() == 1
            && after.iter().all(|x| *x == '/' || *x == ' ')
            && after.len() <= 3;
        if slash && !next_digits {
            return (c.end, None); // "25/NQ-CP": a code.
        }
        if slash {
            return self.slash_figure(k, base, c.end);
        }
        if c.plain && self.is_year(k) {
            return (c.end, None);
        }
        if self.after_name_head(k) {
            return (c.end, None);
        }
        (c.end, self.finish(k, base, c.end, Kind::Digits))
    }

    /// "a/b…" starting at token `k`: a date, or a part of a whole ("42/120 hồ sơ").
    fn slash_figure(&self, k: usize, a: f64, b_tok: usize) -> (usize, Option<Raw>) {
        let b = self.chain(b_tok);
        let Some(whole) = b.value else { return (b.end, None) };
        let third = matches!(self.gap_before(b.end), ['/' | '.' | '-'])
            && b.end < self.toks.len()
            && self.is_digits(b.end);
        let date_head = k > 0 && self.spaced(k) && self.lex.date_heads.contains(self.key(k - 1));
        if third {
            let end = self.chain(b.end).end;
            return (end, None); // "30/7/2021"
        }
        if (b.plain && self.is_year(b_tok))
            || date_head
            || whole < a
            || whole.fract() != 0.0
            || self.after_name_head(k)
        {
            return (b.end, None); // "quý 2/2024", "ngày 13/1", "đường 3/2"
        }
        let end_char = self.toks[b.end - 1].end;
        let found = match self.unit_at(b.end, true) {
            Unit::Found(unit) => Some(Raw {
                value: a,
                unit,
                qualifier: self.qualifier(k),
                start: self.toks[k].start,
                end: end_char,
                of: Some(whole),
                next: b.end,
            }),
            _ => None,
        };
        (b.end, found)
    }

    /// A number written in words starting at token `k` ("ba mô hình", "hàng trăm nghìn cán bộ").
    fn word_figure(&self, k: usize) -> (usize, Option<Raw>) {
        let lex = self.lex;
        let key = self.key(k);
        if self.scale(k).is_some() && k > 0 && self.phrase_before(k, &[toned_key("hàng")]) {
            return (k + 1, self.finish(k, 1.0, k, Kind::Hang));
        }
        let Some(first) = lex.small.iter().find(|(w, _)| w == key).map(|(_, v)| *v) else {
            return (k + 1, None);
        };
        if self.after_name_head(k) {
            return (k + 1, None);
        }
        if first == 5 && k > 0 && self.spaced(k) && lex.year_not_five.contains(self.key(k - 1)) {
            return (k + 1, None);
        }
        let one = |j: usize| {
            let key = self.key(j);
            lex.ones.iter().find(|(w, _)| w == key).map(|(_, v)| *v)
        };
        let mut value = first;
        let mut j = k + 1;
        if first == 10 {
            // "mười hai" = 12, "mười lăm" = 15.
            if let Some(o) = one(j).filter(|_| self.spaced(j)) {
                value += o;
                j += 1;
            }
        } else if self.spaced(j) && self.is(j, &toned_key("mươi")) {
            // "hai mươi" = 20, "ba mươi lăm" = 35.
            value *= 10;
            j += 1;
            if let Some(o) = one(j).filter(|_| self.spaced(j)) {
                value += o;
                j += 1;
            }
        }
        (j, self.finish(k, f64::from(value), j, Kind::Words))
    }

    /// Reads scale words, "%", money and the unit after a number whose core ends before token
    /// `e`, and builds the figure.
    fn finish(&self, k: usize, base: f64, e: usize, kind: Kind) -> Option<Raw> {
        let n = self.toks.len();
        let start = self.toks.get(k)?.start;
        let mut total = 0.0;
        let mut part = base;
        let mut j = e;
        let mut last = e.checked_sub(1);
        let mut prev_scale = f64::INFINITY;
        let mut scaled = false;
        loop {
            let mut s = 1.0;
            while self.spaced(j) && j < n {
                match self.scale(j) {
                    Some(x) => {
                        s *= x;
                        last = Some(j);
                        j += 1;
                    }
                    None => break,
                }
            }
            scaled |= s > 1.0;
            total += part * s;
            prev_scale = prev_scale.min(s);
            // "13 tỷ 355 triệu": a further number with a smaller scale adds to the first.
            if s >= 1e6 && self.spaced(j) && self.is_digits(j) {
                let c = self.chain(j);
                let smaller = self.scale(c.end).filter(|x| *x < prev_scale && self.spaced(c.end));
                if let (Some(v), Some(_)) = (c.value, smaller) {
                    part = v;
                    j = c.end;
                    continue;
                }
            }
            break;
        }
        if kind == Kind::Hang && !scaled {
            return None;
        }
        let last = last?;
        let mut end = self.toks[last].end;
        let qualifier = self.qualifier(k);
        let after = self.gap_before(j);
        let trimmed: Vec<char> = after.iter().copied().skip_while(|c| c.is_whitespace()).collect();
        let unit = if trimmed.first() == Some(&'%') && after.len() - trimmed.len() <= 1 {
            end += after.len() - trimmed.len() + 1;
            Unit::Found("%".into())
        } else if let Some(currency) = self.currency(j) {
            let (value, scale) = if total >= 1e9 {
                (total / 1e9, "tỷ ")
            } else if total >= 1e6 {
                (total / 1e6, "triệu ")
            } else {
                (total, "")
            };
            total = value;
            Unit::Found(format!("{scale}{currency}"))
        } else if self.spaced(j) && self.is(j, &toned_key("phần")) && self.is(j + 1, "trăm") {
            Unit::Found("%".into())
        } else {
            self.unit_at(j, kind == Kind::Digits)
        };
        let Unit::Found(unit) = unit else { return None };
        let value = tidy(total);
        value.is_finite().then_some(Raw { value, unit, qualifier, start, end, of: None, next: j })
    }

    /// The currency named at token `j`, if any ("đồng" but not "đồng chí").
    fn currency(&self, j: usize) -> Option<&'static str> {
        if !self.spaced(j) {
            return None;
        }
        match self.key(j) {
            "usd" => Some("USD"),
            "vnd" => Some("đồng"),
            k if k == toned_key("vnđ") || k == toned_key("đồng") => {
                let lexical = self.lex.units.iter().any(|u| u.len() > 1 && self.phrase_at(j, u));
                (!lexical).then_some("đồng")
            }
            _ => None,
        }
    }

    /// The unit that starts at token `j` (or a quoted name just before it).
    fn unit_at(&self, j: usize, fallback: bool) -> Unit {
        let gap = self.gap_before(j);
        let lead = gap.iter().take_while(|c| c.is_whitespace()).count();
        if fallback && gap.len() == lead + 1 && lead <= 1 && is_open_quote(gap[lead]) {
            return self.quoted_unit(j);
        }
        if !self.spaced(j) {
            return Unit::None;
        }
        let key = self.key(j);
        if self.lex.time_units.contains(key) || self.lex.not_units.contains(key) {
            return Unit::Rejected;
        }
        if let Some(end) = self.lexicon_noun(j) {
            let mut end = end;
            // A list of counted nouns: "579 xã, phường, thị trấn".
            while end < self.toks.len() {
                let sep = self.gap_before(end);
                let comma = sep.first() == Some(&',') && sep.len() <= 2 && is_ws(&sep[1..]);
                match self.lexicon_noun(end).filter(|_| comma) {
                    Some(next) => end = next,
                    None => break,
                }
            }
            let s = self.toks[j].start;
            let e = self.toks[end - 1].end;
            return Unit::Found(char_slice(self.text, s, e).to_lowercase());
        }
        if !fallback {
            return Unit::None;
        }
        let mut end = j;
        while end < j + 3 && end < self.toks.len() && (end == j || self.spaced(end)) {
            let t = &self.toks[end];
            let word = char_slice(self.text, t.start, t.end);
            let plain = word.chars().all(char::is_alphabetic)
                && word.chars().next().is_some_and(char::is_lowercase);
            if !plain || self.lex.stop.contains(&t.toned) || self.lex.time_units.contains(&t.toned)
            {
                break;
            }
            end += 1;
        }
        if end == j {
            return Unit::None;
        }
        let (s, e) = (self.toks[j].start, self.toks[end - 1].end);
        Unit::Found(char_slice(self.text, s, e).to_owned())
    }

    /// The longest counted noun of the lexicon at token `j`: the token after it.
    fn lexicon_noun(&self, j: usize) -> Option<usize> {
        self.lex.units.iter().find(|u| self.phrase_at(j, u)).map(|u| j + u.len())
    }

    /// A quoted name right after a number, when it closes soon: "26.000 “Tổ Covid-19 cộng đồng”".
    fn quoted_unit(&self, j: usize) -> Unit {
        let Some(open) = self.toks.get(j).map(|t| t.start) else { return Unit::None };
        let limit = (open + 80).min(self.chars.len());
        let Some(close) = (open..limit).find(|&i| is_close_quote(self.chars[i])) else {
            return Unit::None;
        };
        let inner = char_slice(self.text, open, close).trim();
        if inner.chars().any(char::is_alphabetic) {
            Unit::Found(inner.to_owned())
        } else {
            Unit::None
        }
    }

    /// A time point at token `k` ("năm 2021", "quý 2/2024", "cuối năm 2023"): the token after it.
    fn point_at(&self, k: usize) -> Option<usize> {
        let key = self.key(k);
        if key == toned_key("năm") && self.spaced(k + 1) && self.is_year(k + 1) {
            return Some(k + 2);
        }
        if (key == toned_key("quý") || key == toned_key("tháng"))
            && self.spaced(k + 1)
            && self.is_digits(k + 1)
            && matches!(self.gap_before(k + 2), ['/'])
            && self.is_year(k + 2)
        {
            return Some(k + 3);
        }
        if ["đầu", "cuối", "giữa"].iter().any(|w| toned_key(w) == key)
            && self.spaced(k + 1)
            && self.is(k + 1, &toned_key("năm"))
        {
            return self.point_at(k + 1);
        }
        None
    }

    /// The end of a range that starts with a point ending before token `e`.
    fn range_tail(&self, e: usize) -> Option<usize> {
        let gap = self.gap_before(e);
        let dash = gap.iter().filter(|c| is_dash(**c)).count() == 1
            && gap.iter().all(|c| is_dash(*c) || c.is_whitespace());
        if dash && e < self.toks.len() {
            return self.point_at(e).or_else(|| self.is_year(e).then_some(e + 1));
        }
        let word = self.key(e);
        if self.spaced(e) && (word == toned_key("đến") || word == toned_key("tới")) {
            let k = e + 1;
            if !self.spaced(k) {
                return None;
            }
            if self.is(k, "nay") {
                return Some(k + 1);
            }
            if self.is(k, &toned_key("năm")) && self.spaced(k + 1) && self.is(k + 1, "nay") {
                return Some(k + 2);
            }
            return self.point_at(k).or_else(|| self.is_year(k).then_some(k + 1));
        }
        None
    }

    /// A period at token `k`: the token after it.
    fn period_at(&self, k: usize) -> Option<usize> {
        let key = self.key(k);
        if key == toned_key("từ") && self.spaced(k + 1) {
            let e = self.point_at(k + 1).or_else(|| self.is_year(k + 1).then_some(k + 2))?;
            return Some(self.range_tail(e).unwrap_or(e));
        }
        let spans = [keys("giai đoạn"), keys("nhiệm kỳ"), keys("thời kỳ")];
        if spans.iter().any(|p| self.phrase_at(k, p)) && self.spaced(k + 2) && self.is_year(k + 2) {
            return Some(self.range_tail(k + 3).unwrap_or(k + 3));
        }
        let e = self.point_at(k)?;
        Some(self.range_tail(e).unwrap_or(e))
    }

    /// Every period of the paragraph as char spans, except comparison bases ("so với năm 2021").
    fn periods(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let comparison = [keys("so với"), keys("so cùng kỳ")];
        let mut k = 0;
        while k < self.toks.len() {
            match self.period_at(k) {
                Some(e) if e > k => {
                    if !comparison.iter().any(|p| self.phrase_before(k, p)) {
                        out.push((self.toks[k].start, self.toks[e - 1].end));
                    }
                    k = e;
                }
                _ => k += 1,
            }
        }
        out
    }

    /// The sentence and the clause (split at ";") around char `p`.
    fn bounds(&self, p: usize) -> ((usize, usize), (usize, usize)) {
        let n = self.chars.len();
        let p = p.min(n);
        let mut s = (0..p).rev().find(|&i| self.ends[i]).map_or(0, |i| i + 1);
        let e = (p..n).find(|&i| self.ends[i]).map_or(n, |i| i + 1);
        let cs = (s..p).rev().find(|&i| self.chars[i] == ';').map_or(s, |i| i + 1);
        let ce = (p..e).find(|&i| self.chars[i] == ';').unwrap_or(e);
        s = s.min(cs);
        ((s, e), (cs, ce))
    }

    /// The period a figure at `start..end` is tied to (see the module doc).
    fn period_for(&self, periods: &[(usize, usize)], start: usize, end: usize) -> Option<String> {
        let ((ss, _), (cs, ce)) = self.bounds(start);
        let before = |from: usize| {
            periods.iter().filter(|(ps, pe)| *ps >= from && *pe <= start).max_by_key(|(_, pe)| *pe)
        };
        let chosen = before(cs)
            .or_else(|| periods.iter().find(|(ps, pe)| *ps >= end && *pe <= ce))
            .or_else(|| before(ss))?;
        Some(char_slice(self.text, chosen.0, chosen.1).to_owned())
    }
}

#[cfg(test)]
mod dump {
    #[test]
    fn dump_corpus() {
        let mut dir: Vec<_> = std::fs::read_dir("data/reports").unwrap().map(|e| e.unwrap().path()).collect();
        dir.sort();
        let t0 = std::time::Instant::now();
        let mut n = 0;
        let mut out = String::new();
        for p in dir {
            let text = std::fs::read_to_string(&p).unwrap();
            out.push_str(&format!("== {}\n", p.display()));
            for (i, line) in text.lines().enumerate() {
                n += 1;
                for f in super::extract(i + 1, &crate::core::text::nfc(line)) {
                    out.push_str(&format!("  L{} {:?} {} {:?} {:?} {:?} of={:?}\n", f.paragraph, f.text, f.value, f.unit, f.qualifier, f.period, f.of));
                }
            }
        }
        eprintln!("{out}{n} lines in {:?}", t0.elapsed());
    }
}
