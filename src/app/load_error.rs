//! Why the bundle could not be loaded, said in both languages.
//!
//! A failed load is the one state where the reader may not know which language the page is
//! in, so its message is always given in Vietnamese and in English, with the technical reason
//! underneath. DOM-free: tested natively.

use crate::core::model::{BundleError, SCHEMA_VERSION};

/// Every way loading `bundle.json` can fail.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The server answered, but not with 2xx (a missing bundle is 404).
    Http { status: u16, status_text: String },
    /// No answer at all: offline, refused, blocked (the browser's message).
    Network(String),
    /// The body could not be read as text.
    Body(String),
    /// The text is not a bundle this build can read.
    Bundle(BundleError),
}

impl From<BundleError> for LoadError {
    fn from(e: BundleError) -> Self {
        LoadError::Bundle(e)
    }
}

impl LoadError {
    /// The Vietnamese explanation: what happened and what to do.
    pub fn vi(&self) -> String {
        match self {
            LoadError::Http { status: 404, .. } => {
                "Không tìm thấy tệp dữ liệu bundle.json bên cạnh trang này. Hãy chạy `make dist` để biên dịch và sao chép dữ liệu.".to_owned()
            }
            LoadError::Http { status, .. } => {
                format!("Máy chủ trả lời mã {status} khi tải bundle.json.")
            }
            LoadError::Network(_) => {
                "Không kết nối được tới máy chủ để tải bundle.json. Hãy kiểm tra mạng rồi tải lại trang.".to_owned()
            }
            LoadError::Body(_) => "Không đọc được nội dung tệp bundle.json.".to_owned(),
            LoadError::Bundle(BundleError::Malformed(_)) => {
                "Tệp bundle.json bị hỏng hoặc không đúng định dạng.".to_owned()
            }
            LoadError::Bundle(BundleError::UnknownVersion(v)) => format!(
                "Tệp bundle.json có phiên bản lược đồ {v}, nhưng trang này chỉ đọc được phiên bản {SCHEMA_VERSION}. Hãy biên dịch lại dữ liệu bằng đúng phiên bản danvan."
            ),
        }
    }

    /// The English explanation: what happened and what to do.
    pub fn en(&self) -> String {
        match self {
            LoadError::Http { status: 404, .. } => {
                "The data file bundle.json was not found next to this page. Run `make dist` to compile and copy it.".to_owned()
            }
            LoadError::Http { status, .. } => {
                format!("The server answered {status} when loading bundle.json.")
            }
            LoadError::Network(_) => {
                "Could not reach the server to load bundle.json. Check the connection and reload the page.".to_owned()
            }
            LoadError::Body(_) => "The content of bundle.json could not be read.".to_owned(),
            LoadError::Bundle(BundleError::Malformed(_)) => {
                "The file bundle.json is damaged or not in the expected format.".to_owned()
            }
            LoadError::Bundle(BundleError::UnknownVersion(v)) => format!(
                "The file bundle.json has schema version {v}, but this page reads version {SCHEMA_VERSION}. Recompile the data with the matching danvan."
            ),
        }
    }

    /// The technical reason, as precise as the source of the failure gives it.
    pub fn reason(&self) -> String {
        match self {
            LoadError::Http {
                status,
                status_text,
            } if status_text.is_empty() => {
                format!("HTTP {status}")
            }
            LoadError::Http {
                status,
                status_text,
            } => format!("HTTP {status} {status_text}"),
            LoadError::Network(why) | LoadError::Body(why) => why.clone(),
            LoadError::Bundle(e) => e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_bundle_says_so_in_both_languages() {
        let e = LoadError::Http {
            status: 404,
            status_text: "Not Found".into(),
        };
        assert!(e.vi().contains("Không tìm thấy"));
        assert!(e.en().contains("not found"));
        assert_eq!(e.reason(), "HTTP 404 Not Found");
    }

    #[test]
    fn other_statuses_name_the_code() {
        let e = LoadError::Http {
            status: 500,
            status_text: String::new(),
        };
        assert!(e.vi().contains("500") && e.en().contains("500"));
        assert_eq!(e.reason(), "HTTP 500");
    }

    #[test]
    fn unknown_version_names_both_versions() {
        let e: LoadError = BundleError::UnknownVersion(99).into();
        for text in [e.vi(), e.en(), e.reason()] {
            assert!(text.contains("99"), "{text}");
        }
        assert!(e.vi().contains(&SCHEMA_VERSION.to_string()));
    }

    #[test]
    fn malformed_keeps_the_parser_reason() {
        let e: LoadError = BundleError::Malformed("EOF while parsing at line 1".into()).into();
        assert!(e.vi().contains("hỏng"));
        assert!(e.reason().contains("EOF while parsing"));
    }
}
