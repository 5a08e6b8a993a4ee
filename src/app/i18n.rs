//! The UI's two languages: Vietnamese (the default) and English.
//!
//! Every string the interface shows comes from here, so a component never holds a literal in
//! one language only. This module is DOM-free: it builds and is tested natively.

use crate::core::model::Label;

/// The language the interface speaks. Report text is shown as written, whatever the language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The value used in the `lang` URL key and the `<html lang>` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Reads a `lang` URL value; anything but the two known codes is `None`.
    pub fn parse(value: &str) -> Option<Lang> {
        match value.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Chooses the language from the URL's `lang` value, else from the browser's preferred
    /// languages (first one that is Vietnamese or English), else Vietnamese.
    pub fn choose<'a>(url_value: Option<&str>, browser: impl IntoIterator<Item = &'a str>) -> Lang {
        if let Some(lang) = url_value.and_then(Lang::parse) {
            return lang;
        }
        browser
            .into_iter()
            .find_map(|tag| {
                // "en-US" → "en": only the primary subtag decides.
                let primary = tag.split(['-', '_']).next().unwrap_or_default();
                Lang::parse(primary)
            })
            .unwrap_or_default()
    }

    /// The other language, for the language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// The relative link (query string only) that reopens the page in the other language.
    pub fn switch_query(self) -> String {
        format!("?lang={}", self.other().as_str())
    }

    /// Picks this language's side of a pair of strings.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// Picks this language's side of a bundle label.
    pub fn label(self, label: &Label) -> &str {
        self.pick(&label.vi, &label.en)
    }

    /// The application's name, for the page heading and `<title>`.
    pub fn app_title(self) -> &'static str {
        self.pick("Báo cáo công tác dân vận", "Mass-mobilisation reports")
    }

    /// The line under the heading.
    pub fn app_tagline(self) -> &'static str {
        self.pick(
            "Hà Nội và TP. Hồ Chí Minh: bản tin, số liệu và con người",
            "Hà Nội and Ho Chi Minh City: reports, figures and people",
        )
    }

    /// The language switch's text, written in the language it switches to.
    pub fn switch_label(self) -> &'static str {
        match self.other() {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }

    /// "5 báo cáo" / "5 reports" (English needs the singular for one).
    pub fn report_count(self, n: usize) -> String {
        match (self, n) {
            (Lang::Vi, n) => format!("{n} báo cáo"),
            (Lang::En, 1) => "1 report".to_owned(),
            (Lang::En, n) => format!("{n} reports"),
        }
    }

    /// Shown in place of the list when the bundle holds no report.
    pub fn no_reports(self) -> &'static str {
        self.pick(
            "Chưa có báo cáo nào trong dữ liệu.",
            "The data holds no report yet.",
        )
    }

    /// Shown in place of a date when the report has none.
    pub fn undated(self) -> &'static str {
        self.pick("Không rõ ngày", "Undated")
    }

    /// Screen-reader text before the list of authors.
    pub fn by(self) -> &'static str {
        self.pick("Tác giả", "By")
    }

    /// Marks a heading the app made from the body because the report has no title.
    pub fn untitled_hint(self) -> &'static str {
        self.pick(
            "Không có tiêu đề; đây là câu đầu của bài",
            "No title; this is the report's first sentence",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_value_wins_over_browser() {
        assert_eq!(Lang::choose(Some("en"), ["vi-VN"]), Lang::En);
        assert_eq!(Lang::choose(Some("VI"), ["en-US"]), Lang::Vi);
    }

    #[test]
    fn browser_language_decides_when_url_is_silent_or_wrong() {
        assert_eq!(Lang::choose(None, ["en-US", "vi"]), Lang::En);
        assert_eq!(Lang::choose(Some("fr"), ["fr-FR", "vi_VN"]), Lang::Vi);
        assert_eq!(Lang::choose(None, ["de", "en-GB"]), Lang::En);
    }

    #[test]
    fn vietnamese_is_the_default() {
        assert_eq!(Lang::choose(None, ["fr", "ja"]), Lang::Vi);
        assert_eq!(Lang::choose(None, Vec::<&str>::new()), Lang::Vi);
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(Lang::Vi.report_count(5), "5 báo cáo");
        assert_eq!(Lang::Vi.report_count(1), "1 báo cáo");
        assert_eq!(Lang::En.report_count(1), "1 report");
        assert_eq!(Lang::En.report_count(0), "0 reports");
    }

    #[test]
    fn labels_pick_the_right_side() {
        let label = Label {
            vi: "Toàn quốc".into(),
            en: "National".into(),
        };
        assert_eq!(Lang::Vi.label(&label), "Toàn quốc");
        assert_eq!(Lang::En.label(&label), "National");
    }

    #[test]
    fn switch_names_the_other_language_in_itself() {
        assert_eq!(Lang::Vi.switch_label(), "English");
        assert_eq!(Lang::En.switch_label(), "Tiếng Việt");
        assert_eq!(Lang::Vi.switch_query(), "?lang=en");
    }
}
