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
//!   thị trấn" → "xã, phường, thị trấn"), lower-cased; a bare classifier takes the noun after it
//!   ("1.500 lượt công dân" → "lượt công dân", "cuộc đối thoại"); otherwise (for digits only) up to three
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
//!   "từ năm 2022 đến quý 2/2024", "giai đoạn 2022 - 2026", "6 tháng đầu năm 2024"). A figure
//!   takes the nearest period before it in its clause (clauses are split at ";"), else the
//!   nearest after it in its clause, else the nearest period before it in its sentence that leads
//!   its own clause (a period trailing another clause's figures belongs to that clause). A
//!   period after "so với" is a comparison base and never used.
//!
//! All keyword matching goes through [`toned_key`], so tone-mark placement ("hoà"/"hòa") and case
//! never matter.

use super::extract::{word_flags, DIGITS, NUMBER};
use crate::core::fnv::{FnvMap, FnvSet};
use crate::core::model::{Figure, Qualifier};
use crate::core::text::{char_slice, toned_key, toned_words, Word};
use crate::core::unicode::is_combining_mark;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Figures stated in one paragraph (NFC text). Each Figure's `paragraph` is set to `paragraph`.
///
/// Figures come in text order; the same figure stated in two paragraphs is returned for each
/// (deduplication is the caller's job). Never panics.
pub fn extract(paragraph: usize, text: &str) -> Vec<Figure> {
    let mut keys = String::new();
    let words = toned_words([Some(text)], &mut keys);
    let flags: Vec<u8> = words[0].iter().map(|w| word_flags(w.toned)).collect();
    extract_tokenized(paragraph, text, &words[0], &flags)
}

/// Whether a word with this toned key can start a number in words or a period: the figure
/// rules look no further at a token that cannot (the compiler answers this once per distinct
/// word of the corpus, see `extract::Vocabulary`).
pub fn opens_number(key: &str) -> bool {
    lexicon().openers.contains(key)
}

/// [`extract`] for a paragraph already tokenised with [`toned_words`] (the compiler tokenises
/// each paragraph once and shares the tokens between its stages); `flags[k]` is
/// [`word_flags`] of token `k`.
pub fn extract_tokenized(
    paragraph: usize,
    text: &str,
    toks: &[Word<'_>],
    flags: &[u8],
) -> Vec<Figure> {
    // A figure starts with digits or a number word: most paragraphs of clutter have neither.
    if !flags.iter().any(|f| f & (NUMBER | DIGITS) != 0) {
        return Vec::new();
    }
    let scan = Scan::new(text, toks, flags);
    let mut raws = Vec::new();
    let mut k = 0;
    while k < scan.toks.len() {
        // A figure starts with digits or a number word: the other words are passed on their
        // flags alone (`word_figure` would return at once for them).
        if flags.get(k).is_some_and(|f| f & (NUMBER | DIGITS) == 0) {
            k += 1;
            continue;
        }
        let (next, found) = if scan.is_digits(k) {
            scan.digit_figure(k)
        } else {
            scan.word_figure(k)
        };
        let after = found.as_ref().map_or(0, |r| r.next);
        raws.extend(found);
        // Every handler consumes at least the token it started on, so the scan always ends.
        k = next.max(after).max(k + 1);
    }
    if raws.is_empty() {
        // Periods only matter to the figures of the paragraph: most paragraphs have none.
        return Vec::new();
    }
    let periods = scan.periods();
    let starts: Vec<usize> = raws.iter().map(|r| r.start).collect();
    raws.into_iter()
        .map(|raw| Figure {
            period: scan.period_for(&periods, &starts, raw.start, raw.end),
            value: raw.value,
            unit: raw.unit,
            qualifier: raw.qualifier,
            paragraph,
            start: raw.start,
            end: raw.end,
            text: scan.slice(raw.start, raw.end).to_owned(),
            of: raw.of,
        })
        .collect()
}

/// The keyword lists, as toned keys, built once.
struct Lexicon {
    /// Counted nouns, longest first, each a list of syllable keys.
    units: Vec<Vec<String>>,
    /// Words that make the number a duration or a time ("94 năm", "tháng 10").
    time_units: KeySet,
    /// Words after a number that mean it is not a count of things ("5 không", "2 lần", "80 tuổi").
    not_units: KeySet,
    /// Single-syllable classifiers that take the noun after them into the unit.
    classifiers: KeySet,
    /// Function words and common verbs that end a fallback unit.
    stop: KeySet,
    /// Phrases in front of a number that make it a name, a code or an ordinal.
    name_heads: Vec<Vec<String>>,
    /// Words in front of "a/b" that make it a date ("ngày 13/1").
    date_heads: KeySet,
    qualifiers: Vec<(Vec<String>, Qualifier)>,
    scales: Vec<(String, f64)>,
    /// Number words that can start a number (not "một", see the module doc).
    small: Vec<(String, u32)>,
    /// Number words that can follow "mươi"/"mười".
    ones: Vec<(String, u32)>,
    /// Words in front of "năm" that make it "year", not "five" ("hàng năm", "trong năm").
    year_not_five: KeySet,
    /// The toned keys of the single words the rules name, by their NFC spelling.
    fixed: Vec<String>,
    /// "giai đoạn", "nhiệm kỳ", "thời kỳ": words that introduce a year range.
    span_heads: Vec<Vec<String>>,
    /// "so với", "so cùng kỳ": words that introduce a comparison base.
    comparison: Vec<Vec<String>>,
    /// Indices into `units` by the unit's first word, in `units` order: only the units that
    /// start with a token's word are compared with the tokens.
    units_by_first: FnvMap<String, Vec<usize>>,
    /// Indices into `name_heads` by the head's last word (heads are matched before a number).
    heads_by_last: FnvMap<String, Vec<usize>>,
    /// Indices into `qualifiers` by the qualifier's last word, in `qualifiers` order.
    qualifiers_by_last: FnvMap<String, Vec<usize>>,
    /// Every word a number in words or a period can start with (scales, number words, the
    /// fixed words, the first words of the span heads): a token outside it starts neither,
    /// so the per-token checks skip it after one lookup.
    openers: FnvSet<String>,
}

/// The positions of `phrases` grouped by their first (or last) word, each group in list order.
fn index_by<'p>(
    phrases: impl Iterator<Item = &'p Vec<String>>,
    last: bool,
) -> FnvMap<String, Vec<usize>> {
    let mut map: FnvMap<String, Vec<usize>> = FnvMap::default();
    for (i, p) in phrases.enumerate() {
        let word = if last { p.last() } else { p.first() };
        if let Some(w) = word {
            map.entry(w.clone()).or_default().push(i);
        }
    }
    map
}

/// The single words the rules name; [`Scan::w`] gives their toned keys, by
/// the index constants below (a lookup by index, not a hash of the word, on every token).
const FIXED: &[&str] = &[
    "năm", "quý", "tháng", "từ", "đến", "tới", "hàng", "mươi", "phần", "đồng", "vnđ", "đầu",
    "cuối", "giữa", "trăm", "số", "tổng", "con",
];
const NAM: usize = 0;
const QUY: usize = 1;
const THANG: usize = 2;
const TU: usize = 3;
const DEN: usize = 4;
const TOI: usize = 5;
const HANG: usize = 6;
const MUOI: usize = 7;
const PHAN: usize = 8;
const DONG: usize = 9;
const VND: usize = 10;
const DAU: usize = 11;
const CUOI: usize = 12;
const GIUA: usize = 13;
const TRAM: usize = 14;
const SO: usize = 15;
const TONG: usize = 16;
const CON: usize = 17;

fn keys(phrase: &str) -> Vec<String> {
    phrase.split_whitespace().map(toned_key).collect()
}

type KeySet = FnvSet<String>;

fn key_set(words: &[&str]) -> KeySet {
    words.iter().map(|w| toned_key(w)).collect()
}

const UNITS: &[&str] = &[
    // People.
    "người",
    "người dân",
    "người lao động",
    "lượt người",
    "lượt",
    "hộ",
    "hộ dân",
    "hộ gia đình",
    "gia đình",
    "cá nhân",
    "tập thể",
    "cán bộ",
    "công chức",
    "viên chức",
    "đảng viên",
    "đoàn viên",
    "hội viên",
    "thành viên",
    "đại biểu",
    "học viên",
    "học sinh",
    "sinh viên",
    "giáo viên",
    "công nhân",
    "nông dân",
    "lao động",
    "thanh niên",
    "phụ nữ",
    "cựu chiến binh",
    "chiến sĩ",
    "tình nguyện viên",
    "đồng chí",
    "đồng bào",
    "chức sắc",
    "chức việc",
    "tín đồ",
    "bệnh nhân",
    "trường hợp",
    "ca",
    "ca mắc",
    "ca nhiễm",
    "nhân khẩu",
    "khẩu",
    "trẻ em",
    "em",
    "cháu",
    "cụ",
    "gương",
    "tấm gương",
    "gương điển hình",
    "điển hình",
    "nhân viên",
    "y bác sĩ",
    "bác sĩ",
    "người có uy tín",
    "già làng",
    "trưởng bản",
    // Organisations and places.
    "đơn vị",
    "tổ chức",
    "tổ chức cơ sở đảng",
    "cơ sở",
    "chi bộ",
    "đảng bộ",
    "đảng bộ cơ sở",
    "cơ quan",
    "doanh nghiệp",
    "hợp tác xã",
    "hội",
    "chi hội",
    "hội quần chúng",
    "tổ",
    "tổ dân vận",
    "tổ dân phố",
    "tổ công tác",
    "tổ tự quản",
    "tổ nhân dân",
    "tổ hòa giải",
    "tổ covid cộng đồng",
    "khu phố",
    "ấp",
    "thôn",
    "bản",
    "làng",
    "xóm",
    "khu dân cư",
    "xã",
    "phường",
    "thị trấn",
    "quận",
    "huyện",
    "thị xã",
    "thành phố",
    "tỉnh",
    "tỉnh thành",
    "địa phương",
    "địa bàn",
    "sở",
    "ban",
    "ngành",
    "trường",
    "trường học",
    "bệnh viện",
    "trạm y tế",
    "trạm",
    "điểm",
    "điểm cầu",
    "điểm tiêm",
    "khu cách ly",
    "vùng xanh",
    "chốt",
    "dân tộc",
    "tôn giáo",
    "cơ sở tôn giáo",
    "tổ chức tôn giáo",
    "quốc gia",
    "nước",
    // Activities, documents, things.
    "mô hình",
    "chương trình",
    "chương trình công tác",
    "chương trình hành động",
    "kế hoạch",
    "văn bản",
    "nghị quyết",
    "đề án",
    "chỉ thị",
    "kết luận",
    "quy chế",
    "nội dung",
    "nhiệm vụ",
    "giải pháp",
    "tiêu chí",
    "chỉ tiêu",
    "đơn",
    "đơn thư",
    "thư",
    "vụ",
    "vụ việc",
    "việc",
    "kiến nghị",
    "ý kiến",
    "hồ sơ",
    "thủ tục",
    "thủ tục hành chính",
    "tin",
    "bài",
    "tin bài",
    "bài viết",
    "tác phẩm",
    "tài liệu",
    "cuốn",
    "lớp",
    "lớp học",
    "khóa học",
    "buổi",
    "cuộc",
    "hội nghị",
    "hội thảo",
    "cuộc họp",
    "cuộc thi",
    "cuộc vận động",
    "đợt",
    "phong trào",
    "hoạt động",
    "sự kiện",
    "dự án",
    "công trình",
    "căn nhà",
    "căn",
    "ngôi nhà",
    "nhà",
    "nhà đại đoàn kết",
    "nhà tình nghĩa",
    "nhà tình thương",
    "suất",
    "suất quà",
    "phần quà",
    "phần",
    "món quà",
    "quà",
    "học bổng",
    "suất học bổng",
    "túi thuốc",
    "tấn",
    "tấn gạo",
    "kg",
    "km",
    "ha",
    "héc-ta",
    "mét",
    "m",
    "cây",
    "con",
    "chiếc",
    "xe",
    "bộ",
    "tuyến",
    "tuyến đường",
    "con đường",
    "cây cầu",
    "cầu",
    "giếng",
    "bình chọn",
    "lượt truy cập",
    "lượt xem",
    "câu hỏi",
    "câu",
    "ngày công",
    "giờ công",
    "đầu mối",
    "điểm sáng",
    "sáng kiến",
    "đề tài",
    "chuyên đề",
];

const CLASSIFIERS: &[&str] = &["cuộc", "buổi", "lượt", "chiếc", "căn", "tấm", "đợt"];

const TIME_UNITS: &[&str] = &[
    "năm",
    "tháng",
    "ngày",
    "giờ",
    "phút",
    "giây",
    "tuần",
    "quý",
    "thập kỷ",
    "thập niên",
    "thế kỷ",
    "kỳ",
    "mùa",
    "đêm",
    "thập",
    "thế",
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
    "số",
    "thứ",
    "lần",
    "khóa",
    "kỳ",
    "nhiệm kỳ",
    "năm",
    "tháng",
    "ngày",
    "quý",
    "tuần",
    "đợt",
    "giai đoạn",
    "phiên",
    "điều",
    "khoản",
    "chương",
    "mục",
    "phần",
    "nghị quyết",
    "chỉ thị",
    "quyết định",
    "kết luận",
    "thông tư",
    "nghị định",
    "quy định",
    "hướng dẫn",
    "công văn",
    "đề án",
    "kế hoạch",
    "thông báo",
    "chương trình",
    "luật",
    "tờ trình",
    "báo cáo",
    "quận",
    "phường",
    "tổ",
    "khu phố",
    "tổ dân phố",
    "ấp",
    "thôn",
    "khu",
    "lô",
    "đường",
    "quốc lộ",
    "tỉnh lộ",
    "vành đai",
    "phòng",
    "tầng",
    "cấp độ",
    "lớp",
    "khối",
    "hạng",
    "top",
    "mã",
    "trang",
    "hình",
    "bảng",
    "ảnh",
    "câu",
    "covid",
    "quân khu",
    "quân đoàn",
    "sư đoàn",
    "trung đoàn",
    "tiểu đoàn",
    "lữ đoàn",
    "đại đội",
    "đội",
    "sân",
    "cổng",
    "bến",
    "ga",
    "tuyến",
    "công nghiệp",
    "iso",
    "chương trình hành động",
    "mã số",
    "f",
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
        let qualifiers: Vec<(Vec<String>, Qualifier)> =
            QUALIFIERS.iter().map(|(p, q)| (keys(p), *q)).collect();
        let span_heads: Vec<Vec<String>> = ["giai đoạn", "nhiệm kỳ", "thời kỳ"]
            .iter()
            .map(|p| keys(p))
            .collect();
        let openers = SCALES
            .iter()
            .map(|(w, _)| *w)
            .chain(SMALL.iter().map(|(w, _)| *w))
            .chain(FIXED.iter().copied())
            .map(toned_key)
            .chain(span_heads.iter().filter_map(|p| p.first().cloned()))
            .collect();
        Lexicon {
            openers,
            units_by_first: index_by(units.iter(), false),
            heads_by_last: index_by(name_heads.iter(), true),
            qualifiers_by_last: index_by(qualifiers.iter().map(|(p, _)| p), true),
            units,
            time_units: key_set(TIME_UNITS),
            not_units: key_set(NOT_UNITS),
            stop: key_set(STOP),
            classifiers: key_set(CLASSIFIERS),
            name_heads,
            date_heads: key_set(DATE_HEADS),
            qualifiers,
            scales: SCALES.iter().map(|(w, v)| (toned_key(w), *v)).collect(),
            small: pairs(SMALL),
            ones: pairs(ONES),
            year_not_five: key_set(YEAR_NOT_FIVE),
            fixed: FIXED.iter().map(|w| toned_key(w)).collect(),
            span_heads,
            comparison: ["so với", "so cùng kỳ"].iter().map(|p| keys(p)).collect(),
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
    /// The paragraph's chars, built only when a figure needs its sentence (most paragraphs
    /// have none); everything else reads the text through the words' byte offsets.
    chars: std::cell::OnceCell<Vec<char>>,
    toks: &'a [Word<'a>],
    lex: &'static Lexicon,
    /// Per char: whether a sentence ends with it (computed when a figure needs its sentence).
    ends: std::cell::OnceCell<Vec<bool>>,
    /// Per token: its flags; [`NUMBER`] says whether its word is in [`Lexicon::openers`].
    flags: &'a [u8],
}

fn is_ws(gap: &str) -> bool {
    gap.chars().all(char::is_whitespace)
}

/// The gap's char when it is exactly one char.
fn only(gap: &str) -> Option<char> {
    let mut cs = gap.chars();
    let c = cs.next()?;
    cs.next().is_none().then_some(c)
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
fn sentence_ends(chars: &[char], toks: &[Word<'_>]) -> Vec<bool> {
    const ABBREVIATIONS: [&str; 8] = ["tp", "tx", "tt", "ts", "ths", "pgs", "gs", "bs"];
    let abbreviated: HashSet<usize> = toks
        .iter()
        .filter(|t| ABBREVIATIONS.contains(&t.toned))
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
    fn new(text: &'a str, toks: &'a [Word<'a>], flags: &'a [u8]) -> Scan<'a> {
        let lex = lexicon();

        Scan {
            text,
            chars: std::cell::OnceCell::new(),
            toks,
            lex,
            ends: std::cell::OnceCell::new(),
            flags,
        }
    }

    /// Whether token `k` can start a number in words or a period.
    fn opener(&self, k: usize) -> bool {
        self.flags.get(k).is_some_and(|f| f & NUMBER != 0)
    }

    fn chars(&self) -> &[char] {
        self.chars.get_or_init(|| self.text.chars().collect())
    }

    /// The byte offset of char offset `c` when a word starts or ends there.
    fn byte_at(&self, c: usize) -> Option<usize> {
        // Words are separated by at least one char, so the first word not ending before `c`
        // is the only one that can start or end at it.
        let t = self.toks.get(self.toks.partition_point(|t| t.end < c))?;
        if t.end == c {
            Some(t.byte_end)
        } else if t.start == c {
            Some(t.byte_start)
        } else {
            None
        }
    }

    /// The chars `start..end` of the paragraph: by the words' byte offsets when both ends are
    /// word boundaries (nearly always), else by counting chars.
    fn slice(&self, start: usize, end: usize) -> &'a str {
        match (self.byte_at(start), self.byte_at(end)) {
            (Some(a), Some(b)) if a <= b => &self.text[a..b],
            _ => char_slice(self.text, start, end),
        }
    }

    /// The text between token `k - 1` and token `k` (from the start, or to the end, at the edges).
    fn gap_before(&self, k: usize) -> &'a str {
        let n = self.text.len();
        let s = if k == 0 {
            0
        } else {
            self.toks.get(k - 1).map_or(n, |t| t.byte_end)
        };
        let e = self.toks.get(k).map_or(n, |t| t.byte_start);
        self.text.get(s..e.max(s)).unwrap_or("")
    }

    /// The toned key of one of the [`FIXED`] words, by its index constant (`NAM`, `QUY`, …).
    fn w(&self, word: usize) -> &str {
        self.lex.fixed.get(word).map_or("\0", String::as_str)
    }

    fn key(&self, k: usize) -> &str {
        self.toks.get(k).map_or("", |t| t.toned)
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
            && phrase
                .iter()
                .enumerate()
                .all(|(i, p)| self.key(k + i) == p.as_str())
            && (1..phrase.len()).all(|i| self.spaced(k + i))
    }

    /// Whether `phrase` ends right before token `k`, with only whitespace before `k`.
    fn phrase_before(&self, k: usize, phrase: &[String]) -> bool {
        k >= phrase.len() && self.spaced(k) && self.phrase_at(k - phrase.len(), phrase)
    }

    fn scale(&self, k: usize) -> Option<f64> {
        let key = self.key(k);
        self.lex
            .scales
            .iter()
            .find(|(w, _)| w == key)
            .map(|(_, v)| *v)
    }

    fn chain(&self, k: usize) -> Chain {
        let mut groups = vec![self.key(k)];
        let mut seps = Vec::new();
        let mut j = k + 1;
        while j < self.toks.len() && self.is_digits(j) {
            match only(self.gap_before(j)) {
                Some(c @ ('.' | ',')) => {
                    seps.push(c);
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
            [.., ',']
                if seps[..seps.len() - 1].iter().all(|c| *c == '.')
                    && (seps.len() == 1 || first_ok)
                    && thousands(&groups[1..groups.len() - 1]) =>
            {
                (
                    groups[..groups.len() - 1].concat(),
                    groups[groups.len() - 1],
                )
            }
            ['.'] => (groups[0].to_owned(), groups[1]),
            _ => {
                return Chain {
                    end: j,
                    value: None,
                    plain: false,
                }
            }
        };
        if digits > 15 {
            return Chain {
                end: j,
                value: None,
                plain: false,
            };
        }
        let literal = if frac.is_empty() {
            int
        } else {
            format!("{int}.{frac}")
        };
        Chain {
            end: j,
            value: literal.parse().ok(),
            plain: seps.is_empty(),
        }
    }

    fn is_year(&self, k: usize) -> bool {
        let key = self.key(k);
        key.len() == 4
            && self.is_digits(k)
            && key.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
            && !matches!(only(self.gap_before(k)), Some('.' | ','))
            && !(matches!(only(self.gap_before(k + 1)), Some('.' | ',')) && self.is_digits(k + 1))
    }

    /// Whether the number starting at token `k` names or orders something ("số 7", "lần thứ 18").
    fn after_name_head(&self, k: usize) -> bool {
        let Some(heads) = k
            .checked_sub(1)
            .and_then(|p| self.lex.heads_by_last.get(self.key(p)))
        else {
            return false;
        };
        heads.iter().map(|&i| &self.lex.name_heads[i]).any(|h| {
            self.phrase_before(k, h)
                // "tổng số 500 hộ" and "con số 13.663" are counts, not document numbers.
                && !(h.len() == 1
                    && h[0] == self.w(SO)
                    && k >= 2
                    && (self.is(k - 2, self.w(TONG)) || self.is(k - 2, self.w(CON))))
        })
    }

    fn qualifier(&self, k: usize) -> Option<Qualifier> {
        let found = k
            .checked_sub(1)
            .and_then(|p| self.lex.qualifiers_by_last.get(self.key(p)))?;
        found
            .iter()
            .map(|&i| &self.lex.qualifiers[i])
            .find(|(p, _)| self.phrase_before(k, p))
            .map(|(_, q)| *q)
    }

    /// A number written in digits starting at token `k`: the next token to scan and the figure.
    fn digit_figure(&self, k: usize) -> (usize, Option<Raw>) {
        let c = self.chain(k);
        let Some(base) = c.value else {
            return (c.end, None);
        };
        // Glued to what is before: "Covid-19", "SARS-CoV-2", "NQ/25".
        if k > 0
            && matches!(only(self.gap_before(k)), Some(x) if is_dash(x) || x == '/' || x == '.')
        {
            return (c.end, None);
        }
        let after = self.gap_before(c.end);
        let next_digits = c.end < self.toks.len() && self.is_digits(c.end);
        // Glued to what follows by a dash: a code ("07-CT/TU") or a range ("2021-2026", "3-5").
        if matches!(only(after), Some(x) if is_dash(x)) && c.end < self.toks.len() {
            let skip = if next_digits {
                self.chain(c.end).end
            } else {
                c.end
            };
            return (skip, None);
        }
        let slash = after.chars().filter(|x| *x == '/').count() == 1
            && after.chars().all(|x| x == '/' || x == ' ')
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
        let Some(whole) = b.value else {
            return (b.end, None);
        };
        let third = matches!(only(self.gap_before(b.end)), Some('/' | '.' | '-'))
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
        // Neither a scale word nor a number word: nothing below can match.
        if !self.opener(k) {
            return (k + 1, None);
        }
        let lex = self.lex;
        let key = self.key(k);
        if self.scale(k).is_some() && k > 0 && self.is(k - 1, self.w(HANG)) && self.spaced(k) {
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
        } else if self.spaced(j) && self.is(j, self.w(MUOI)) {
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
                let smaller = self
                    .scale(c.end)
                    .filter(|x| *x < prev_scale && self.spaced(c.end));
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
        // The whitespace chars before a "%" right after the number (at most one).
        let lead = after.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = after.trim_start_matches(char::is_whitespace);
        let unit = if trimmed.starts_with('%') && lead <= 1 {
            end += lead + 1;
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
        } else if self.spaced(j) && self.is(j, self.w(PHAN)) && self.is(j + 1, self.w(TRAM)) {
            Unit::Found("%".into())
        } else {
            self.unit_at(j, kind == Kind::Digits)
        };
        let Unit::Found(unit) = unit else { return None };
        let value = tidy(total);
        value.is_finite().then_some(Raw {
            value,
            unit,
            qualifier,
            start,
            end,
            of: None,
            next: j,
        })
    }

    /// The currency named at token `j`, if any ("đồng" but not "đồng chí").
    fn currency(&self, j: usize) -> Option<&'static str> {
        if !self.spaced(j) {
            return None;
        }
        match self.key(j) {
            "usd" => Some("USD"),
            "vnd" => Some("đồng"),
            k if k == self.w(VND) || k == self.w(DONG) => {
                let lexical = self
                    .units_at(j)
                    .any(|u| u.len() > 1 && self.phrase_at(j, u));
                (!lexical).then_some("đồng")
            }
            _ => None,
        }
    }

    /// The unit that starts at token `j` (or a quoted name just before it).
    fn unit_at(&self, j: usize, fallback: bool) -> Unit {
        let gap = self.gap_before(j);
        let mut gap_chars = gap.chars();
        // The quote must be spaced from the number: a quote glued to it closes an earlier one.
        let quote = matches!(
            (gap_chars.next(), gap_chars.next(), gap_chars.next()),
            (Some(space), Some(quote), None) if space.is_whitespace() && is_open_quote(quote)
        );
        if fallback && quote {
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
                let comma = sep
                    .strip_prefix(',')
                    .is_some_and(|rest| rest.chars().count() <= 1 && is_ws(rest));
                match self.lexicon_noun(end).filter(|_| comma) {
                    Some(next) => end = next,
                    None => break,
                }
            }
            // A bare classifier takes the noun it classifies: "1.500 lượt công dân".
            if end == j + 1 && self.lex.classifiers.contains(key) {
                while end < j + 3 && self.spaced(end) && self.plain_word(end) {
                    end += 1;
                }
            }
            let s = self.toks[j].start;
            let e = self.toks[end - 1].end;
            return Unit::Found(self.slice(s, e).to_lowercase());
        }
        if !fallback {
            return Unit::None;
        }
        let mut end = j;
        while end < j + 3 && (end == j || self.spaced(end)) && self.plain_word(end) {
            end += 1;
        }
        if end == j {
            return Unit::None;
        }
        let (s, e) = (self.toks[j].start, self.toks[end - 1].end);
        Unit::Found(self.slice(s, e).to_owned())
    }

    /// Whether token `k` can be part of a unit the lexicon does not know: a lower-case word that
    /// is neither a function word nor a time unit.
    fn plain_word(&self, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else {
            return false;
        };
        let word = self.text.get(t.byte_start..t.byte_end).unwrap_or("");
        word.chars()
            .all(|c| c.is_alphabetic() || is_combining_mark(c))
            && word.chars().next().is_some_and(char::is_lowercase)
            && !self.lex.stop.contains(t.toned)
            && !self.lex.time_units.contains(t.toned)
            && !self.lex.not_units.contains(t.toned)
    }

    /// The longest counted noun of the lexicon at token `j`: the token after it.
    fn lexicon_noun(&self, j: usize) -> Option<usize> {
        self.units_at(j)
            .find(|u| self.phrase_at(j, u))
            .map(|u| j + u.len())
    }

    /// The units whose first word is token `j`'s, longest first.
    fn units_at(&self, j: usize) -> impl Iterator<Item = &'static Vec<String>> + '_ {
        let lex = self.lex;
        lex.units_by_first
            .get(self.key(j))
            .into_iter()
            .flatten()
            .map(move |&i| &lex.units[i])
    }

    /// A quoted name right after a number, when it closes soon: "26.000 “Tổ Covid-19 cộng đồng”".
    fn quoted_unit(&self, j: usize) -> Unit {
        let Some(open) = self.toks.get(j).map(|t| t.start) else {
            return Unit::None;
        };
        let chars = self.chars();
        let limit = (open + 80).min(chars.len());
        let Some(close) = (open..limit).find(|&i| is_close_quote(chars[i])) else {
            return Unit::None;
        };
        let inner = self.slice(open, close).trim();
        if self.lex.not_units.contains(&toned_key(inner)) {
            return Unit::Rejected; // 5 “không”
        }
        if inner.chars().any(char::is_alphabetic) {
            Unit::Found(inner.to_owned())
        } else {
            Unit::None
        }
    }

    /// A time point at token `k` ("năm 2021", "quý 2/2024", "cuối năm 2023"): the token after it.
    fn point_at(&self, k: usize) -> Option<usize> {
        let key = self.key(k);
        if key == self.w(NAM) && self.spaced(k + 1) && self.is_year(k + 1) {
            return Some(k + 2);
        }
        if (key == self.w(QUY) || key == self.w(THANG))
            && self.spaced(k + 1)
            && self.is_digits(k + 1)
            && matches!(only(self.gap_before(k + 2)), Some('/'))
            && self.is_year(k + 2)
        {
            return Some(k + 3);
        }
        if [DAU, CUOI, GIUA].iter().any(|&w| self.w(w) == key)
            && self.spaced(k + 1)
            && self.is(k + 1, self.w(NAM))
        {
            return self.point_at(k + 1);
        }
        None
    }

    /// The end of a range that starts with a point ending before token `e`.
    fn range_tail(&self, e: usize) -> Option<usize> {
        let gap = self.gap_before(e);
        let dash = gap.chars().filter(|c| is_dash(*c)).count() == 1
            && gap.chars().all(|c| is_dash(c) || c.is_whitespace());
        if dash && e < self.toks.len() {
            return self
                .point_at(e)
                .or_else(|| self.is_year(e).then_some(e + 1));
        }
        let word = self.key(e);
        if self.spaced(e) && (word == self.w(DEN) || word == self.w(TOI)) {
            let k = e + 1;
            if !self.spaced(k) {
                return None;
            }
            if self.is(k, "nay") {
                return Some(k + 1);
            }
            if self.is(k, self.w(NAM)) && self.spaced(k + 1) && self.is(k + 1, "nay") {
                return Some(k + 2);
            }
            return self
                .point_at(k)
                .or_else(|| self.is_year(k).then_some(k + 1));
        }
        None
    }

    /// A period at token `k`: the token after it.
    fn period_at(&self, k: usize) -> Option<usize> {
        // Every period starts with a fixed word, a span head or digits.
        if !self.opener(k) && !self.is_digits(k) {
            return None;
        }
        let key = self.key(k);
        if key == self.w(TU) && self.spaced(k + 1) {
            let e = self
                .point_at(k + 1)
                .or_else(|| self.is_year(k + 1).then_some(k + 2))?;
            return Some(self.range_tail(e).unwrap_or(e));
        }
        if self.lex.span_heads.iter().any(|p| self.phrase_at(k, p))
            && self.spaced(k + 2)
            && self.is_year(k + 2)
        {
            return Some(self.range_tail(k + 3).unwrap_or(k + 3));
        }
        // "6 tháng đầu năm 2024": a part of a year.
        let part = self.is_digits(k)
            && self.spaced(k + 1)
            && self.is(k + 1, self.w(THANG))
            && self.spaced(k + 2)
            && [self.w(DAU), self.w(CUOI)].contains(&self.key(k + 2));
        let e = if part {
            self.point_at(k + 2)?
        } else {
            self.point_at(k)?
        };
        Some(self.range_tail(e).unwrap_or(e))
    }

    /// Every period of the paragraph as char spans, except comparison bases ("so với năm 2021").
    fn periods(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut k = 0;
        while k < self.toks.len() {
            match self.period_at(k) {
                Some(e) if e > k => {
                    if !self.lex.comparison.iter().any(|p| self.phrase_before(k, p)) {
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
        let chars = self.chars();
        let n = chars.len();
        let p = p.min(n);
        let ends = self.ends.get_or_init(|| sentence_ends(chars, self.toks));
        let mut s = (0..p).rev().find(|&i| ends[i]).map_or(0, |i| i + 1);
        let e = (p..n).find(|&i| ends[i]).map_or(n, |i| i + 1);
        let cs = (s..p).rev().find(|&i| chars[i] == ';').map_or(s, |i| i + 1);
        let ce = (p..e).find(|&i| chars[i] == ';').unwrap_or(e);
        s = s.min(cs);
        ((s, e), (cs, ce))
    }

    /// The period a figure at `start..end` is tied to (see the module doc); `figures` holds the
    /// start of every figure of the paragraph.
    fn period_for(
        &self,
        periods: &[(usize, usize)],
        figures: &[usize],
        start: usize,
        end: usize,
    ) -> Option<String> {
        let ((ss, _), (cs, ce)) = self.bounds(start);
        let in_clause = periods
            .iter()
            .filter(|(ps, pe)| *ps >= cs && *pe <= start)
            .max_by_key(|(_, pe)| *pe);
        let after = || periods.iter().find(|(ps, pe)| *ps >= end && *pe <= ce);
        // A period that follows a figure of its own clause ("… 470 cán bộ giai đoạn 2022 -
        // 2026;") belongs to that clause; only a period that leads its clause reaches further.
        let leads = |ps: usize| {
            let (_, (pcs, _)) = self.bounds(ps);
            !figures.iter().any(|f| *f >= pcs && *f < ps)
        };
        let in_sentence = || {
            periods
                .iter()
                .filter(|(ps, pe)| *ps >= ss && *pe <= start && leads(*ps))
                .max_by_key(|(_, pe)| *pe)
        };
        let chosen = in_clause.or_else(after).or_else(in_sentence)?;
        Some(self.slice(chosen.0, chosen.1).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn figs(text: &str) -> Vec<Figure> {
        extract(0, text)
    }

    /// The only figure of `text`.
    fn one(text: &str) -> Figure {
        let all = figs(text);
        assert_eq!(all.len(), 1, "{text:?} gave {all:#?}");
        all.into_iter().next().unwrap()
    }

    /// (value, unit, qualifier, period) of every figure, for compact comparisons.
    type Row = (f64, String, Option<Qualifier>, Option<String>);

    fn rows(text: &str) -> Vec<Row> {
        figs(text)
            .into_iter()
            .map(|f| (f.value, f.unit, f.qualifier, f.period))
            .collect()
    }

    fn row(v: f64, unit: &str, q: Option<Qualifier>, period: Option<&str>) -> Row {
        (v, unit.to_owned(), q, period.map(str::to_owned))
    }

    fn none(text: &str) {
        assert_eq!(figs(text), vec![], "{text:?} should state no figure");
    }

    use Qualifier::{Approx, Over, Under};

    #[test]
    fn dot_groups_thousands() {
        let f = one("Có 13.663 mô hình được đăng ký.");
        assert_eq!(
            (f.value, f.unit.as_str(), f.text.as_str()),
            (13663.0, "mô hình", "13.663")
        );
        assert_eq!((f.start, f.end), (3, 9));
        assert_eq!(one("gồm 1.082.500 lượt người").value, 1_082_500.0);
    }

    #[test]
    fn comma_is_the_decimal_point() {
        let f = one("hỗ trợ 2,5 tấn gạo");
        assert_eq!(
            (f.value, f.unit.as_str(), f.text.as_str()),
            (2.5, "tấn gạo", "2,5")
        );
        assert_eq!(one("hỗ trợ 1.200,5 tấn gạo").value, 1200.5);
    }

    #[test]
    fn percent_sign_is_inside_the_span() {
        let f = one("Tỷ lệ hài lòng đạt 98,5% trong năm 2023.");
        assert_eq!(
            (f.value, f.unit.as_str(), f.text.as_str()),
            (98.5, "%", "98,5%")
        );
        assert_eq!(f.period.as_deref(), Some("năm 2023"));
        assert_eq!(one("đạt 98,5 % kế hoạch").text, "98,5 %");
        let words = one("đạt 95 phần trăm kế hoạch");
        assert_eq!(
            (words.value, words.unit.as_str(), words.text.as_str()),
            (95.0, "%", "95")
        );
    }

    #[test]
    fn money_is_normalised_to_ty_or_trieu_dong() {
        let f = one("huy động 1,2 nghìn tỷ đồng cho an sinh");
        assert_eq!(
            (f.value, f.unit.as_str(), f.text.as_str()),
            (1200.0, "tỷ đồng", "1,2 nghìn tỷ")
        );
        let f = one("ủng hộ 13 tỷ 355 triệu đồng");
        assert_eq!(
            (f.value, f.unit.as_str(), f.text.as_str()),
            (13.355, "tỷ đồng", "13 tỷ 355 triệu")
        );
        assert_eq!(
            rows("hơn 500 triệu đồng"),
            [row(500.0, "triệu đồng", Some(Over), None)]
        );
        assert_eq!(rows("2.500 triệu đồng"), [row(2.5, "tỷ đồng", None, None)]);
        assert_eq!(
            rows("mỗi suất 300.000 đồng"),
            [row(300_000.0, "đồng", None, None)]
        );
        assert_eq!(rows("5 triệu USD"), [row(5.0, "triệu USD", None, None)]);
        // "đồng chí" is people, not money.
        assert_eq!(rows("5 đồng chí"), [row(5.0, "đồng chí", None, None)]);
    }

    #[test]
    fn scale_words_multiply() {
        assert_eq!(rows("5 nghìn người"), [row(5000.0, "người", None, None)]);
        assert_eq!(rows("5 ngàn người"), [row(5000.0, "người", None, None)]);
        assert_eq!(
            rows("2 triệu lượt người"),
            [row(2e6, "lượt người", None, None)]
        );
        assert_eq!(one("2 triệu lượt người").text, "2 triệu");
    }

    #[test]
    fn part_of_a_whole() {
        for text in [
            "xét duyệt 42/120 hồ sơ",
            "xét duyệt 42 /120 hồ sơ",
            "xét duyệt 42 / 120 hồ sơ",
        ] {
            let f = one(text);
            assert_eq!(
                (f.value, f.of, f.unit.as_str()),
                (42.0, Some(120.0), "hồ sơ"),
                "{text}"
            );
            assert!(f.text.starts_with("42") && f.text.ends_with("120"));
        }
    }

    #[test]
    fn small_counts_in_words_before_a_counted_noun() {
        assert_eq!(
            rows("xây dựng ba mô hình mới"),
            [row(3.0, "mô hình", None, None)]
        );
        assert_eq!(
            rows("hai mươi lăm hộ dân"),
            [row(25.0, "hộ dân", None, None)]
        );
        assert_eq!(rows("mười hai xã"), [row(12.0, "xã", None, None)]);
        assert_eq!(one("khoảng năm cán bộ").qualifier, Some(Approx));
        none("Một nội dung nữa là phong trào thi đua.");
        none("một số mô hình, một trong những nhiệm vụ");
        none("ba mẹ và hai bên gia đình");
        none("Thứ hai là, phải đổi mới nội dung.");
        none("bồi dưỡng hàng năm cán bộ làm công tác dân vận");
    }

    #[test]
    fn hang_with_scale_words_is_an_approximate_lower_bound() {
        let f = one("huy động hàng trăm nghìn cán bộ, đoàn viên, hội viên các tổ chức");
        assert_eq!(
            (f.value, f.unit.as_str(), f.qualifier, f.text.as_str()),
            (
                100_000.0,
                "cán bộ, đoàn viên, hội viên",
                Some(Approx),
                "trăm nghìn"
            )
        );
        assert_eq!(
            rows("hàng nghìn hộ dân"),
            [row(1000.0, "hộ dân", Some(Approx), None)]
        );
        none("hàng trăm");
    }

    #[test]
    fn qualifiers() {
        let q = |t: &str| one(t).qualifier;
        for t in [
            "gần 5.000 tổ",
            "khoảng 300 hộ",
            "Khoảng 300 hộ",
            "KHOẢNG 300 hộ",
            "ước tính 20 xã",
        ] {
            assert_eq!(q(t), Some(Approx), "{t}");
        }
        for t in ["xấp xỉ 2,5 tấn", "hàng 100 người", "chừng 40 người"] {
            assert_eq!(q(t), Some(Approx), "{t}");
        }
        for t in ["hơn 26.000 người", "trên 500 hộ", "vượt 12 chỉ tiêu"] {
            assert_eq!(q(t), Some(Over), "{t}");
        }
        for t in [
            "dưới 10 hộ",
            "chưa đến 10 hộ",
            "không đến 10 hộ",
            "chưa đầy 10 hộ",
        ] {
            assert_eq!(q(t), Some(Under), "{t}");
        }
        assert_eq!(q("có 10 hộ"), None);
        // "tổng số"/"con số" introduce a count, not a document number.
        assert_eq!(rows("tổng số 500 hộ"), [row(500.0, "hộ", None, None)]);
        assert_eq!(
            rows("con số 13.663 mô hình"),
            [row(13663.0, "mô hình", None, None)]
        );
    }

    #[test]
    fn tone_placement_and_case_do_not_matter() {
        // Old ("hoà", "uỷ") and new ("hòa", "ủy") placements, as both occur in the corpus.
        let old = one("thành lập 12 tổ hoà giải");
        let new = one("thành lập 12 tổ hòa giải");
        assert_eq!(
            (old.unit.as_str(), new.unit.as_str()),
            ("tổ hoà giải", "tổ hòa giải")
        );
        assert_eq!(one("12 Tổ Hòa Giải").unit, "tổ hòa giải");
        assert_eq!(one("Chưa Đến 10 hộ").qualifier, Some(Under));
        none("Thứ Hai, Lần Thứ 18 Hội nghị");
    }

    #[test]
    fn unit_is_the_head_noun_phrase_or_a_short_fallback() {
        assert_eq!(
            one("đã có 1.082 mô hình Dân vận khéo của hệ thống").unit,
            "mô hình"
        );
        assert_eq!(
            one("10 chương trình công tác của Thành ủy").unit,
            "chương trình công tác"
        );
        assert_eq!(
            one("579 xã, phường, thị trấn.").unit,
            "xã, phường, thị trấn"
        );
        assert_eq!(
            one("470 cán bộ, công chức làm công tác").unit,
            "cán bộ, công chức"
        );
        assert_eq!(
            one("hơn 26.000 “Tổ Covid-19 cộng đồng” ở").unit,
            "Tổ Covid-19 cộng đồng"
        );
        // Not in the lexicon: up to three syllables, stopping at a function word.
        assert_eq!(one("trao 35 xuồng cứu hộ mới cho").unit, "xuồng cứu hộ");
        assert_eq!(one("trao 35 xuồng của").unit, "xuồng");
        // A bare classifier takes its noun; a known phrase does not grow.
        assert_eq!(
            one("tiếp 1.500 lượt công dân tại trụ sở").unit,
            "lượt công dân"
        );
        assert_eq!(one("tổ chức 24 lớp bồi dưỡng").unit, "lớp");
        none("đạt tiêu chí 5 “không” của phong trào");
    }

    #[test]
    fn years_and_dates_are_not_figures() {
        none("Năm 2021, công tác dân vận tạo nhiều dấu ấn; từ 2018 đến 2021.");
        none("Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị");
        none("Kỷ niệm 94 năm (17/3/1930 - 17/3/2024):");
        none("từ năm 2022 đến quý 2/2024, định kỳ tháng 10 hàng năm");
        none("Ngày 13/1, tại Hà Nội; ngày 5/6 hộ dân");
        none("date 2024-01 Tham dự hội nghị");
    }

    #[test]
    fn document_numbers_and_names_are_not_figures() {
        none("Nghị quyết số 25-NQ/TW, ngày 3/6/2013 (khóa XI)");
        none("Nghị quyết 25 và Chương trình hành động 42 của Thành uỷ");
        none("Chỉ thị số 07-CT/TU; Đề án số 04-ĐA/TU; Nghị quyết 25/NQ-CP");
        none("dịch Covid-19 bùng phát, đại dịch COVID-19, các trường hợp F0");
        none("đường Vành đai 4 - Vùng Thủ đô đi qua");
        none("Tổ 5 khu phố 3 phường 7");
        none("Đại hội XIII, lần thứ 18, khóa 15 đại biểu");
    }

    #[test]
    fn durations_ranges_and_slogans_are_not_figures() {
        none("Qua gần 40 năm đổi mới, sau 15 năm mở rộng địa giới hành chính");
        none("giai đoạn 5 năm; nhiệm kỳ 2020 - 2025; nhiệm kỳ 2021-2026");
        none("cụ thể hóa với nội dung 5 không “Không để người nghèo tụt hậu”");
        none("tăng 2 lần; người cao tuổi 80 tuổi; kết quả 25 và 30");
        none("Cách mạng công nghiệp 4.0 và 1,2,3 bước");
    }

    #[test]
    fn period_is_the_nearest_before_in_the_clause() {
        let text = "Nếu như năm 2021, tổng số mô hình được đăng ký là 11.576 mô hình thì đến năm 2023, tổng số là 13.663 mô hình.";
        assert_eq!(
            rows(text),
            [
                row(11576.0, "mô hình", None, Some("năm 2021")),
                row(13663.0, "mô hình", None, Some("năm 2023")),
            ]
        );
    }

    #[test]
    fn period_after_in_the_clause_then_before_in_the_sentence() {
        let text = "Từ năm 2022 đến nay, mở 24 lớp; bồi dưỡng 470 cán bộ giai đoạn 2022 - 2026; duyệt 42/120 hồ sơ.";
        let periods: Vec<_> = figs(text).into_iter().map(|f| f.period).collect();
        assert_eq!(
            periods,
            [
                Some("Từ năm 2022 đến nay".to_owned()),
                Some("giai đoạn 2022 - 2026".to_owned()),
                Some("Từ năm 2022 đến nay".to_owned()),
            ]
        );
        // Another sentence's year is not this figure's period; nor is a comparison base.
        assert_eq!(one("Năm 2021 rất khó khăn. Có 5 mô hình mới.").period, None);
        assert_eq!(one("Có 500 hộ, tăng so với năm 2021.").period, None);
        assert_eq!(
            one("Cuối năm 2023, có 50 hộ.").period.as_deref(),
            Some("Cuối năm 2023")
        );
        let half = one("Trong 6 tháng đầu năm 2024, đã tiếp 1.500 lượt công dân.");
        assert_eq!(half.period.as_deref(), Some("6 tháng đầu năm 2024"));
        assert_eq!(half.text, "1.500");
        assert_eq!(
            one("Tại TP. Hồ Chí Minh năm 2023 có 50 hộ.")
                .period
                .as_deref(),
            Some("năm 2023")
        );
    }

    // The seed corpus, sentence by sentence (data/reports/).

    #[test]
    fn seed_003_hanoi() {
        let caption = "Ban Dân vận 7 quận, huyện có Dự án đường Vành đai 4 - Vùng Thủ đô đi qua ký giao ước thi đua.";
        assert_eq!(rows(caption), [row(7.0, "quận, huyện", None, None)]);
        none("Kỷ niệm 94 năm Ngày thành lập Đảng bộ Thành phố Hà Nội (17/3/1930 - 17/3/2024):");
        none("Qua gần 40 năm cả nước tiến hành sự nghiệp đổi mới, Thủ đô cũng đã phát triển mạnh mẽ về mọi mặt, nhất là sau 15 năm mở rộng địa giới hành chính.");
        none("Trong nhiệm kỳ Đại hội Đảng bộ TP lần thứ XVII, Thành ủy Hà Nội đã tiếp tục lãnh đạo, chỉ đạo đổi mới về nội dung, phương thức hoạt động của công tác dân vận.");
        none("Ban Thường vụ Thành ủy đã ban hành Chỉ thị số 07-CT/TU, ngày 1/10/2021 về “đẩy mạnh, nâng cao chất lượng, hiệu quả công tác dân vận của các cơ quan Nhà nước”. Đây là một trong những nhiệm vụ trọng tâm công tác dân vận TP trong nhiệm kỳ 2020 - 2025. Cụ thể hoá Chỉ thị số 07-CT/TU, Ban Dân vận Thành ủy đã phát huy tinh thần chủ động trong tham gia thực hiện Dự án đầu tư xây dựng đường Vành đai 4 - Vùng Thủ đô Hà Nội.");
        let p23 = "Theo đó, Ban Thường vụ Thành ủy, Ban Chấp hành Đảng bộ TP chỉ đạo kịp thời ban hành các văn bản chỉ đạo, hướng dẫn triển khai nhiệm vụ công tác dân vận trong toàn hệ thống chính trị TP. Chỉ đạo hệ thống dân vận cơ sở phát huy vai trò của gần 5.000 tổ dân vận ở thôn, tổ dân phố trong công tác nắm, dự báo tình hình Nhân dân, dân tộc, tôn giáo. Huy động sức mạnh của cả hệ thống chính trị, sự đồng thuận của các tầng lớp Nhân dân triển khai thực hiện có hiệu quả Nghị quyết Đại hội Đảng bộ các cấp, các nhiệm vụ trọng tâm, các khâu đột phá, 10 chương trình công tác của Thành ủy.";
        assert_eq!(
            rows(p23),
            [
                row(5000.0, "tổ dân vận", Some(Approx), None),
                row(10.0, "chương trình công tác", None, None),
            ]
        );
        let p25 = "Đặc biệt, thời điểm xảy ra đại dịch Covid-19, Thành ủy Hà Nội luôn xác định làm tốt công tác dân vận, huy động sức mạnh của cả hệ thống chính trị, lấy người dân là chủ thể, phát huy sức mạnh đại đoàn kết của Nhân dân là một trong những nhiệm vụ, giải pháp quan trọng nhằm thực hiện “mục tiêu kép” vừa chống dịch, vừa phát triển kinh tế-xã hội, giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn. Phát huy vai trò nòng cốt của hệ thống chính trị ở cơ sở trong công tác phòng, chống dịch, huy động hàng trăm nghìn cán bộ, đoàn viên, hội viên các tổ chức chính trị-xã hội tham gia hơn 26.000 “Tổ Covid-19 cộng đồng” ở 579 xã, phường, thị trấn. Qua đó, góp phần quan trọng bảo vệ Thủ đô bình an, từng bước phục hồi, phát triển sau đại dịch.";
        assert_eq!(
            rows(p25),
            [
                row(100_000.0, "cán bộ, đoàn viên, hội viên", Some(Approx), None),
                row(26000.0, "Tổ Covid-19 cộng đồng", Some(Over), None),
                row(579.0, "xã, phường, thị trấn", None, None),
            ]
        );
        let p34 = "Bên cạnh đó, phong trào thi đua “Dân vận khéo” tiếp tục được quan tâm triển khai thực hiện. Nếu như năm 2021, tổng số mô hình, điển hình “Dân vận khéo” từ cấp cơ sở đến cấp TP được đăng ký là 11.576 mô hình thì đến năm 2023, tổng số mô hình “Dân vận khéo” được đăng ký triển khai là 13.663 mô hình. Qua tổ chức triển khai phong trào thi đua \"Dân vận khéo\", nhiều việc mới, việc khó, phát sinh ở cơ sở đã được giải quyết và góp phần phát huy sức mạnh khối đại đoàn kết toàn dân, củng cố niềm tin, tăng cường mối quan hệ gắn bó máu thịt giữa Đảng với Nhân dân.";
        let found = figs(p34);
        assert_eq!(
            found
                .iter()
                .map(|f| (f.text.as_str(), f.period.as_deref()))
                .collect::<Vec<_>>(),
            [("11.576", Some("năm 2021")), ("13.663", Some("năm 2023"))]
        );
        for f in &found {
            assert_eq!(char_slice(p34, f.start, f.end), f.text);
        }
    }

    #[test]
    fn seed_004_hcmc() {
        none("Từ năm 2018, phong trào thi đua “Dân vận khéo“ được cụ thể hóa với nội dung 5 không “Không để người nghèo, người yếu thế tụt hậu, bị bỏ quên; Không gây phiền hà cho người dân và doanh nghiệp”, “Cả nước đoàn kết, chung sức đồng lòng thi đua, chống và chiến thắng đại dịch COVID-19”");
        let p5 = "Đặc biệt, trong thời gian bùng phát dịch COVID-19, đã có 1.082 mô hình Dân vận khéo của hệ thống chính trị và các tầng lớp Nhân dân được hình thành và triển khai thực hiện hiệu quả tại địa phương.";
        assert_eq!(rows(p5), [row(1082.0, "mô hình", None, None)]);
        none("Ban Thường vụ Thành ủy ban hành chương trình về đào tạo bồi dưỡng công tác dân vận, quy chế dân chủ ở cơ sở và Đề án số 04-ĐA/TU ngày 21/5/2021 về tổ chức, đào tạo, bồi dưỡng kiến thức về dân tộc - tôn giáo cho đội ngũ cán bộ, công chức, viên chức trong hệ thống chính trị Thành phố");
        let p7 = "Kết quả, từ năm 2022 đến quý 2/2024 Ban Dân vận Thành ủy đã phối hợp tổ chức 24 lớp bồi dưỡng kiến thức về dân tộc, tôn giáo cho 2.406 học viên là cán bộ, công chức của thành phố Thủ Đức, quận, huyện, phường, xã, thị trấn; xét duyệt cử đi học 42 /120 hồ sơ đăng ký tham gia đào tạo trình độ thạc sĩ về dân tộc và tôn giáo; Ủy ban nhân dân Thành phố bồi dưỡng nghiệp vụ cho 470 cán bộ, công chức làm công tác tín ngưỡng, tôn giáo trên địa bàn Thành phố Hồ Chí Minh giai đoạn 2022 - 2026…";
        let range = Some("từ năm 2022 đến quý 2/2024");
        assert_eq!(
            rows(p7),
            [
                row(24.0, "lớp", None, range),
                row(2406.0, "học viên", None, range),
                row(42.0, "hồ sơ", None, range),
                row(
                    470.0,
                    "cán bộ, công chức",
                    None,
                    Some("giai đoạn 2022 - 2026")
                ),
            ]
        );
        assert_eq!(figs(p7)[2].of, Some(120.0));
        assert_eq!(figs(p7)[2].text, "42 /120");
        let p12 = "Kết quả từ năm 2007-2023, đã có 1.448 cá nhân, 574 tập thể được biểu dương điển hình “Dân vận khéo” cấp thành phố; 121.132 cá nhân, 30.096 tập thể được bình chọn, công nhận mô hình, biểu dương điển hình “Dân vận khéo” cấp cơ sở./..";
        let since = Some("từ năm 2007-2023");
        assert_eq!(
            rows(p12),
            [
                row(1448.0, "cá nhân", None, since),
                row(574.0, "tập thể", None, since),
                row(121_132.0, "cá nhân", None, since),
                row(30096.0, "tập thể", None, since),
            ]
        );
        none("Định kỳ tháng 10 hàng năm, Thành ủy chỉ đạo tổ chức các hoạt động kỷ niệm ngày Truyền thống công tác dân vận của Đảng với nội dung cụ thể, thiết thực");
    }

    #[test]
    fn seed_000_hcmc() {
        let p37 = "- Ông Nguyễn Hữu Hiệp: Thông qua chương trình công tác năm 2022, Ban Dân vận Trung ương đã có định hướng 10 nội dung. Trên cơ sở đó, Ban Dân vận Thành ủy đã tiếp thu, lĩnh hội những nội dung này, và tham mưu, đề xuất cho Thành ủy chiến lược, chương trình công tác dân vận thời kỳ mới, sau đại dịch Covid-19.";
        assert_eq!(rows(p37), [row(10.0, "nội dung", None, Some("năm 2022"))]);
        none("- Ông Nguyễn Hữu Hiệp: Công tác dân vận năm 2021 của TPHCM đã thực hiện được nhiều nhiệm vụ trọng tâm. Ngay sau Đại hội Đảng bộ TPHCM lần thứ XI và Đại hội Đảng toàn quốc lần thứ XIII; Ban Dân vận thành ủy đã tham mưu cho Thành ủy ban hành chương trình hành động của công tác dân vận của nhiệm kỳ 2020 đến 2025");
        none("Ban Dân vận Thành ủy đã có nhiều chương trình công tác triển khai, đặc biệt là công tác dân vận chính quyền, tiến hành ký kết với UBND thành phố về công tác dân vận của chính quyền giai đoạn 5 năm.");
        none("hỗ trợ thiết bị y tế trong phòng, chống dịch hoặc Hội Đông y đã tham gia cung cấp túi thuốc cho các trường hợp F0, gần đây cũng triển khai chương trình hậu covid");
        none("Một nội dung nữa là phong trào thi đua dân vận khéo. Từ đầu năm, Ban Dân vận thành ủy đã phát động.");
    }

    #[test]
    fn seed_001_and_002_state_no_figures() {
        none(" date 2024-01 Tham dự hội nghị, về phía Trung ương có các đồng chí: Đỗ Văn Phớn, Phó Trưởng Ban Dân vận Trung ương");
        none("Đồng chí Đỗ Văn Phớn tặng Bằng khen của Ban Thường vụ Thành ủy TPHCM cho các tập thể có thành tích xuất sắc trong thực hiện Nghị quyết 25 và Chương trình hành động 42 của Thành uỷ TPHCM về tăng cường sự lãnh đạo của Đảng đối với công tác thanh niên thời kỳ đẩy mạnh CNH, HĐH đất nước");
        none("Ngày 13/1, tại Hà Nội, Ban Dân vận Trung ương tổ chức Hội nghị toàn quốc tổng kết công tác dân vận và đánh giá kết quả thực hiện năm “Đẩy mạnh thực hiện quy chế dân chủ ở cơ sở” năm 2021, triển khai nhiệm vụ năm 2022.");
        none("Trong năm 2021, các cấp ủy, tổ chức đảng quan tâm lãnh đạo, chỉ đạo việc quán triệt, triển khai thực hiện nội dung công tác dân vận theo tinh thần Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII và đại hội Đảng các cấp gắn với thực hiện Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị về việc ban hành Quy chế công tác dân vận của hệ thống chính trị, Nghị quyết số 25-NQ/TW, ngày 3/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI) về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới.");
        none("Tập trung tuyên truyền vận động nhân dân tham gia cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021-2026 đạt kết quả cao.");
    }

    #[test]
    fn every_seed_paragraph_keeps_the_span_invariant() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/reports");
        let mut count = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for (i, line) in text.lines().enumerate() {
                for f in extract(i, line) {
                    assert_eq!(f.paragraph, i);
                    assert_eq!(char_slice(line, f.start, f.end), f.text);
                    count += 1;
                }
            }
        }
        // 003: 10 figures, 004: 11, 000: 1 (see the seed tests above).
        assert_eq!(count, 22);
    }

    const VOCAB: &[&str] = &[
        "13",
        "663",
        "2",
        "5",
        "2021",
        "120",
        "42",
        "0",
        "99999999999999999999",
        "năm",
        "quý",
        "tháng",
        "từ",
        "đến",
        "giai đoạn",
        "hàng",
        "trăm",
        "nghìn",
        "tỷ",
        "triệu",
        "đồng",
        "chí",
        "mô hình",
        "hơn",
        "gần",
        "chưa đến",
        "hai",
        "mươi",
        "lăm",
        "mười",
        "số",
        "thứ",
        "Covid",
        "hộ",
        "xã",
        "phường",
        "cán bộ",
        "không",
        "phần",
        "trăm",
        "TP",
        "so với",
        "nay",
        "Hoà",
        "uỷ",
        "a\u{300}",
    ];
    const SEPS: &[&str] = &[
        " ", ".", ",", "/", " /", "-", " - ", "%", "“", "”", ";", ". ", "…", "\n", "",
    ];

    fn vietnamese_like() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (prop::sample::select(VOCAB), prop::sample::select(SEPS)),
            0..40,
        )
        .prop_map(|parts| parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
    }

    fn check(text: &str) -> Result<(), TestCaseError> {
        for f in extract(7, text) {
            prop_assert!(f.start < f.end, "{f:?}");
            prop_assert_eq!(char_slice(text, f.start, f.end), f.text.as_str());
            prop_assert!(f.value.is_finite());
            prop_assert_eq!(f.paragraph, 7);
            prop_assert!(!f.unit.is_empty());
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            check(&text)?;
        }

        #[test]
        fn number_heavy_text_never_panics(text in vietnamese_like()) {
            check(&text)?;
        }
    }
}
