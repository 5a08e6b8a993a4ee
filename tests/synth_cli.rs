//! Runs the real `danvan` binary: `synth` writes a corpus that `compile` then treats as real reports.

use std::process::{Command, Output};

use danvan::core::model::{Bundle, City, ParagraphKind};

fn danvan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_danvan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn synth_then_compile() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("synth/reports");
    let d = dir.to_str().unwrap();
    let o = danvan(&["synth", "--reports", "25", "--seed", "3", "-o", d]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("wrote 25 synthetic reports"));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 25);
    let first = std::fs::read(dir.join("synth_000000.txt")).unwrap();

    // The same seed again gives the same bytes.
    let again = tmp.path().join("again");
    let o = danvan(&[
        "synth",
        "--reports",
        "1",
        "--seed",
        "3",
        "-o",
        again.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert_eq!(
        std::fs::read(again.join("synth_000000.txt")).unwrap(),
        first
    );

    let out = tmp.path().join("bundle.json");
    let o = danvan(&["compile", d, "-o", out.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("compiled 25 reports"), "{err}");
    let bundle: Bundle = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(bundle.reports.len(), 25);
    for city in [City::Hanoi, City::Hcmc] {
        assert!(bundle.reports.iter().any(|r| r.city == city), "{city:?}");
    }
    // Clutter is kept and marked, never deleted.
    assert!(bundle
        .reports
        .iter()
        .flat_map(|r| &r.paragraphs)
        .any(|p| p.kind == ParagraphKind::Boilerplate));
    assert!(
        bundle
            .reports
            .iter()
            .map(|r| r.figures.len())
            .sum::<usize>()
            > 25
    );
}

#[test]
fn synth_usage_errors_exit_2() {
    let o = danvan(&["synth", "--reports", "many", "-o", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--reports needs a whole number"));
}
