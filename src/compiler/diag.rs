//! Diagnostics and errors shared by every compiler stage.
//!
//! Messy input is the normal case, so a stage reports what it noticed as [`Diagnostic`]s
//! (file, 1-based line, what, why) next to its result and carries on. Only input the compiler
//! cannot honestly turn into a bundle (bytes that are not UTF-8, a configuration file that does
//! not parse, an I/O failure) becomes a [`CompileError`], which stops the run before anything is
//! written. Mapping either of them to exit codes is the CLI's job, not the library's.

use std::fmt;

/// A warning about one place in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (folder joined with the report's path).
    pub file: String,
    /// 1-based line; 0 when the warning is about the whole file.
    pub line: u32,
    /// What happened, in a few words.
    pub what: String,
    /// Why it matters or what the compiler did about it.
    pub why: String,
}

impl Diagnostic {
    pub fn new(file: &str, line: u32, what: impl Into<String>, why: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line,
            what: what.into(),
            why: why.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A whole-file warning still names line 1, so editors can jump to the file.
        write!(
            f,
            "{}:{}: warning: {}",
            self.file,
            self.line.max(1),
            self.what
        )?;
        if !self.why.is_empty() {
            write!(f, " ({})", self.why)?;
        }
        Ok(())
    }
}

/// Why a compile run could not produce a bundle.
#[derive(Debug)]
pub enum CompileError {
    /// The file system refused a read or a write.
    Io {
        path: String,
        source: std::io::Error,
    },
    /// A report is not valid UTF-8; `offset` is the byte offset of the first bad byte in the file.
    InvalidUtf8 {
        path: String,
        line: u32,
        offset: usize,
    },
    /// A configuration file (manifest, topics, aliases) is not valid TOML or has a bad value.
    Config {
        path: String,
        line: u32,
        message: String,
    },
    /// Two reports would get the same id.
    IdCollision {
        id: String,
        first: String,
        second: String,
    },
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::Io { path, source } => write!(f, "{path}: error: {source}"),
            CompileError::InvalidUtf8 { path, line, offset } => write!(
                f,
                "{path}:{line}: error: invalid UTF-8 at byte offset {offset}; save the file as UTF-8"
            ),
            CompileError::Config { path, line, message } => {
                write!(f, "{path}:{line}: error: {message}")
            }
            CompileError::IdCollision { id, first, second } => write!(
                f,
                "{second}: error: report id \"{id}\" is already used by {first}; rename one of the files"
            ),
        }
    }
}

impl std::error::Error for CompileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CompileError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The 1-based line of byte `offset` in `text` (offsets past the end give the last line).
pub fn line_of(text: &str, offset: usize) -> u32 {
    let end = offset.min(text.len());
    let prefix = text.as_bytes().get(..end).unwrap_or_default();
    let newlines = prefix.iter().filter(|&&b| b == b'\n').count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_print_file_and_line() {
        let d = Diagnostic::new("data/a.txt", 3, "empty file", "skipped");
        assert_eq!(d.to_string(), "data/a.txt:3: warning: empty file (skipped)");
        let whole = Diagnostic::new("a.txt", 0, "x", "");
        assert_eq!(whole.to_string(), "a.txt:1: warning: x");
    }

    #[test]
    fn errors_name_file_line_and_offset() {
        let e = CompileError::InvalidUtf8 {
            path: "b.txt".into(),
            line: 2,
            offset: 17,
        };
        let s = e.to_string();
        assert!(s.starts_with("b.txt:2: error:"), "{s}");
        assert!(s.contains("byte offset 17"), "{s}");
    }

    #[test]
    fn line_of_counts_newlines() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
