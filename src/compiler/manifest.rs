//! The curation manifest (`corpus.toml`): what a careful reader knows better than the compiler.
//!
//! The raw reports are evidence and are never edited; corrections live here, one entry per
//! file, each with a `why`. A curated value replaces the inferred one and the report's
//! `provenance` says so, so the app can show which metadata a person vouched for.
//!
//! ```toml
//! [[report]]
//! file = "002_c49dc822d147d953.txt"
//! date = "2022-01-13"
//! why = "The lead says “Ngày 13/1”; the conference reviewed 2021."
//! ```

use serde::Deserialize;
use toml::Spanned;

use super::clean::is_date_value;
use super::diag::{line_of, CompileError, Diagnostic};
use super::topics::toml_error;
use crate::core::model::{City, Provenance, Report};
use crate::core::text::nfc;

/// One curated entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    pub file: String,
    /// 1-based line of the entry's `file` key, for warnings.
    pub line: u32,
    pub title: Option<String>,
    pub date: Option<String>,
    pub city: Option<City>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub authors: Option<Vec<String>>,
    pub why: Option<String>,
}

/// The parsed manifest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Manifest {
    /// The file the manifest came from, for warnings.
    pub path: String,
    pub entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    report: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    file: Spanned<String>,
    title: Option<String>,
    date: Option<Spanned<String>>,
    city: Option<Spanned<String>>,
    outlet: Option<String>,
    url: Option<String>,
    authors: Option<Vec<String>>,
    why: Option<String>,
}

fn error(path: &str, text: &str, offset: usize, message: String) -> CompileError {
    CompileError::Config {
        path: path.to_owned(),
        line: line_of(text, offset),
        message,
    }
}

/// Parses and checks a manifest: valid dates and cities, one entry per file.
pub fn parse(path: &str, text: &str) -> Result<Manifest, CompileError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let mut entries: Vec<Entry> = Vec::with_capacity(raw.report.len());
    for r in raw.report {
        let at = r.file.span().start;
        let file = r.file.into_inner();
        if entries.iter().any(|e| e.file == file) {
            return Err(error(
                path,
                text,
                at,
                format!("a second entry for \"{file}\""),
            ));
        }
        let date = match r.date {
            Some(d) if !is_date_value(d.get_ref()) => {
                let msg = format!(
                    "date \"{}\" must be YYYY, YYYY-MM or YYYY-MM-DD",
                    d.get_ref()
                );
                return Err(error(path, text, d.span().start, msg));
            }
            d => d.map(Spanned::into_inner),
        };
        let city = match r.city {
            Some(c) => Some(City::parse(c.get_ref()).ok_or_else(|| {
                let msg = format!(
                    "city \"{}\" must be one of hanoi, hcmc, national, other",
                    c.get_ref()
                );
                error(path, text, c.span().start, msg)
            })?),
            None => None,
        };
        let clean = |s: String| nfc(s.trim());
        entries.push(Entry {
            file,
            line: line_of(text, at),
            title: r.title.map(clean),
            date,
            city,
            outlet: r.outlet.map(clean),
            url: r.url,
            authors: r.authors.map(|a| a.into_iter().map(clean).collect()),
            why: r.why.map(clean),
        });
    }
    Ok(Manifest {
        path: path.to_owned(),
        entries,
    })
}

impl Manifest {
    /// Applies the entries to the reports they name; warns about entries that name no report.
    pub fn apply(&self, reports: &mut [Report]) -> Vec<Diagnostic> {
        let mut warnings = Vec::new();
        for entry in &self.entries {
            match reports.iter_mut().find(|r| r.file == entry.file) {
                Some(report) => {
                    if entry.url.is_some() {
                        warnings.push(Diagnostic::new(
                            &self.path,
                            entry.line,
                            format!("url for {} is not stored", entry.file),
                            "bundle schema 1 has no url field",
                        ));
                    }
                    entry.apply(report);
                }
                None => warnings.push(Diagnostic::new(
                    &self.path,
                    entry.line,
                    format!("entry for {} matches no report", entry.file),
                    "the file is missing, empty or a duplicate; the entry is ignored",
                )),
            }
        }
        warnings
    }
}

impl Entry {
    /// Overrides the report's inferred fields with the curated ones and records provenance.
    pub fn apply(&self, report: &mut Report) {
        let mut fields = Vec::new();
        if let Some(t) = &self.title {
            fields.push("title");
            report.title = Some(t.clone());
        }
        if let Some(d) = &self.date {
            fields.push("date");
            report.date = Some(d.clone());
        }
        if let Some(c) = self.city {
            fields.push("city");
            report.city = c;
        }
        if let Some(o) = &self.outlet {
            fields.push("outlet");
            report.outlet = Some(o.clone());
        }
        if let Some(a) = &self.authors {
            fields.push("authors");
            report.authors = a.clone();
        }
        for f in fields {
            report.provenance.insert(f.to_owned(), Provenance::Curated);
        }
        if let Some(why) = &self.why {
            report.notes.push(why.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::ProvenanceMap;

    fn report(file: &str) -> Report {
        Report {
            id: "x".into(),
            file: file.into(),
            title: None,
            date: Some("2022".into()),
            city: City::Other,
            outlet: None,
            authors: vec![],
            provenance: ["title", "date", "city", "outlet", "authors"]
                .iter()
                .map(|f| ((*f).to_owned(), Provenance::Inferred))
                .collect::<ProvenanceMap>(),
            notes: vec![],
            paragraphs: vec![],
            figures: vec![],
            people: vec![],
        }
    }

    #[test]
    fn curated_values_override_and_are_marked() {
        let m = parse(
            "corpus.toml",
            "[[report]]\nfile = \"a.txt\"\ndate = \"2022-01-13\"\ncity = \"hcmc\"\nwhy = \"Bài viết ngày 13/1.\"\n",
        )
        .unwrap();
        let mut reports = vec![report("a.txt"), report("b.txt")];
        assert!(m.apply(&mut reports).is_empty());
        let a = &reports[0];
        assert_eq!(a.date.as_deref(), Some("2022-01-13"));
        assert_eq!(a.city, City::Hcmc);
        assert_eq!(a.provenance["date"], Provenance::Curated);
        assert_eq!(a.provenance["city"], Provenance::Curated);
        assert_eq!(a.provenance["title"], Provenance::Inferred);
        assert_eq!(a.notes, ["Bài viết ngày 13/1."]);
        assert_eq!(reports[1].provenance["date"], Provenance::Inferred);
    }

    #[test]
    fn missing_file_is_a_warning_with_line() {
        let m = parse(
            "corpus.toml",
            "\n[[report]]\nfile = \"gone.txt\"\noutlet = \"VOH\"\n",
        )
        .unwrap();
        let w = m.apply(&mut [report("a.txt")]);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 3);
        assert!(w[0].what.contains("gone.txt"));
    }

    #[test]
    fn bad_values_are_errors_with_lines() {
        let bad_date = "[[report]]\nfile = \"a.txt\"\ndate = \"13/1/2022\"\n";
        assert!(matches!(
            parse("m", bad_date),
            Err(CompileError::Config { line: 3, .. })
        ));
        let bad_city = "[[report]]\nfile = \"a.txt\"\n\ncity = \"saigon\"\n";
        assert!(matches!(
            parse("m", bad_city),
            Err(CompileError::Config { line: 4, .. })
        ));
        let unknown = "[[report]]\nfile = \"a.txt\"\nauthor = \"X\"\n";
        assert!(matches!(
            parse("m", unknown),
            Err(CompileError::Config { .. })
        ));
        let broken = "[[report]]\nfile = \"a.txt\nwhy = 1\n";
        assert!(matches!(
            parse("m", broken),
            Err(CompileError::Config { line: 2, .. })
        ));
        let twice = "[[report]]\nfile = \"a.txt\"\n[[report]]\nfile = \"a.txt\"\n";
        assert!(matches!(
            parse("m", twice),
            Err(CompileError::Config { line: 4, .. })
        ));
    }
}
