//! Stage 1, read: report files → normalised text.
//!
//! Scraped files arrive in every encoding accident a browser or an editor can make: a UTF-8 BOM,
//! Windows (CRLF) or old Mac (CR) line ends, decomposed (NFD) accents. This stage removes those
//! differences so later stages see one form: UTF-8 without BOM, `\n` line ends, NFC. Line numbers
//! survive because every kind of line end becomes exactly one `\n`.
//!
//! Bytes that are not UTF-8 stop the run (guessing an encoding would corrupt Vietnamese text);
//! empty files and exact duplicates are warnings and are skipped.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

use super::diag::{CompileError, Diagnostic};
use crate::core::fnv::{Fnv, FnvMap};
use crate::core::text::nfc_owned;

/// One input file before decoding.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path under the compiled folder, with `/` separators: the report's `file` in the bundle.
    pub file: String,
    /// The path as the user would type it, for messages.
    pub display: String,
    pub bytes: Vec<u8>,
}

/// One decoded, normalised report text.
#[derive(Debug, Clone)]
pub struct Text {
    pub file: String,
    pub display: String,
    pub text: String,
}

/// What the read stage produced.
#[derive(Debug, Default)]
pub struct Read {
    pub texts: Vec<Text>,
    pub warnings: Vec<Diagnostic>,
    /// Files skipped because they were empty or duplicates.
    pub skipped: usize,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes one file: strips a BOM, checks UTF-8, turns CRLF and CR into LF, normalises to NFC.
pub fn decode(display: &str, bytes: &[u8]) -> Result<String, CompileError> {
    let (skip, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    let text = std::str::from_utf8(body).map_err(|e| {
        let offset = skip + e.valid_up_to();
        CompileError::InvalidUtf8 {
            path: display.to_owned(),
            line: line_at(bytes, offset),
            offset,
        }
    })?;
    let unified = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    };
    Ok(nfc_owned(unified))
}

/// The 1-based line of a byte offset, counting CRLF, LF and CR each as one line end.
fn line_at(bytes: &[u8], offset: usize) -> u32 {
    let prefix = &bytes[..offset.min(bytes.len())];
    let mut line = 1u32;
    let mut i = 0;
    while i < prefix.len() {
        match prefix[i] {
            b'\n' => line = line.saturating_add(1),
            b'\r' => {
                line = line.saturating_add(1);
                if prefix.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    line
}

/// Decodes every source (already sorted by path), skipping empty files and keeping only the
/// first of several files with the same normalised text.
pub fn read_all(sources: &[Source]) -> Result<Read, CompileError> {
    let mut out = Read::default();
    // Texts kept so far by a cheap fingerprint (see [`fingerprint`]): an equal fingerprint is
    // only a candidate, confirmed by comparing the texts themselves.
    let mut seen: FnvMap<u64, Vec<usize>> = FnvMap::default();
    for src in sources {
        let text = decode(&src.display, &src.bytes)?;
        if text.trim().is_empty() {
            out.warnings.push(Diagnostic::new(
                &src.display,
                1,
                "empty file",
                "it has no text; skipped",
            ));
            out.skipped += 1;
            continue;
        }
        // Trailing blank lines and spaces do not make a different report.
        let key = text.trim_end();
        let print = fingerprint(key);
        let texts = &out.texts;
        let first = seen.get(&print).and_then(|kept| {
            kept.iter()
                .map(|&i| &texts[i])
                .find(|t| t.text.trim_end() == key)
        });
        if let Some(first) = first {
            out.warnings.push(Diagnostic::new(
                &src.display,
                1,
                format!("same text as {}", first.file),
                "a duplicate report; kept once, as the first file by path",
            ));
            out.skipped += 1;
            continue;
        }
        seen.entry(print).or_default().push(out.texts.len());
        out.texts.push(Text {
            file: src.file.clone(),
            display: src.display.clone(),
            text,
        });
    }
    Ok(out)
}

/// A fingerprint of a text for the duplicate check: its length and its first and last 64 bytes.
/// Hashing every byte of every text (as a `HashMap<String, _>` does) cost more than the check
/// is worth; texts that share the fingerprint are compared in full, so a weak one only costs
/// a comparison, never a wrong answer.
fn fingerprint(text: &str) -> u64 {
    let b = text.as_bytes();
    let n = b.len();
    let mut h = Fnv::default();
    h.write_usize(n);
    h.write(&b[..n.min(64)]);
    h.write(&b[n.saturating_sub(64)..]);
    h.finish()
}

/// Every `.txt` file under `dir`, recursively, sorted by path (with `/` separators), read into memory.
pub fn list_dir(dir: &Path) -> Result<Vec<Source>, CompileError> {
    let mut paths = Vec::new();
    walk(dir, dir, &mut paths)?;
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    let mut sources = Vec::with_capacity(paths.len());
    for (file, path) in paths {
        let display = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|source| CompileError::Io {
            path: display.clone(),
            source,
        })?;
        sources.push(Source {
            file,
            display,
            bytes,
        });
    }
    Ok(sources)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<(), CompileError> {
    let io = |source| CompileError::Io {
        path: dir.display().to_string(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        let kind = entry.file_type().map_err(io)?;
        if kind.is_dir() {
            walk(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let file = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((file, path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn src(file: &str, bytes: &[u8]) -> Source {
        Source {
            file: file.into(),
            display: format!("d/{file}"),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn bom_and_crlf_are_removed() {
        let t = decode("a", "\u{feff}Dân vận\r\nkhéo\rléo\n".as_bytes()).unwrap();
        assert_eq!(t, "Dân vận\nkhéo\nléo\n");
    }

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Thành uỷ Hà Nội".nfd().collect();
        assert_ne!(nfd.as_bytes(), "Thành uỷ Hà Nội".as_bytes());
        assert_eq!(decode("a", nfd.as_bytes()).unwrap(), "Thành uỷ Hà Nội");
    }

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let mut bytes = "Dòng một\r\nHai ".as_bytes().to_vec();
        let offset = bytes.len();
        bytes.extend_from_slice(&[0xff, b'x']);
        match decode("bad.txt", &bytes) {
            Err(CompileError::InvalidUtf8 {
                path,
                line,
                offset: o,
            }) => {
                assert_eq!(path, "bad.txt");
                assert_eq!(line, 2);
                assert_eq!(o, offset);
            }
            other => panic!("{other:?}"),
        }
        // The BOM counts in the offset: it is the file's byte offset.
        let mut with_bom = BOM.to_vec();
        with_bom.push(0xc3);
        assert!(matches!(
            decode("b", &with_bom),
            Err(CompileError::InvalidUtf8 {
                offset: 3,
                line: 1,
                ..
            })
        ));
    }

    #[test]
    fn empty_and_duplicate_files_are_skipped_with_warnings() {
        let nfd: String = "Dân vận khéo\n".nfd().collect();
        let r = read_all(&[
            src("a.txt", "Dân vận khéo\n".as_bytes()),
            src("b.txt", b" \n\t\r\n"),
            src("c.txt", format!("\u{feff}{nfd}\n\n").as_bytes()),
            src("d.txt", "Dân vận".as_bytes()),
        ])
        .unwrap();
        let files: Vec<&str> = r.texts.iter().map(|t| t.file.as_str()).collect();
        assert_eq!(files, ["a.txt", "d.txt"]);
        assert_eq!(r.skipped, 2);
        assert_eq!(r.warnings.len(), 2);
        assert_eq!(r.warnings[0].file, "d/b.txt");
        assert!(r.warnings[1].what.contains("a.txt"));
    }

    #[test]
    fn texts_that_differ_only_in_the_middle_are_not_duplicates() {
        let edge = "Công tác dân vận năm 2023 tiếp tục có nhiều chuyển biến tích cực";
        let a = format!("{edge} A {edge}");
        let b = format!("{edge} B {edge}");
        assert_eq!(fingerprint(&a), fingerprint(&b));
        let r = read_all(&[
            src("a.txt", a.as_bytes()),
            src("b.txt", b.as_bytes()),
            src("c.txt", a.as_bytes()),
        ])
        .unwrap();
        let files: Vec<&str> = r.texts.iter().map(|t| t.file.as_str()).collect();
        assert_eq!(files, ["a.txt", "b.txt"]);
        assert!(r.warnings[0].what.contains("same text as a.txt"));
    }
}
