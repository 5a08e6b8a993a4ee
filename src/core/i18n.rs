//! The two UI languages and the few UI strings the core itself needs (facet names, notices).
//!
//! The app owns most of its wording; this module holds only what the pure core produces or names,
//! so that a notice about a bad URL value or a facet heading reads the same everywhere.
//!
//! ```
//! use danvan::core::i18n::{t, Lang, Ui};
//! assert_eq!(Lang::parse("vi"), Some(Lang::Vi));
//! assert_eq!(t(Lang::En, Ui::FacetCity), "Place");
//! assert_eq!(t(Lang::Vi, Ui::FacetCity), "Địa bàn");
//! ```

use crate::core::model::Label;

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// Vietnamese, the corpus language.
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Both languages, Vietnamese first.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The value used in URLs and in `<html lang>`: `"vi"` or `"en"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Reads `"vi"` or `"en"` exactly (URL values are lower case); anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// Picks a language from a browser language tag such as `"vi-VN"` or `"en-GB"`:
    /// Vietnamese for any `vi` tag, English otherwise.
    pub fn from_browser_tag(tag: &str) -> Lang {
        if tag.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("vi")) {
            Lang::Vi
        } else {
            Lang::En
        }
    }
}

impl Label {
    /// The label in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// The UI strings the core names. The app may add its own elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ui {
    /// Heading of the city facet.
    FacetCity,
    /// Heading of the year facet.
    FacetYear,
    /// Heading of the topic facet.
    FacetTopic,
    /// Heading of the outlet facet.
    FacetOutlet,
    /// Heading of the person facet.
    FacetPerson,
    /// Label for reports without a date.
    Undated,
    /// The button that clears every filter.
    ClearFilters,
    /// Placeholder of the search box.
    SearchPlaceholder,
    /// Shown when nothing matches.
    NoResults,
}

/// The UI string `key` in `lang`.
pub fn t(lang: Lang, key: Ui) -> &'static str {
    let (vi, en) = match key {
        Ui::FacetCity => ("Địa bàn", "Place"),
        Ui::FacetYear => ("Năm", "Year"),
        Ui::FacetTopic => ("Chủ đề", "Topic"),
        Ui::FacetOutlet => ("Nguồn tin", "Outlet"),
        Ui::FacetPerson => ("Nhân vật", "Person"),
        Ui::Undated => ("Không rõ ngày", "Undated"),
        Ui::ClearFilters => ("Bỏ mọi bộ lọc", "Clear all filters"),
        Ui::SearchPlaceholder => (
            "Tìm, ví dụ: dân vận khéo, \"Mặt trận Tổ quốc\", TPHCM",
            "Search, e.g. dân vận khéo, \"Mặt trận Tổ quốc\", TPHCM",
        ),
        Ui::NoResults => ("Không có bài nào phù hợp.", "No report matches."),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_values() {
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("EN"), None);
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::from_browser_tag("vi-VN"), Lang::Vi);
        assert_eq!(Lang::from_browser_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_browser_tag(""), Lang::En);
    }

    #[test]
    fn label_picks_language() {
        let l = Label {
            vi: "Khác".into(),
            en: "Other".into(),
        };
        assert_eq!(l.get(Lang::Vi), "Khác");
        assert_eq!(l.get(Lang::En), "Other");
        assert_ne!(t(Lang::Vi, Ui::NoResults), t(Lang::En, Ui::NoResults));
    }
}
