//! A synthetic corpus for scale tests and benchmarks: N report files that look like the seed.
//!
//! The seed corpus has five reports; the app and the compiler must stay fast at ten thousand.
//! Real reports cannot be invented, so this module recombines the seed's own paragraphs (built
//! into the binary, so the output does not depend on the working directory) into new pages:
//! each file gets a city, a date, an outlet and a title of its own, the numbers of its figure
//! sentences re-valued (written back in Vietnamese format, "13.663" and "2,5"), and the clutter
//! of real scraped pages (navigation lines, captions printed twice, share buttons, a "Tin liên
//! quan" footer). Some files use the other tone placement ("hoà"/"hòa", "uỷ"/"ủy") and some are
//! stored decomposed (NFD), as real downloads are.
//!
//! Output is a pure function of `(n, seed)`: the only randomness is a splitmix64 generator
//! seeded per file, so the same seed gives the same bytes on every machine and file `i` does
//! not depend on how many files were asked for.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::clean;
use super::diag::CompileError;
use super::write::write_atomic;
use crate::core::model::ParagraphKind;

/// The seed reports, as the synthetic pages' source of prose.
const SEED: [&str; 5] = [
    include_str!("../../data/reports/000_02f6dcf03165deaf.txt"),
    include_str!("../../data/reports/001_766f63b2c3b56db5.txt"),
    include_str!("../../data/reports/002_c49dc822d147d953.txt"),
    include_str!("../../data/reports/003_4f530625533c3697.txt"),
    include_str!("../../data/reports/004_9f8f8d386b4b9560.txt"),
];

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough to pick paragraphs.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the modulo bias is irrelevant at these sizes.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Which city a synthetic report is written about (the compiler must find it again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SynthCity {
    Hanoi,
    Hcmc,
    National,
}

/// Spellings of Hồ Chí Minh City found in the seed, all of which the compiler knows.
const HCMC_NAMES: &[&str] = &["TPHCM", "TP.HCM", "TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"];
const OUTLETS: &[&str] = &[
    "VOH",
    "SGGP",
    "Kinhtedothi",
    "HNM",
    "PLO",
    "Dân Vận",
    "TTXVN",
    "Nhân Dân",
];
/// Short enough that "Năm 2022: Công tác dân vận ở TP Hồ Chí Minh …" stays under the 20 words
/// from which an unpunctuated line reads as a photo caption.
const TOPICS: &[&str] = &[
    "chú trọng cơ sở",
    "phát huy đại đoàn kết",
    "lan tỏa “Dân vận khéo”",
    "đổi mới phương thức",
    "hướng về cơ sở, bám sát dân",
    "gắn kết nhân dân và chính quyền",
];
/// Site navigation of the kinds the seed pages carry (and the compiler marks as clutter).
const NAV_LINES: &[&str] = &[
    "Tiêu điểm: Chuyển đổi số",
    "Tiêu điểm: Nhân Humanity",
    "Chờ...",
    "Chia sẻ Facebook",
];
const RELATED: &[&str] = &[
    "Khát vọng cống hiến vì Việt Nam hùng cường",
    "Không vì lý do gì mà 'treo' sổ hồng của dân",
    "Nâng cao chất lượng bữa ăn bán trú cho học sinh",
    "Thời tiết ngày mai: mưa rào và dông vài nơi",
    "Khánh thành cầu mới nối hai bờ kênh",
];

/// The seed's prose split into what a page is made of.
struct Pool {
    body: Vec<String>,
    captions: Vec<String>,
}

fn pool() -> Pool {
    let mut body = Vec::new();
    let mut captions = Vec::new();
    for text in SEED {
        let text: String = text.nfc().collect::<String>().replace("\r\n", "\n");
        for p in clean::classify(&text) {
            let words = p.text.split_whitespace().count();
            match p.kind {
                // Long paragraphs of prose only: short body lines are headings or stray furniture.
                ParagraphKind::Body if words >= 15 && !p.text.starts_with('|') => body.push(p.text),
                ParagraphKind::Caption if (5..=40).contains(&words) => captions.push(p.text),
                _ => {}
            }
        }
    }
    body.dedup();
    captions.dedup();
    Pool { body, captions }
}

/// One synthetic report: its file name and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthFile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub city: SynthCity,
}

/// The `n` files of the corpus for `seed`, in file-name order.
pub fn generate(n: usize, seed: u64) -> Vec<SynthFile> {
    let pool = pool();
    (0..n).map(|i| report(&pool, seed, i)).collect()
}

/// Writes the corpus into `dir` (created if missing) and returns the bytes written.
pub fn write_corpus(dir: &Path, n: usize, seed: u64) -> Result<u64, CompileError> {
    std::fs::create_dir_all(dir).map_err(|source| CompileError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let mut total = 0;
    let pool = pool();
    for i in 0..n {
        let f = report(&pool, seed, i);
        write_atomic(&dir.join(&f.name), &f.bytes)?;
        total += f.bytes.len() as u64;
    }
    Ok(total)
}

fn report(pool: &Pool, seed: u64, i: usize) -> SynthFile {
    // Each file has its own generator, so file i is the same whatever n is.
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
    rng.next_u64();
    let city = match rng.below(10) {
        0..=3 => SynthCity::Hanoi,
        4..=7 => SynthCity::Hcmc,
        _ => SynthCity::National,
    };
    let city_name = match city {
        SynthCity::Hanoi => "Hà Nội",
        SynthCity::Hcmc | SynthCity::National => rng.pick(HCMC_NAMES),
    };
    let year = 2018 + rng.below(8);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let outlet = rng.pick(OUTLETS);
    let topic = rng.pick(TOPICS);

    let mut lines: Vec<String> = Vec::new();
    if rng.chance(40) {
        lines.push((*rng.pick(NAV_LINES)).to_owned());
    }
    let title = match city {
        SynthCity::National => {
            format!("Hội nghị toàn quốc tổng kết công tác dân vận năm {year}: {topic}")
        }
        _ => format!("Năm {year}: Công tác dân vận ở {city_name} {topic}"),
    };
    // Three ways the seed dates a page: a scraper marker, a dated lead, or only the title's year.
    let date_style = rng.below(3);
    if date_style != 0 {
        lines.push(title);
    }
    let lead_text = match city {
        SynthCity::National => format!(
            "Ngày {day}/{month}, tại Hà Nội, Ban Dân vận Trung ương tổ chức Hội nghị toàn quốc tổng kết công tác dân vận năm {year}.",
        ),
        _ if date_style == 1 => format!(
            "Ngày {day}/{month}, Ban Dân vận Thành ủy {city_name} tổ chức hội nghị tổng kết công tác dân vận năm {year}, {topic}."
        ),
        _ => format!(
            "Năm {year}, công tác dân vận trên địa bàn {city_name} tạo nên nhiều dấu ấn quan trọng, {topic}."
        ),
    };
    let lead = if date_style == 0 {
        format!(" date {year}-{month:02} {lead_text}")
    } else if rng.chance(60) && !(city == SynthCity::National || date_style == 1) {
        format!("({outlet}) - {lead_text}")
    } else {
        lead_text
    };
    lines.push(lead);

    // About as long as a seed report (9 KB on average).
    let paragraphs = 10 + rng.below(16);
    for k in 0..paragraphs {
        let mut text = retarget(rng.pick::<String>(&pool.body), city, city_name);
        text = revalue(&text, &mut rng);
        lines.push(text);
        if k % 5 == 2 && !pool.captions.is_empty() {
            let caption = retarget(rng.pick::<String>(&pool.captions), city, city_name);
            // Scraped captions are often printed twice; the compiler marks the copy as clutter.
            if rng.chance(50) {
                lines.push(caption.clone());
            }
            lines.push(caption);
        }
    }
    if rng.chance(50) {
        lines.push("Chia sẻ Zalo".to_owned());
    }
    if rng.chance(60) {
        lines.push("Tin liên quan".to_owned());
        for _ in 0..2 + rng.below(3) {
            let h = rng.pick(RELATED);
            lines.push((*h).to_owned());
            lines.push((*h).to_owned());
        }
    }

    let mut text = lines.join("\n\n");
    text.push('\n');
    if rng.chance(33) {
        text = swap_tone_placement(&text);
    }
    // Some files arrive decomposed; the compiler normalises them to NFC.
    let bytes = if rng.chance(10) {
        text.nfd().collect::<String>().into_bytes()
    } else {
        text.into_bytes()
    };
    SynthFile {
        name: format!("synth_{i:06}.txt"),
        bytes,
        city,
    }
}

/// Rewrites the city names of a borrowed paragraph so the page is about one city.
fn retarget(text: &str, city: SynthCity, name: &str) -> String {
    match city {
        SynthCity::Hanoi => {
            let mut t = text.to_owned();
            for n in ["Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "TP Hồ Chí Minh"]
                .iter()
                .chain(&["TP.HCM", "TPHCM", "TP. HCM"])
            {
                t = t.replace(n, name);
            }
            t
        }
        SynthCity::Hcmc => text
            .replace("Thành phố Hà Nội", name)
            .replace("TP Hà Nội", name)
            .replace("Hà Nội", name),
        SynthCity::National => text.to_owned(),
    }
}

/// The other tone placement: "hòa" ↔ "hoà", "ủy" ↔ "uỷ" (both are correct Vietnamese). The
/// placements differ only in open syllables, so a pair is swapped only at the end of a word
/// ("hoà" and "hòa", but "đoàn" and "hoạt" stay as they are).
fn swap_tone_placement(text: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("òa", "oà"),
        ("óa", "oá"),
        ("ỏa", "oả"),
        ("õa", "oã"),
        ("ọa", "oạ"),
        ("ùy", "uỳ"),
        ("úy", "uý"),
        ("ủy", "uỷ"),
        ("ũy", "uỹ"),
        ("ụy", "uỵ"),
        ("Ủy", "Uỷ"),
    ];
    // Only one direction per file, so each file is consistent the way real pages mostly are.
    let to_old = PAIRS.iter().any(|(new, _)| text.contains(new));
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'outer: while let Some(c) = rest.chars().next() {
        for (new, old) in PAIRS {
            let (from, to) = if to_old { (new, old) } else { (old, new) };
            if let Some(after) = rest.strip_prefix(from) {
                if !after.chars().next().is_some_and(char::is_alphabetic) {
                    out.push_str(to);
                    rest = after;
                    continue 'outer;
                }
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Words before a number that make it a name, not a statistic ("Nghị quyết 25", "Covid-19").
const NOT_FIGURES: &[&str] = &[
    "quyết", "định", "thị", "đai", "hội", "thứ", "khóa", "khoá", "số", "năm", "quận", "động",
    "Covid", "tháng", "ngày", "kỳ", "quý",
];

/// Re-values the numbers of a paragraph that are statistics: counts with a thousands
/// separator ("13.663"), decimals ("2,5"), and plain counts of two or more digits. Years,
/// dates and numbered names are left alone, so the page stays coherent.
fn revalue(text: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let word_start =
            i == 0 || !(chars[i - 1].is_alphanumeric() || "-/.,".contains(chars[i - 1]));
        if !(c.is_ascii_digit() && word_start) {
            out.push(c);
            i += 1;
            continue;
        }
        // The number as written: digits with '.' groups and an optional ',' decimal part.
        let mut j = i;
        while j < chars.len()
            && (chars[j].is_ascii_digit()
                || (matches!(chars[j], '.' | ',')
                    && chars.get(j + 1).is_some_and(char::is_ascii_digit)))
        {
            j += 1;
        }
        let written: String = chars[i..j].iter().collect();
        let follows_slash = chars.get(j).is_some_and(|&c| c == '/' || c == '-');
        let before: String = chars[..i]
            .iter()
            .rev()
            .skip_while(|c| c.is_whitespace())
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let value = parse_vi(&written);
        let keep = follows_slash
            || NOT_FIGURES.contains(&before.as_str())
            || value.is_none()
            || value
                .is_some_and(|v| (1900.0..=2100.0).contains(&v) && !written.contains([',', '.']))
            || (written.len() < 2);
        match value {
            Some(v) if !keep => {
                // A factor of 0.5–1.5 keeps the figure plausible for its unit.
                let factor = 0.5 + rng.below(1001) as f64 / 1000.0;
                out.push_str(&format_vi(v * factor, written.contains(',')));
            }
            _ => out.push_str(&written),
        }
        i = j;
    }
    out
}

/// "13.663" → 13663, "2,5" → 2.5 (the seed's Vietnamese number format).
fn parse_vi(s: &str) -> Option<f64> {
    s.replace('.', "").replace(',', ".").parse().ok()
}

/// Formats a value the Vietnamese way: '.' between thousands, ',' before decimals.
fn format_vi(v: f64, decimal: bool) -> String {
    let (int, frac) = if decimal {
        let tenths = (v * 10.0).round() as u64;
        (tenths / 10, Some(tenths % 10))
    } else {
        (v.round().max(1.0) as u64, None)
    };
    let digits = int.to_string();
    let mut out = String::new();
    for (k, d) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push('.');
        }
        out.push(d);
    }
    if let Some(f) = frac {
        out.push(',');
        out.push_str(&f.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::{compile_sources, Config, Source};
    use crate::core::model::City;

    fn sources(files: &[SynthFile]) -> Vec<Source> {
        files
            .iter()
            .map(|f| Source {
                file: f.name.clone(),
                display: f.name.clone(),
                bytes: f.bytes.clone(),
            })
            .collect()
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = generate(20, 7);
        assert_eq!(a, generate(20, 7));
        let b = generate(20, 8);
        assert_eq!(a.len(), 20);
        assert!(a.iter().zip(&b).all(|(x, y)| x.bytes != y.bytes));
        // File i does not depend on how many files were asked for.
        assert_eq!(generate(5, 7)[..], a[..5]);
    }

    #[test]
    fn writes_n_files() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = write_corpus(dir.path(), 12, 1).unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 12);
        assert!(bytes > 12 * 2000, "{bytes}");
    }

    #[test]
    fn numbers_are_revalued_in_vietnamese_format() {
        let mut rng = Rng::new(3);
        let t = revalue(
            "Có 13.663 mô hình, tăng 2,5 lần; Nghị quyết 25 năm 2022, ngày 13/1.",
            &mut rng,
        );
        assert!(t.contains("Nghị quyết 25 năm 2022, ngày 13/1."), "{t}");
        assert!(!t.contains("13.663") && !t.contains(" 2,5 "), "{t}");
        let first = t.split_whitespace().nth(1).unwrap();
        assert!(
            first.contains('.') && parse_vi(first).unwrap() >= 6831.0,
            "{t}"
        );
        assert_eq!(format_vi(1234567.4, false), "1.234.567");
        assert_eq!(format_vi(2.54, true), "2,5");
    }

    #[test]
    fn tone_placement_swaps_both_ways() {
        assert_eq!(
            swap_tone_placement("hài hòa, Thành ủy"),
            "hài hoà, Thành uỷ"
        );
        assert_eq!(
            swap_tone_placement("hài hoà, Thành uỷ"),
            "hài hòa, Thành ủy"
        );
    }

    #[test]
    fn compiles_as_real_reports_with_the_cities_spread() {
        let files = generate(60, 42);
        assert!(files.iter().any(|f| std::str::from_utf8(&f.bytes)
            .unwrap()
            .nfc()
            .collect::<String>()
            != std::str::from_utf8(&f.bytes).unwrap()));
        let c = compile_sources(&sources(&files), &Config::default()).unwrap();
        assert_eq!(
            c.bundle.reports.len(),
            60,
            "no file is a duplicate or empty"
        );
        let mut agree = 0;
        for (r, f) in c.bundle.reports.iter().zip(&files) {
            let want = match f.city {
                SynthCity::Hanoi => City::Hanoi,
                SynthCity::Hcmc => City::Hcmc,
                SynthCity::National => City::National,
            };
            agree += usize::from(r.city == want);
            assert!(r.date.is_some(), "{} has no date", r.file);
            assert!(r.paragraphs.iter().any(|p| p.kind.is_clutter()) || r.paragraphs.len() > 5);
        }
        let with_figures = c
            .bundle
            .reports
            .iter()
            .filter(|r| !r.figures.is_empty())
            .count();
        assert!(with_figures >= 50, "{with_figures} of 60 have figures");
        let titled = c
            .bundle
            .reports
            .iter()
            .filter(|r| r.title.is_some())
            .count();
        assert!(titled >= 30, "{titled} of 60 have a title");
        for city in [City::Hanoi, City::Hcmc, City::National] {
            let n = c.bundle.reports.iter().filter(|r| r.city == city).count();
            assert!(n >= 5, "{city:?}: {n} of 60");
        }
        assert!(
            agree >= 57,
            "the compiler found the intended city for {agree} of 60"
        );
    }
}
