//! The search vocabulary: the topic taxonomy (`topics.toml`) and alias groups (`aliases.toml`).
//!
//! Topics are curated, not learned: each has an id, labels in Vietnamese and English, and the
//! terms that mark a paragraph as being about it. Terms match whole words through
//! [`toned_phrase`], so "hoà"/"hòa", upper/lower case and NFD input all match the same way,
//! and "dân tộc" does not match inside "toàn dân tộc"-like longer words by accident of bytes.
//!
//! ```toml
//! [[topic]]
//! id = "dan-van-kheo"
//! vi = "Dân vận khéo"
//! en = "“Skilful mass mobilisation”"
//! terms = ["dân vận khéo"]
//!
//! [[alias]]
//! terms = ["TPHCM", "TP.HCM", "Thành phố Hồ Chí Minh"]
//! ```

use serde::Deserialize;
use toml::Spanned;

use super::diag::{line_of, CompileError};
use crate::core::fnv::FnvMap;
use crate::core::model::{Label, Topic};
use crate::core::text::{toned_phrase, Word};

/// A topic with its match terms, ready for tagging.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicDef {
    pub id: String,
    pub vi: String,
    pub en: String,
    pub terms: Vec<String>,
    /// Each term as the toned keys of its words, matched against a paragraph's words.
    keys: Vec<Vec<String>>,
}

impl TopicDef {
    /// The topic as the bundle lists it.
    pub fn to_topic(&self) -> Topic {
        Topic {
            id: self.id.clone(),
            label: Label {
                vi: self.vi.clone(),
                en: self.en.clone(),
            },
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    #[serde(default)]
    topic: Vec<RawTopic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: Spanned<String>,
    vi: String,
    en: String,
    terms: Spanned<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasesFile {
    #[serde(default)]
    alias: Vec<RawAlias>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAlias {
    terms: Spanned<Vec<String>>,
}

/// Turns a TOML parse error into an error naming the file and line.
pub fn toml_error(path: &str, text: &str, e: &toml::de::Error) -> CompileError {
    let line = e.span().map_or(1, |s| line_of(text, s.start));
    CompileError::Config {
        path: path.to_owned(),
        line,
        message: e.message().trim().to_owned(),
    }
}

fn config_error(path: &str, text: &str, offset: usize, message: String) -> CompileError {
    CompileError::Config {
        path: path.to_owned(),
        line: line_of(text, offset),
        message,
    }
}

/// Whether an id is URL-safe: lower-case ASCII letters, digits and inner hyphens.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Parses and checks a topics file: ids unique and URL-safe, every topic with matchable terms.
pub fn parse(path: &str, text: &str) -> Result<Vec<TopicDef>, CompileError> {
    let file: TopicsFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let mut out: Vec<TopicDef> = Vec::with_capacity(file.topic.len());
    for raw in file.topic {
        let at = raw.id.span().start;
        let id = raw.id.into_inner();
        if !is_slug(&id) {
            return Err(config_error(
                path,
                text,
                at,
                format!("topic id \"{id}\" must use only a-z, 0-9 and '-'"),
            ));
        }
        if out.iter().any(|t| t.id == id) {
            return Err(config_error(
                path,
                text,
                at,
                format!("duplicate topic id \"{id}\""),
            ));
        }
        let terms_at = raw.terms.span().start;
        let terms = raw.terms.into_inner();
        let keys: Vec<String> = terms.iter().map(|t| toned_phrase(t)).collect();
        if terms.is_empty() {
            return Err(config_error(
                path,
                text,
                terms_at,
                format!("topic \"{id}\" has no terms"),
            ));
        }
        if let Some(bad) = terms.iter().zip(&keys).find(|(_, k)| k.is_empty()) {
            return Err(config_error(
                path,
                text,
                terms_at,
                format!("topic \"{id}\" has a term without words: {:?}", bad.0),
            ));
        }
        let keys = keys
            .iter()
            .map(|k| k.split(' ').map(str::to_owned).collect())
            .collect();
        out.push(TopicDef {
            id,
            vi: raw.vi,
            en: raw.en,
            terms,
            keys,
        });
    }
    Ok(out)
}

/// Parses and checks an aliases file: each group has at least two distinct names.
pub fn parse_aliases(path: &str, text: &str) -> Result<Vec<Vec<String>>, CompileError> {
    let file: AliasesFile = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    let mut out = Vec::with_capacity(file.alias.len());
    for raw in file.alias {
        let at = raw.terms.span().start;
        let terms: Vec<String> = raw
            .terms
            .into_inner()
            .into_iter()
            .map(|t| crate::core::text::nfc(t.trim()))
            .collect();
        let mut keys: Vec<String> = terms.iter().map(|t| toned_phrase(t)).collect();
        if keys.iter().any(String::is_empty) {
            return Err(config_error(
                path,
                text,
                at,
                "an alias term has no words".into(),
            ));
        }
        keys.sort();
        keys.dedup();
        if keys.len() < 2 {
            return Err(config_error(
                path,
                text,
                at,
                "an alias group needs at least two different names".into(),
            ));
        }
        out.push(terms);
    }
    Ok(out)
}

/// The ids of the topics whose terms occur in `text` as whole words, in taxonomy order.
pub fn tag(text: &str, topics: &[TopicDef]) -> Vec<String> {
    let mut keys = String::new();
    let words = crate::core::text::toned_words([Some(text)], &mut keys);
    Tagger::new(topics).tag(&words[0])
}

/// The terms of a taxonomy indexed by their first word, built once per compilation: a
/// paragraph's words are looked up one by one, and only the terms that start with a word are
/// compared with the words after it.
pub struct Tagger<'t> {
    topics: &'t [TopicDef],
    /// First word → index into `lists`.
    by_first: FnvMap<&'t str, u32>,
    /// Per first word: (topic index, the term's words) of every term that starts with it.
    lists: Vec<Vec<(usize, &'t [String])>>,
}

impl<'t> Tagger<'t> {
    pub fn new(topics: &'t [TopicDef]) -> Tagger<'t> {
        let mut by_first: FnvMap<&'t str, u32> = FnvMap::default();
        let mut lists: Vec<Vec<(usize, &'t [String])>> = Vec::new();
        for (i, t) in topics.iter().enumerate() {
            for words in &t.keys {
                if let Some(first) = words.first() {
                    let next = u32::try_from(lists.len()).unwrap_or(u32::MAX);
                    let at = *by_first.entry(first).or_insert(next);
                    if at == next {
                        lists.push(Vec::new());
                    }
                    if let Some(list) = lists.get_mut(at as usize) {
                        list.push((i, words));
                    }
                }
            }
        }
        Tagger {
            topics,
            by_first,
            lists,
        }
    }

    /// The terms that start with the word of this toned key, as an index for
    /// [`Tagger::tag_listed`]; `None` when no term does.
    pub fn terms_starting(&self, key: &str) -> Option<u32> {
        self.by_first.get(key).copied()
    }

    /// The ids of the topics whose terms occur among `tokens` (a paragraph's words, in order),
    /// in taxonomy order.
    pub fn tag(&self, tokens: &[Word<'_>]) -> Vec<String> {
        let starts: Vec<(usize, u32)> = tokens
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Some((i, self.terms_starting(t.toned)?)))
            .collect();
        self.tag_listed(tokens, &starts)
    }

    /// [`Tagger::tag`] given the words that start a term, with their
    /// [`Tagger::terms_starting`] (in any order): the other words need no lookup at all.
    pub fn tag_listed(&self, tokens: &[Word<'_>], starts: &[(usize, u32)]) -> Vec<String> {
        if self.topics.is_empty() || starts.is_empty() {
            return Vec::new();
        }
        let mut found = vec![false; self.topics.len()];
        for &(i, list) in starts {
            let Some(terms) = self.lists.get(list as usize) else {
                continue;
            };
            for (topic, words) in terms {
                if !found[*topic]
                    && tokens.len() >= i + words.len()
                    && words.iter().zip(&tokens[i..]).all(|(w, t)| t.toned == w)
                {
                    found[*topic] = true;
                }
            }
        }
        self.topics
            .iter()
            .zip(found)
            .filter(|(_, f)| *f)
            .map(|(t, _)| t.id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOPICS: &str = r#"
[[topic]]
id = "dan-chu-co-so"
vi = "Dân chủ ở cơ sở"
en = "Grassroots democracy"
terms = ["dân chủ ở cơ sở", "dân chủ cơ sở"]

[[topic]]
id = "an-sinh"
vi = "An sinh xã hội"
en = "Social welfare"
terms = ["an sinh xã hội", "hài hoà"]
"#;

    #[test]
    fn tags_whole_words_regardless_of_tone_placement() {
        let topics = parse("t.toml", TOPICS).unwrap();
        assert_eq!(
            tag("Quan hệ lao động hài hòa, ổn định.", &topics),
            ["an-sinh"]
        );
        assert_eq!(
            tag("Thực hiện DÂN CHỦ Ở CƠ SỞ và an sinh xã hội", &topics),
            ["dan-chu-co-so", "an-sinh"]
        );
        // "an sinh" alone, or inside other words, is not the term.
        assert!(tag("bình an sinh sống", &topics).is_empty());
        assert!(tag("hài hoàn toàn", &topics).is_empty());
    }

    #[test]
    fn duplicate_id_names_its_line() {
        let text = format!(
            "{TOPICS}\n[[topic]]\nid = \"an-sinh\"\nvi = \"x\"\nen = \"y\"\nterms = [\"z\"]\n"
        );
        let line = text.lines().position(|l| l == "id = \"an-sinh\"").unwrap();
        let last = text
            .lines()
            .enumerate()
            .filter(|(_, l)| *l == "id = \"an-sinh\"")
            .map(|(i, _)| i)
            .last()
            .unwrap();
        assert_ne!(line, last);
        match parse("data/topics.toml", &text) {
            Err(CompileError::Config {
                path,
                line,
                message,
            }) => {
                assert_eq!(path, "data/topics.toml");
                assert_eq!(line as usize, last + 1);
                assert!(message.contains("duplicate"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_terms_and_bad_toml_are_errors_with_lines() {
        let text = "[[topic]]\nid = \"x\"\nvi = \"x\"\nen = \"x\"\nterms = []\n";
        assert!(matches!(
            parse("t", text),
            Err(CompileError::Config { line: 5, .. })
        ));
        let text = "[[topic]]\nid = \"x\"\nvi = \"x\n";
        assert!(matches!(
            parse("t", text),
            Err(CompileError::Config { line: 3, .. })
        ));
        let text = "[[topic]]\nid = \"Bad Id\"\nvi = \"x\"\nen = \"x\"\nterms = [\"a\"]\n";
        assert!(matches!(
            parse("t", text),
            Err(CompileError::Config { line: 2, .. })
        ));
    }

    #[test]
    fn aliases_need_two_names() {
        let ok =
            parse_aliases("a", "[[alias]]\nterms = [\"MTTQ\", \"Mặt trận Tổ quốc\"]\n").unwrap();
        assert_eq!(ok, [["MTTQ", "Mặt trận Tổ quốc"]]);
        let same = "[[alias]]\nterms = [\"Thành ủy\", \"Thành uỷ\"]\n";
        assert!(matches!(
            parse_aliases("a", same),
            Err(CompileError::Config { line: 2, .. })
        ));
    }
}
