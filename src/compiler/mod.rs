//! The corpus compiler (native only): a folder of raw reports → one JSON bundle.
//!
//! Named by stage, in the order data flows:
//! [`read`] (bytes → normalised text) → [`clean`] (lines → classified paragraphs) →
//! [`extract`] (paragraphs → metadata, people, topics, figures) → [`manifest`] (curated
//! overrides) → [`write`] (deterministic, atomic bundle). [`topics`] loads the taxonomy and
//! aliases; [`cli`] is the only place that prints or picks exit codes.
//!
//! [`compile_sources`] is the whole pipeline in memory (no file system), so it can be tested on
//! arbitrary bytes; [`compile_dir`] adds the reading of the folder and its configuration files.

pub mod clean;
pub mod cli;
pub mod diag;
pub mod extract;
pub mod figures;
pub mod manifest;
pub mod read;
pub mod synth;
pub mod topics;
pub mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use diag::{CompileError, Diagnostic};
pub use manifest::Manifest;
pub use read::Source;
pub use topics::TopicDef;

use crate::core::model::Bundle;

/// The curated inputs besides the reports.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub topics: Vec<TopicDef>,
    pub aliases: Vec<Vec<String>>,
    pub manifest: Manifest,
}

/// A compiled bundle and everything the run noticed on the way.
#[derive(Debug)]
pub struct Compiled {
    pub bundle: Bundle,
    pub warnings: Vec<Diagnostic>,
    /// Files skipped as empty or duplicate.
    pub skipped: usize,
}

impl Compiled {
    /// "compiled N reports: P paragraphs, F figures, K people, W warnings".
    pub fn summary(&self) -> String {
        let reports = &self.bundle.reports;
        let paragraphs: usize = reports.iter().map(|r| r.paragraphs.len()).sum();
        let figures: usize = reports.iter().map(|r| r.figures.len()).sum();
        let people: usize = reports.iter().map(|r| r.people.len()).sum();
        format!(
            "compiled {} reports: {paragraphs} paragraphs, {figures} figures, {people} people, {} warnings",
            reports.len(),
            self.warnings.len()
        )
    }
}

/// Runs every stage on sources in memory. Output follows `file` order whatever the input order,
/// and the first file by path wins among duplicates.
pub fn compile_sources(sources: &[Source], config: &Config) -> Result<Compiled, CompileError> {
    if !sources.is_sorted_by(|a, b| a.file <= b.file) {
        let mut sorted = sources.to_vec();
        sorted.sort_by(|a, b| a.file.cmp(&b.file));
        return compile_sources(&sorted, config);
    }
    let read = read::read_all(sources)?;
    let mut warnings = read.warnings;
    let mut reports = Vec::with_capacity(read.texts.len());
    let mut ids: HashMap<String, String> = HashMap::new();
    let tagger = topics::Tagger::new(&config.topics);
    let mut vocabulary = extract::Vocabulary::new(&tagger);
    for text in &read.texts {
        let id = write::report_id(&text.file);
        if let Some(first) = ids.get(&id) {
            return Err(CompileError::IdCollision {
                id,
                first: first.clone(),
                second: text.display.clone(),
            });
        }
        ids.insert(id.clone(), text.display.clone());
        let (report, w) = extract::build_report_in(id, text, &mut vocabulary);
        warnings.extend(w);
        reports.push(report);
    }
    warnings.extend(config.manifest.apply(&mut reports));
    let topics = config.topics.iter().map(TopicDef::to_topic).collect();
    Ok(Compiled {
        bundle: write::bundle(topics, config.aliases.clone(), reports),
        warnings,
        skipped: read.skipped,
    })
}

/// What to compile and where the configuration lives.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub dir: PathBuf,
    pub manifest: Option<PathBuf>,
    pub topics: Option<PathBuf>,
    pub aliases: Option<PathBuf>,
}

/// A configuration file given explicitly must exist; the default one beside the folder may not.
fn config_path(given: &Option<PathBuf>, dir: &Path, default_name: &str) -> Option<PathBuf> {
    if let Some(p) = given {
        return Some(p.clone());
    }
    let parent = dir.parent().unwrap_or(Path::new("."));
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let candidate = parent.join(default_name);
    candidate.is_file().then_some(candidate)
}

fn read_config(path: &Path) -> Result<(String, String), CompileError> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| CompileError::Io {
        path: display.clone(),
        source,
    })?;
    let text = read::decode(&display, &bytes)?;
    Ok((display, text))
}

/// Loads topics, aliases and manifest: given paths, or `topics.toml`, `aliases.toml` and
/// `corpus.toml` in the folder's parent when they exist.
pub fn load_config(opts: &Options) -> Result<Config, CompileError> {
    let mut config = Config::default();
    if let Some(p) = config_path(&opts.topics, &opts.dir, "topics.toml") {
        let (display, text) = read_config(&p)?;
        config.topics = topics::parse(&display, &text)?;
    }
    if let Some(p) = config_path(&opts.aliases, &opts.dir, "aliases.toml") {
        let (display, text) = read_config(&p)?;
        config.aliases = topics::parse_aliases(&display, &text)?;
    }
    if let Some(p) = config_path(&opts.manifest, &opts.dir, "corpus.toml") {
        let (display, text) = read_config(&p)?;
        config.manifest = manifest::parse(&display, &text)?;
    }
    Ok(config)
}

/// Compiles a folder: its `.txt` files (recursively, sorted by path) with its configuration.
pub fn compile_dir(opts: &Options) -> Result<Compiled, CompileError> {
    let config = load_config(opts)?;
    let sources = read::list_dir(&opts.dir)?;
    compile_sources(&sources, &config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(file: &str, text: &str) -> Source {
        Source {
            file: file.into(),
            display: file.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn in_memory_pipeline() {
        let c = compile_sources(
            &[
                src(
                    "b.txt",
                    "Năm 2022: Công tác dân vận ở TPHCM\n\n(VOH) - Công tác dân vận tại TPHCM.",
                ),
                src("a.txt", "Hà Nội phát huy dân vận khéo trong năm 2023."),
                src("c.txt", "  \n"),
            ],
            &Config::default(),
        )
        .unwrap();
        let files: Vec<&str> = c.bundle.reports.iter().map(|r| r.file.as_str()).collect();
        assert_eq!(files, ["a.txt", "b.txt"]);
        assert_eq!(c.skipped, 1);
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.bundle.reports[1].outlet.as_deref(), Some("VOH"));
        assert!(
            c.summary().starts_with("compiled 2 reports: "),
            "{}",
            c.summary()
        );
        assert!(c.summary().ends_with(", 1 warnings"));
    }

    #[test]
    fn id_collisions_are_errors() {
        let err = compile_sources(
            &[src("a b.txt", "Một."), src("a-b.txt", "Hai.")],
            &Config::default(),
        )
        .unwrap_err();
        assert!(matches!(err, CompileError::IdCollision { .. }), "{err}");
    }
}
