//! The app's wording in its two languages, on the core's [`Lang`].
//!
//! Every string the interface shows comes from here (or, for facet names and URL notices, from
//! [`crate::core::i18n`]), so a component never holds a literal in one language only. Plain
//! strings are [`Msg`] values read with [`Lang::msg`]; strings with numbers in them are methods.
//! This module is DOM-free: it builds and is tested natively.

use crate::core::i18n::Lang;
use crate::core::model::{Label, Provenance};
use crate::core::url::View;

/// A fixed UI string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    /// The application's name, for the page heading and `<title>`.
    AppTitle,
    /// The line under the heading.
    AppTagline,
    /// Shown in place of the list when the bundle holds no report.
    NoReports,
    /// Shown in place of a date when the report has none.
    Undated,
    /// Shown by the reader, compare and figures views until the reports' text is loaded.
    TextLoading,
    /// Shown in place of results for a search asked before the search index is ready.
    SearchWaiting,
    /// Screen-reader text before the list of authors.
    By,
    /// Marks a heading the app made from the body because the report has no title.
    UntitledHint,
    /// The label of the search box.
    SearchLabel,
    /// The navigation's accessible name.
    NavLabel,
    /// The facets' region name (and the phone toggle's text).
    Filters,
    /// The copy-link button.
    CopyLink,
    /// After the link was copied.
    LinkCopied,
    /// When the clipboard refused: the link is shown selected instead.
    CopyFallback,
    /// The heading of the URL notices.
    NoticesTitle,
    /// The year facet's "from" select.
    YearFrom,
    /// The year facet's "to" select.
    YearTo,
    /// The year select's empty choice.
    AnyYear,
    /// The "show more" button of the list.
    ShowMore,
    /// A facet's "show every value" button.
    ShowAllValues,
    /// A facet's "show fewer values" button.
    ShowFewerValues,
    /// The way from a report back to the list.
    BackToList,
    /// The clutter toggle when clutter is hidden.
    ShowClutter,
    /// The clutter toggle when clutter is shown.
    HideClutter,
    /// Label on a clutter paragraph.
    ClutterLabel,
    /// Label on a photo caption.
    CaptionLabel,
    /// The people list's heading in the reader.
    People,
    /// The topic list's heading in the reader.
    Topics,
    /// The metadata heading in the reader.
    Metadata,
    /// Curator notes' heading.
    Notes,
    /// The reader's message when `doc` names no report.
    DocNotFound,
    /// The reader's message when no `doc` is given.
    NoDoc,
    /// The link to a single paragraph.
    ParagraphLink,
    /// Metadata field names.
    FieldTitle,
    FieldDate,
    FieldCity,
    FieldOutlet,
    FieldAuthors,
    /// The views' placeholder until they land.
    ComingSoon,
    /// Legend of the figure highlights.
    FiguresInText,
    /// Not given (a missing metadata value).
    Unknown,
    /// Skip link.
    SkipToContent,
}

impl Lang {
    /// Chooses the language from the browser's preferred languages (the first one that is
    /// Vietnamese or English), else Vietnamese. The URL's `lang`, when valid, overrides this
    /// choice (see [`crate::core::url::ViewState::lang_or`]).
    pub fn choose<'a>(browser: impl IntoIterator<Item = &'a str>) -> Lang {
        browser
            .into_iter()
            .find_map(|tag| {
                // "en-US" → "en": only the primary subtag decides.
                let primary = tag.split(['-', '_']).next().unwrap_or_default();
                Lang::parse(&primary.trim().to_ascii_lowercase())
            })
            .unwrap_or(Lang::Vi)
    }

    /// The other language, for the language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
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
        label.get(self)
    }

    /// A fixed UI string.
    pub fn msg(self, msg: Msg) -> &'static str {
        let (vi, en) = match msg {
            Msg::AppTitle => ("Báo cáo công tác dân vận", "Mass-mobilisation reports"),
            Msg::AppTagline => (
                "Hà Nội và TP. Hồ Chí Minh: bản tin, số liệu và con người",
                "Hà Nội and Ho Chi Minh City: reports, figures and people",
            ),
            Msg::NoReports => (
                "Chưa có báo cáo nào trong dữ liệu.",
                "The data holds no report yet.",
            ),
            Msg::Undated => ("Không rõ ngày", "Undated"),
            Msg::TextLoading => (
                "Đang tải nội dung các báo cáo…",
                "Loading the text of the reports…",
            ),
            Msg::SearchWaiting => (
                "Đang chuẩn bị tìm kiếm: tải nội dung và lập chỉ mục báo cáo…",
                "Getting the search ready: loading and indexing the reports' text…",
            ),
            Msg::By => ("Tác giả", "By"),
            Msg::UntitledHint => (
                "Không có tiêu đề; đây là câu đầu của bài",
                "No title; this is the report's first sentence",
            ),
            Msg::SearchLabel => ("Tìm trong báo cáo", "Search the reports"),
            Msg::NavLabel => ("Các trang", "Views"),
            Msg::Filters => ("Bộ lọc", "Filters"),
            Msg::CopyLink => ("Chép liên kết", "Copy link"),
            Msg::LinkCopied => ("Đã chép liên kết", "Link copied"),
            Msg::CopyFallback => (
                "Không chép tự động được. Hãy chép liên kết này:",
                "Could not copy automatically. Copy this link:",
            ),
            Msg::NoticesTitle => (
                "Một số phần của địa chỉ đã bị bỏ qua",
                "Parts of the address were ignored",
            ),
            Msg::YearFrom => ("Từ năm", "From"),
            Msg::YearTo => ("Đến năm", "To"),
            Msg::AnyYear => ("Bất kỳ", "Any"),
            Msg::ShowMore => ("Xem thêm", "Show more"),
            Msg::ShowAllValues => ("Hiện tất cả", "Show all"),
            Msg::ShowFewerValues => ("Thu gọn", "Show fewer"),
            Msg::BackToList => ("← Về danh sách", "← Back to the list"),
            Msg::ShowClutter => (
                "Hiện phần thừa của trang (menu, quảng cáo…)",
                "Show page clutter (menus, ads…)",
            ),
            Msg::HideClutter => ("Ẩn phần thừa của trang", "Hide page clutter"),
            Msg::ClutterLabel => ("Phần thừa", "Clutter"),
            Msg::CaptionLabel => ("Chú thích ảnh", "Caption"),
            Msg::People => ("Nhân vật", "People"),
            Msg::Topics => ("Chủ đề", "Topics"),
            Msg::Metadata => ("Thông tin bài", "About this report"),
            Msg::Notes => ("Ghi chú biên tập", "Curator notes"),
            Msg::DocNotFound => (
                "Không có bài viết với mã này trong dữ liệu.",
                "No report in the data has this id.",
            ),
            Msg::NoDoc => (
                "Chưa chọn bài nào. Hãy chọn một bài trong danh sách.",
                "No report is open. Pick one from the list.",
            ),
            Msg::ParagraphLink => ("Liên kết tới đoạn này", "Link to this paragraph"),
            Msg::FieldTitle => ("Tiêu đề", "Title"),
            Msg::FieldDate => ("Ngày", "Date"),
            Msg::FieldCity => ("Địa bàn", "Place"),
            Msg::FieldOutlet => ("Nguồn tin", "Outlet"),
            Msg::FieldAuthors => ("Tác giả", "Authors"),
            Msg::ComingSoon => ("Trang này sắp có.", "This view is coming soon."),
            Msg::FiguresInText => (
                "Số liệu được tô nền; di chuột hoặc chọn để xem giá trị.",
                "Figures are shaded; hover or focus one to see its value.",
            ),
            Msg::Unknown => ("không rõ", "unknown"),
            Msg::SkipToContent => ("Bỏ qua, tới nội dung", "Skip to content"),
        };
        self.pick(vi, en)
    }

    /// The application's name, for the page heading and `<title>`.
    pub fn app_title(self) -> &'static str {
        self.msg(Msg::AppTitle)
    }

    /// The language switch's text, written in the language it switches to.
    pub fn switch_label(self) -> &'static str {
        match self.other() {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }

    /// A view's name in the navigation.
    pub fn view_name(self, view: View) -> &'static str {
        let (vi, en) = match view {
            View::List => ("Danh sách", "List"),
            View::Read => ("Đọc", "Read"),
            View::Compare => ("So sánh", "Compare"),
            View::Figures => ("Số liệu", "Figures"),
        };
        self.pick(vi, en)
    }

    /// "5 báo cáo" / "5 reports" (English needs the singular for one).
    pub fn report_count(self, n: usize) -> String {
        match (self, n) {
            (Lang::Vi, n) => format!("{n} báo cáo"),
            (Lang::En, 1) => "1 report".to_owned(),
            (Lang::En, n) => format!("{n} reports"),
        }
    }

    /// "Đang hiện 50/120" / "Showing 50 of 120", under a list cut for speed.
    pub fn showing(self, shown: usize, total: usize) -> String {
        match self {
            Lang::Vi => format!("Đang hiện {shown}/{total}"),
            Lang::En => format!("Showing {shown} of {total}"),
        }
    }

    /// The "show more" button's text with how many more it shows.
    pub fn show_more(self, more: usize) -> String {
        format!("{} ({more})", self.msg(Msg::ShowMore))
    }

    /// "Hiện tất cả (42)" for a facet cut to its first values.
    pub fn show_all_values(self, n: usize) -> String {
        format!("{} ({n})", self.msg(Msg::ShowAllValues))
    }

    /// The undated reports' count in the year facet.
    pub fn undated_count(self, n: usize) -> String {
        format!("{}: {n}", self.msg(Msg::Undated))
    }

    /// The clutter toggle's text with how many paragraphs it hides.
    pub fn clutter_toggle(self, shown: bool, n: usize) -> String {
        let msg = if shown {
            Msg::HideClutter
        } else {
            Msg::ShowClutter
        };
        format!("{} ({n})", self.msg(msg))
    }

    /// Whether a metadata value was inferred by the compiler or set by a curator.
    pub fn provenance(self, p: Provenance) -> &'static str {
        match p {
            Provenance::Inferred => self.pick("tự suy ra", "inferred"),
            Provenance::Curated => self.pick("đã biên tập", "curated"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_vietnamese_or_english_browser_language_decides() {
        assert_eq!(Lang::choose(["en-US", "vi"]), Lang::En);
        assert_eq!(Lang::choose(["fr-FR", "vi_VN"]), Lang::Vi);
        assert_eq!(Lang::choose(["de", "EN-GB"]), Lang::En);
    }

    #[test]
    fn vietnamese_is_the_default() {
        assert_eq!(Lang::choose(["fr", "ja"]), Lang::Vi);
        assert_eq!(Lang::choose(Vec::<&str>::new()), Lang::Vi);
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(Lang::Vi.report_count(5), "5 báo cáo");
        assert_eq!(Lang::Vi.report_count(1), "1 báo cáo");
        assert_eq!(Lang::En.report_count(1), "1 report");
        assert_eq!(Lang::En.report_count(0), "0 reports");
        assert_eq!(Lang::En.showing(50, 120), "Showing 50 of 120");
        assert_eq!(Lang::Vi.showing(50, 120), "Đang hiện 50/120");
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
    }

    #[test]
    fn every_message_differs_between_the_languages() {
        use Msg::*;
        let all = [
            AppTitle,
            AppTagline,
            NoReports,
            Undated,
            TextLoading,
            SearchWaiting,
            By,
            UntitledHint,
            SearchLabel,
            NavLabel,
            Filters,
            CopyLink,
            LinkCopied,
            CopyFallback,
            NoticesTitle,
            YearFrom,
            YearTo,
            AnyYear,
            ShowMore,
            ShowAllValues,
            ShowFewerValues,
            BackToList,
            ShowClutter,
            HideClutter,
            ClutterLabel,
            CaptionLabel,
            People,
            Topics,
            Metadata,
            Notes,
            DocNotFound,
            NoDoc,
            ParagraphLink,
            FieldTitle,
            FieldDate,
            FieldCity,
            FieldOutlet,
            ComingSoon,
            FiguresInText,
            Unknown,
            SkipToContent,
        ];
        for m in all {
            assert_ne!(Lang::Vi.msg(m), Lang::En.msg(m), "{m:?}");
            assert!(!Lang::Vi.msg(m).is_empty());
        }
        assert_eq!(Lang::Vi.msg(LinkCopied), "Đã chép liên kết");
        assert_eq!(Lang::En.msg(LinkCopied), "Link copied");
    }

    #[test]
    fn views_are_named_in_both_languages() {
        assert_eq!(Lang::Vi.view_name(View::Compare), "So sánh");
        assert_eq!(Lang::En.view_name(View::Figures), "Figures");
        assert_eq!(Lang::En.provenance(Provenance::Curated), "curated");
    }
}
