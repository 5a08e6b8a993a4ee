//! Stage 4, write: reports → the bundle file, deterministically and atomically.
//!
//! The same input must give byte-identical output (reports sorted by file, no clocks, compact
//! serde output in declaration order), so a bundle can be diffed and cached. The file is
//! written to a temporary file in the output's folder, flushed to disk and renamed over the
//! target: a crash or an error at any point leaves either the old bundle or the new one, never
//! half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::diag::CompileError;
use crate::core::meta::CatalogFile;
use crate::core::model::{Bundle, Report, Topic, SCHEMA_VERSION};
use crate::core::text::folded_key;

/// The generator string: the crate's name and version, and nothing that changes between runs.
pub fn generator() -> String {
    format!("danvan {}", env!("CARGO_PKG_VERSION"))
}

/// A URL-safe id for a report file: "000_02f6dcf03165deaf.txt" → "000-02f6dcf03165deaf".
/// Accents are folded first ("Báo cáo.txt" → "bao-cao"); a path with no letters or digits gets "report".
pub fn report_id(file: &str) -> String {
    let stem = file.strip_suffix(".txt").unwrap_or(file);
    let mut out = String::with_capacity(stem.len());
    for c in folded_key(stem).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("report");
    }
    out
}

/// Assembles the bundle; reports are sorted by file so their order never depends on the file system.
pub fn bundle(topics: Vec<Topic>, aliases: Vec<Vec<String>>, mut reports: Vec<Report>) -> Bundle {
    reports.sort_by(|a, b| a.file.cmp(&b.file));
    Bundle {
        schema_version: SCHEMA_VERSION,
        generator: generator(),
        topics,
        aliases,
        reports,
    }
}

/// Where the catalog of a bundle goes: beside it, "bundle.json" → "bundle.catalog.json"
/// (the app fetches both names from the same folder).
pub fn catalog_path(bundle: &Path) -> PathBuf {
    let name = bundle
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".json").unwrap_or(&name);
    bundle.with_file_name(format!("{stem}.catalog.json"))
}

/// Writes the bundle to `path` and its catalog ([`CatalogFile`]) beside it
/// ([`catalog_path`]), each atomically, and returns the catalog's path. The bundle goes
/// first: a run stopped between the two leaves the new bundle with the old catalog, which the
/// app notices (it recomputes the list from the bundle, which wins), never a catalog of a
/// bundle that was not written.
pub fn write_bundle(path: &Path, bundle: &Bundle) -> Result<PathBuf, CompileError> {
    write_atomic(path, bundle.to_json().as_bytes())?;
    let catalog = CatalogFile::of(&bundle.generator, &bundle.topics, &bundle.reports);
    let catalog_path = catalog_path(path);
    write_atomic(&catalog_path, catalog.to_json().as_bytes())?;
    Ok(catalog_path)
}

/// Writes `bytes` to `path` atomically: temp file in the same folder, fsync, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CompileError> {
    let display = path.display().to_string();
    let io = |source| CompileError::Io {
        path: display.clone(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the output path names no file",
        ))
    })?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        // Persist the rename itself; not every platform can open a folder, so this is best effort.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_url_safe_slugs() {
        assert_eq!(
            report_id("000_02f6dcf03165deaf.txt"),
            "000-02f6dcf03165deaf"
        );
        assert_eq!(report_id("Hà Nội/Báo cáo số 1.txt"), "ha-noi-bao-cao-so-1");
        assert_eq!(report_id("__.txt"), "report");
        assert_eq!(report_id("Đảng--bộ.txt"), "dang-bo");
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("bundle.json");
        std::fs::write(&out, "old").unwrap();
        write_atomic(&out, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a folder: the rename fails and nothing is left behind.
        let out = dir.path().join("taken");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("keep"), "x").unwrap();
        assert!(write_atomic(&out, b"new").is_err());
        assert_eq!(std::fs::read_to_string(out.join("keep")).unwrap(), "x");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_catalog_goes_beside_the_bundle() {
        assert_eq!(
            catalog_path(Path::new("dist/bundle.json")),
            Path::new("dist/bundle.catalog.json")
        );
        assert_eq!(
            catalog_path(Path::new("out")),
            Path::new("out.catalog.json")
        );
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("bundle.json");
        let b = bundle(vec![], vec![], vec![]);
        let written = write_bundle(&out, &b).unwrap();
        assert_eq!(written, dir.path().join("bundle.catalog.json"));
        let c = CatalogFile::from_json(&std::fs::read(&written).unwrap()).unwrap();
        assert_eq!(c.generator, b.generator);
        assert!(c.reports.is_empty());
    }

    #[test]
    fn bundle_is_sorted_and_versioned() {
        let b = bundle(vec![], vec![], vec![]);
        assert_eq!(b.schema_version, SCHEMA_VERSION);
        assert!(b.generator.starts_with("danvan "));
    }
}
