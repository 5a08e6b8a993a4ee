//! Runs the real `danvan` binary on fixture folders: exit codes, messages, and what is written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use danvan::core::meta::CatalogFile;
use danvan::core::model::{Bundle, City, ParagraphKind, Provenance};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn danvan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_danvan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn compile(dir: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "compile",
        dir.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    danvan(&args)
}

#[test]
fn good_folder_compiles_with_warnings_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bundle.json");
    let o = compile(&fixture("good/reports"), &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");

    // Every warning names the file and the line.
    assert!(err.contains("d_empty.txt:1: warning: empty file"), "{err}");
    assert!(
        err.contains("c_duplicate.txt:1: warning: same text as a_bom_crlf.txt"),
        "{err}"
    );
    assert!(
        err.contains("corpus.toml:7: warning: entry for missing.txt"),
        "{err}"
    );

    let bundle = Bundle::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    // The summary counts what the bundle holds.
    let figures: usize = bundle.reports.iter().map(|r| r.figures.len()).sum();
    let summary =
        format!("compiled 3 reports: 10 paragraphs, {figures} figures, 2 people, 3 warnings");
    assert!(err.lines().any(|l| l == summary), "{err}");
    let files: Vec<&str> = bundle.reports.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(files, ["a_bom_crlf.txt", "b_nfd.txt", "sub/e_nested.txt"]);
    let ids: Vec<&str> = bundle.reports.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["a-bom-crlf", "b-nfd", "sub-e-nested"]);

    // The catalog beside the bundle is the bundle's list, entry for entry.
    let catalog =
        CatalogFile::from_json(&std::fs::read(tmp.path().join("bundle.catalog.json")).unwrap())
            .unwrap();
    assert_eq!(
        catalog,
        CatalogFile::of(&bundle.generator, &bundle.topics, &bundle.reports)
    );
    assert_eq!(catalog.reports[2].id, "sub-e-nested");

    // The topics, aliases and manifest beside the folder were picked up.
    assert_eq!(bundle.topics.len(), 2);
    assert_eq!(bundle.aliases[0][0], "TPHCM");

    // BOM + CRLF: no BOM in the title, no '\r' anywhere, lines still counted right.
    let a = &bundle.reports[0];
    assert_eq!(a.title.as_deref(), Some("Năm 2023: Dân vận khéo ở TP.HCM"));
    assert!(a
        .paragraphs
        .iter()
        .all(|p| !p.text.contains('\r') && !p.text.contains('\u{feff}')));
    assert_eq!(a.paragraphs[1].line, 3);
    assert_eq!(a.authors, ["THU HƯỜNG"]);
    assert_eq!(a.city, City::Hcmc);
    assert_eq!(a.outlet.as_deref(), Some("VOH"));
    // Curated date overrides the inferred 2023-03-05.
    assert_eq!(a.date.as_deref(), Some("2023-03"));
    assert_eq!(a.provenance["date"], Provenance::Curated);
    assert_eq!(a.provenance["city"], Provenance::Inferred);
    assert_eq!(a.notes.len(), 1);
    // "hài hoà" with the old tone placement still tags, and the footer is boilerplate.
    assert!(a.paragraphs[2].topics.contains(&"dan-van-kheo".to_owned()));
    assert_eq!(
        a.paragraphs.last().unwrap().kind,
        ParagraphKind::Boilerplate
    );

    // NFD input is stored as NFC.
    let b = &bundle.reports[1];
    assert_eq!(b.title.as_deref(), Some("Hà Nội phát huy dân chủ ở cơ sở"));
    assert_eq!(b.city, City::Hanoi);
    assert_eq!(b.people[0].name, "Trần Thị Hoa");
    assert_eq!(bundle.reports[2].city, City::National);
}

#[test]
fn output_is_byte_identical_across_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, two) = (tmp.path().join("1.json"), tmp.path().join("2.json"));
    assert_eq!(
        compile(&fixture("good/reports"), &one, &[]).status.code(),
        Some(0)
    );
    assert_eq!(
        compile(&fixture("good/reports"), &two, &[]).status.code(),
        Some(0)
    );
    assert_eq!(std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap());
}

#[test]
fn strict_fails_on_warnings_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bundle.json");
    let o = compile(&fixture("good/reports"), &out, &["--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning:"));
    assert!(!out.exists());
    assert!(!tmp.path().join("bundle.catalog.json").exists());
}

#[test]
fn invalid_utf8_fails_naming_file_and_offset_and_keeps_old_bundle() {
    let tmp = tempfile::tempdir().unwrap();
    let reports = tmp.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    std::fs::write(reports.join("a_ok.txt"), "Công tác dân vận ở Hà Nội.\n").unwrap();
    let mut bytes = "Dòng đầu\nDòng hai ".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(&[0xC3, 0x28, b'\n']);
    std::fs::write(reports.join("b_bad.txt"), &bytes).unwrap();

    let out = tmp.path().join("bundle.json");
    std::fs::write(&out, "previous good bundle").unwrap();
    let o = compile(&reports, &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "b_bad.txt:2: error: invalid UTF-8 at byte offset {offset}"
        )),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "previous good bundle"
    );
    // No temporary file is left beside the output.
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");

    // Without a previous bundle, none is created.
    std::fs::remove_file(&out).unwrap();
    assert_eq!(compile(&reports, &out, &[]).status.code(), Some(2));
    assert!(!out.exists());
}

#[test]
fn bad_manifest_fails_naming_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bundle.json");
    let o = compile(&fixture("bad_manifest/reports"), &out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("corpus.toml:3: error:"), "{err}");
    assert!(!out.exists());
}

#[test]
fn explicit_config_paths_win_and_must_exist() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bundle.json");
    // The bad manifest beside the folder is not read when another one is named.
    let good = fixture("good/corpus.toml");
    let o = compile(
        &fixture("bad_manifest/reports"),
        &out,
        &["--manifest", good.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let missing = tmp.path().join("nope.toml");
    let o = compile(
        &fixture("good/reports"),
        &out,
        &["--topics", missing.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nope.toml: error:"), "{}", stderr(&o));
}

#[test]
fn usage_help_and_version() {
    let o = danvan(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("danvan compile <DIR> -o <FILE>"));
    let o = danvan(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("danvan {}", env!("CARGO_PKG_VERSION"))
    );
    let o = danvan(&["compile", "data/reports"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-o"));
    let o = danvan(&["compile", "/definitely/not/here", "-o", "x.json"]);
    assert_eq!(o.status.code(), Some(2));
}
