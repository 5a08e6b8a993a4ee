//! The whole pipeline, from bytes to bundle in memory, never panics on any input.

use danvan::compiler::{clean, compile_sources, Config, Source};
use danvan::core::model::Bundle;
use proptest::prelude::*;

fn config() -> Config {
    let topics = danvan::compiler::topics::parse(
        "t.toml",
        "[[topic]]\nid = \"dan-van-kheo\"\nvi = \"Dân vận khéo\"\nen = \"x\"\nterms = [\"dân vận khéo\"]\n",
    )
    .unwrap();
    Config {
        topics,
        ..Config::default()
    }
}

fn source(file: &str, bytes: Vec<u8>) -> Source {
    Source {
        file: file.into(),
        display: file.into(),
        bytes,
    }
}

/// Text built from the pieces the rules look at, so the generator reaches the rules' corners.
fn vietnamese_page() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Tiêu điểm: ".to_owned()),
        Just("Chờ...".to_owned()),
        Just(" date 2024-01 ".to_owned()),
        Just("date 2024-13".to_owned()),
        Just("|".to_owned()),
        Just(" |".to_owned()),
        Just("Tin liên quan".to_owned()),
        Just("(VOH) - ".to_owned()),
        Just("Ngày 13/1, ".to_owned()),
        Just("năm 2022".to_owned()),
        Just("17/3/2024".to_owned()),
        Just("42 /120".to_owned()),
        Just("Nguyễn Phước Lộc, Phó Bí thư Thành ủy".to_owned()),
        Just("Phó Trưởng ban Dân vận Trung ương Phạm Tất Thắng".to_owned()),
        Just("Hồ Chí Minh".to_owned()),
        Just("TP. Hồ Chí Minh".to_owned()),
        Just("THU HƯỜNG".to_owned()),
        Just("Vũ Mạnh - Tiến Đạt".to_owned()),
        Just("(Ảnh: TNO)".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\u{301}".to_owned()),
        Just(":".to_owned()),
        Just(",".to_owned()),
        Just(";".to_owned()),
        Just(".".to_owned()),
        Just("\n".to_owned()),
        Just("\r".to_owned()),
        Just("\r\n".to_owned()),
        Just(" ".to_owned()),
        "\\PC{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(a in prop::collection::vec(any::<u8>(), 0..400), b in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(c) = compile_sources(&[source("a.txt", a), source("b.txt", b)], &config()) {
            prop_assert!(Bundle::from_json(&c.bundle.to_json()).is_ok());
        }
    }

    #[test]
    fn arbitrary_strings_compile(s in "\\PC{0,300}", t in vietnamese_page()) {
        let c = compile_sources(&[source("a.txt", s.into_bytes()), source("b.txt", t.clone().into_bytes())], &config());
        // Any UTF-8 text is accepted: only invalid bytes and bad configuration are errors.
        let c = c.unwrap();
        prop_assert_eq!(Bundle::from_json(&c.bundle.to_json()).unwrap(), c.bundle.clone());
        for r in &c.bundle.reports {
            for f in &r.figures {
                let p = &r.paragraphs[f.paragraph];
                prop_assert_eq!(danvan::core::text::char_slice(&p.text, f.start, f.end), f.text.as_str());
            }
        }
        // Classification keeps every non-blank line.
        let text = danvan::compiler::read::decode("b", t.as_bytes()).unwrap();
        let lines: std::collections::BTreeSet<u32> = clean::classify(&text).iter().map(|p| p.line).collect();
        let expected = text.split('\n').enumerate().filter(|(_, l)| !l.trim().is_empty()).count();
        prop_assert_eq!(lines.len(), expected);
    }
}
