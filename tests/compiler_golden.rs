//! The seed corpus compiled with its curated configuration, checked against what a reader
//! verifies by reading the five reports (see /work/shared/corpus/README.md).

use std::path::Path;

use danvan::compiler::{compile_dir, Options};
use danvan::core::model::{Bundle, City, ParagraphKind, Provenance, Report};
use danvan::core::text::char_slice;

fn seed() -> Bundle {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let opts = Options {
        dir: root.join("data/reports"),
        ..Options::default()
    };
    let compiled = compile_dir(&opts).expect("the seed corpus compiles");
    let warnings: Vec<String> = compiled.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.is_empty(),
        "the seed corpus compiles without warnings: {warnings:?}"
    );
    compiled.bundle
}

fn report<'a>(b: &'a Bundle, prefix: &str) -> &'a Report {
    b.reports
        .iter()
        .find(|r| r.file.starts_with(prefix))
        .expect(prefix)
}

fn people(r: &Report) -> Vec<(&str, Option<&str>)> {
    r.people
        .iter()
        .map(|p| (p.name.as_str(), p.position.as_deref()))
        .collect()
}

fn kind_of_line(r: &Report, line: u32) -> Vec<ParagraphKind> {
    r.paragraphs
        .iter()
        .filter(|p| p.line == line)
        .map(|p| p.kind)
        .collect()
}

#[test]
fn report_000_voh_interview_in_hcmc() {
    let b = seed();
    let r = report(&b, "000_");
    assert_eq!(r.id, "000-02f6dcf03165deaf");
    assert_eq!(
        r.title.as_deref(),
        // The source has a no-break space after "dân vận"; display text keeps it.
        Some("Năm 2022: Công tác dân vận\u{a0}chú trọng xây dựng hệ thống chính trị ở cơ sở")
    );
    assert_eq!(r.date.as_deref(), Some("2022"));
    assert_eq!(r.city, City::Hcmc);
    assert_eq!(r.outlet.as_deref(), Some("VOH"));
    assert!(r.authors.is_empty());
    assert_eq!(
        people(r),
        [("Nguyễn Hữu Hiệp", Some("Trưởng Ban Dân vận Thành ủy TPHCM"))]
    );
    // Site navigation, the image file name and "Bình luận" are clutter; the photo credit a caption.
    assert_eq!(kind_of_line(r, 1), [ParagraphKind::Boilerplate]);
    assert_eq!(kind_of_line(r, 2), [ParagraphKind::Boilerplate]);
    assert_eq!(kind_of_line(r, 12), [ParagraphKind::Boilerplate]);
    assert_eq!(kind_of_line(r, 13), [ParagraphKind::Caption]);
    assert_eq!(kind_of_line(r, 57), [ParagraphKind::Boilerplate]);
    assert!(r.provenance.values().all(|p| *p == Provenance::Inferred));
}

#[test]
fn report_001_hcmc_conference_without_title() {
    let b = seed();
    let r = report(&b, "001_");
    assert_eq!(r.title, None);
    assert_eq!(r.date.as_deref(), Some("2024-01"));
    assert_eq!(r.city, City::Hcmc);
    assert_eq!(r.outlet, None);
    assert_eq!(r.authors, ["THU HƯỜNG"]);
    assert_eq!(
        people(r),
        [
            ("Đỗ Văn Phớn", Some("Phó Trưởng Ban Dân vận Trung ương")),
            (
                "Vũ Anh Tuấn",
                Some("Vụ trưởng, Trưởng Cơ quan Thường trực Ban Dân vận Trung ương tại TPHCM")
            ),
            (
                "Nguyễn Phước Lộc",
                Some("Phó Bí thư Thành ủy, Trưởng Ban Tổ chức Thành ủy TPHCM")
            ),
            (
                "Trần Kim Yến",
                Some("Ủy viên Ban Thường vụ Thành ủy, Chủ tịch Ủy ban MTTQ Việt Nam TPHCM")
            ),
        ]
    );
    // The date marker is split off so the body starts at "Tham dự…".
    assert_eq!(
        kind_of_line(r, 1),
        [ParagraphKind::Boilerplate, ParagraphKind::Body]
    );
    assert_eq!(r.paragraphs[0].text, "date 2024-01");
    assert!(r.paragraphs[1].text.starts_with("Tham dự hội nghị"));
    // Photo captions between paragraphs; short section headings stay body.
    for line in [5, 13, 23, 29] {
        assert_eq!(
            kind_of_line(r, line),
            [ParagraphKind::Caption],
            "line {line}"
        );
    }
    assert_eq!(kind_of_line(r, 7), [ParagraphKind::Body]);
    assert_eq!(kind_of_line(r, 37), [ParagraphKind::Byline]);
}

#[test]
fn report_002_national_conference_held_in_hanoi() {
    let b = seed();
    let r = report(&b, "002_");
    assert_eq!(
        r.title.as_deref(),
        Some("Hướng về cơ sở, bám sát dân, bám chắc địa bàn")
    );
    assert_eq!(r.date.as_deref(), Some("2022-01-13"));
    assert_eq!(r.city, City::National);
    assert_eq!(r.outlet, None);
    assert_eq!(r.authors, ["Vũ Mạnh", "Tiến Đạt"]);
    assert_eq!(
        people(r),
        [
            (
                "Võ Văn Thưởng",
                Some("Ủy viên Bộ Chính trị, Thường trực Ban Bí thư")
            ),
            ("Đỗ Văn Chiến", Some("Chủ tịch UBTƯ MTTQ Việt Nam")),
            ("Lê Minh Khái", Some("Phó Thủ tướng Chính phủ")),
            ("Bùi Thị Minh Hoài", Some("Trưởng ban Dân vận Trung ương")),
            ("Phạm Tất Thắng", Some("Phó Trưởng ban Dân vận Trung ương")),
        ]
    );
    // Each doubled caption is one caption plus one boilerplate copy.
    for (first, copy) in [(9, 10), (16, 17), (25, 26), (38, 39), (49, 50)] {
        assert_eq!(
            kind_of_line(r, first),
            [ParagraphKind::Caption],
            "line {first}"
        );
        assert_eq!(
            kind_of_line(r, copy),
            [ParagraphKind::Boilerplate],
            "line {copy}"
        );
    }
    // Everything from "Tin liên quan" on is the site's footer.
    assert!(r
        .paragraphs
        .iter()
        .filter(|p| p.line >= 64)
        .all(|p| p.kind == ParagraphKind::Boilerplate));
    assert_eq!(r.paragraphs.iter().filter(|p| p.line >= 64).count(), 11);
}

#[test]
fn report_003_hanoi_kinhtedothi_with_kicker() {
    let b = seed();
    let r = report(&b, "003_");
    assert_eq!(
        r.title.as_deref(),
        Some("Phát huy sức mạnh đại đoàn kết của Nhân dân trong xây dựng Thủ đô")
    );
    assert_eq!(kind_of_line(r, 1), [ParagraphKind::Kicker]);
    assert_eq!(kind_of_line(r, 5), [ParagraphKind::Byline]);
    assert_eq!(kind_of_line(r, 6), [ParagraphKind::Boilerplate]);
    // Curated: the month of the anniversary, not the inferred day.
    assert_eq!(r.date.as_deref(), Some("2024-03"));
    assert_eq!(r.provenance["date"], Provenance::Curated);
    assert_eq!(r.notes.len(), 1);
    assert_eq!(r.city, City::Hanoi);
    assert_eq!(r.outlet.as_deref(), Some("Kinhtedothi"));
    assert_eq!(r.authors, ["Nguyên Bảo"]);
    // "quận Hoàng Mai" is a place; the report names no person.
    assert!(r.people.is_empty(), "{:?}", r.people);
}

#[test]
fn report_004_hcmc_table_cells_without_title() {
    let b = seed();
    let r = report(&b, "004_");
    assert_eq!(r.title, None);
    assert_eq!(r.city, City::Hcmc);
    assert_eq!(r.outlet, None);
    assert!(r.authors.is_empty());
    assert_eq!(r.date.as_deref(), Some("2024"));
    assert_eq!(r.provenance["date"], Provenance::Curated);
    // "phong cách Hồ Chí Minh" is the person, and not a person of this report.
    assert!(r.people.is_empty(), "{:?}", r.people);
    assert_eq!(kind_of_line(r, 1), [ParagraphKind::Boilerplate]);
    assert_eq!(
        kind_of_line(r, 3),
        [ParagraphKind::Caption, ParagraphKind::Boilerplate]
    );
    // The sentence stated as a caption (line 10) and again in the body (line 12): both kept.
    assert_eq!(
        kind_of_line(r, 10),
        [ParagraphKind::Caption, ParagraphKind::Boilerplate]
    );
    assert_eq!(kind_of_line(r, 12), [ParagraphKind::Body]);
}

#[test]
fn bundle_invariants() {
    let b = seed();
    assert_eq!(b.reports.len(), 5);
    assert_eq!(b.topics.len(), 11);
    assert!(b.aliases.iter().any(|g| g.iter().any(|t| t == "TP.HCM")));
    let files: Vec<&str> = b.reports.iter().map(|r| r.file.as_str()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    for r in &b.reports {
        assert!(r
            .id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'));
        // Every non-blank source line is a paragraph, in order.
        assert!(r.paragraphs.windows(2).all(|w| w[0].line <= w[1].line));
        // Each figure's text is exactly its span of its paragraph.
        for f in &r.figures {
            let p = &r.paragraphs[f.paragraph];
            assert_eq!(
                char_slice(&p.text, f.start, f.end),
                f.text,
                "{}: {f:?}",
                r.file
            );
            assert!(matches!(
                p.kind,
                ParagraphKind::Body | ParagraphKind::Caption
            ));
        }
        // Topics are tagged only with known ids.
        for p in &r.paragraphs {
            assert!(p.topics.iter().all(|t| b.topics.iter().any(|k| &k.id == t)));
        }
    }
    // A paragraph with the old tone placement ("hài hòa") is tagged like any other.
    let with_topics: usize = b
        .reports
        .iter()
        .flat_map(|r| &r.paragraphs)
        .filter(|p| !p.topics.is_empty())
        .count();
    assert!(with_topics > 40, "{with_topics}");
    // Round trip through the wire format.
    assert_eq!(Bundle::from_json(&b.to_json()).unwrap(), b);
}

#[test]
fn every_source_line_is_kept() {
    let b = seed();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/reports");
    for r in &b.reports {
        let text = std::fs::read_to_string(root.join(&r.file)).unwrap();
        for (i, line) in text.lines().enumerate() {
            let line_no = u32::try_from(i + 1).unwrap();
            if line.trim().is_empty() {
                continue;
            }
            let parts: Vec<&str> = r
                .paragraphs
                .iter()
                .filter(|p| p.line == line_no)
                .map(|p| p.text.as_str())
                .collect();
            assert!(!parts.is_empty(), "{}:{line_no} lost", r.file);
            // Splitting a line never drops a character other than spaces.
            let joined: String = parts.concat().split_whitespace().collect();
            let source: String = line.split_whitespace().collect();
            assert_eq!(joined, source, "{}:{line_no}", r.file);
        }
    }
}

/// Every figure of the seed corpus, as a reader verifies them: (value, unit, qualifier, period, span).
/// Caption/body duplicates ("7 quận, huyện" in 003, "1.448 cá nhân" in 004) are one figure each.
#[test]
fn figures_of_the_seed_corpus() {
    use danvan::core::model::Qualifier::{Approx, Over};
    let b = seed();
    type Row<'a> = (
        f64,
        &'a str,
        Option<danvan::core::model::Qualifier>,
        Option<&'a str>,
        &'a str,
    );
    let rows = |prefix: &str| -> Vec<(f64, String, Option<_>, Option<String>, String)> {
        report(&b, prefix)
            .figures
            .iter()
            .map(|f| {
                (
                    f.value,
                    f.unit.clone(),
                    f.qualifier,
                    f.period.clone(),
                    f.text.clone(),
                )
            })
            .collect()
    };
    let expect = |want: &[Row]| -> Vec<(f64, String, Option<_>, Option<String>, String)> {
        want.iter()
            .map(|(v, u, q, p, t)| (*v, u.to_string(), *q, p.map(str::to_string), t.to_string()))
            .collect()
    };
    assert_eq!(
        rows("000_"),
        expect(&[(10.0, "nội dung", None, Some("năm 2022"), "10")])
    );
    assert!(
        rows("001_").is_empty(),
        "Nghị quyết 25, Chương trình hành động 42 are not figures"
    );
    assert!(
        rows("002_").is_empty(),
        "dates, khóa XV, 2021-2026 are not figures"
    );
    assert_eq!(
        rows("003_"),
        expect(&[
            (5000.0, "tổ dân vận", Some(Approx), None, "5.000"),
            (10.0, "chương trình công tác", None, None, "10"),
            (
                100000.0,
                "cán bộ, đoàn viên, hội viên",
                Some(Approx),
                None,
                "trăm nghìn"
            ),
            (26000.0, "Tổ Covid-19 cộng đồng", Some(Over), None, "26.000"),
            (579.0, "xã, phường, thị trấn", None, None, "579"),
            (7.0, "quận, huyện", None, None, "7"),
            (11576.0, "mô hình", None, Some("năm 2021"), "11.576"),
            (13663.0, "mô hình", None, Some("năm 2023"), "13.663"),
        ])
    );
    let span = "từ năm 2022 đến quý 2/2024";
    let decades = "từ năm 2007-2023";
    assert_eq!(
        rows("004_"),
        expect(&[
            (1082.0, "mô hình", None, None, "1.082"),
            (24.0, "lớp", None, Some(span), "24"),
            (2406.0, "học viên", None, Some(span), "2.406"),
            (42.0, "hồ sơ", None, Some(span), "42 /120"),
            (
                470.0,
                "cán bộ, công chức",
                None,
                Some("giai đoạn 2022 - 2026"),
                "470"
            ),
            (1448.0, "cá nhân", None, Some(decades), "1.448"),
            (574.0, "tập thể", None, Some(decades), "574"),
            (121132.0, "cá nhân", None, Some(decades), "121.132"),
            (30096.0, "tập thể", None, Some(decades), "30.096"),
        ])
    );
    let fraction = report(&b, "004_")
        .figures
        .iter()
        .find(|f| f.value == 42.0)
        .unwrap();
    assert_eq!(fraction.of, Some(120.0));
    // In the seed corpus every caption figure is restated in the body, so only the body copy stays.
    for r in &b.reports {
        for f in &r.figures {
            assert_eq!(
                r.paragraphs[f.paragraph].kind,
                ParagraphKind::Body,
                "{} {}",
                r.id,
                f.text
            );
        }
    }
}
