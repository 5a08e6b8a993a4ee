//! Figure extraction (placeholder until the figures module lands).

/// Figures stated in one paragraph (NFC text). Each Figure's `paragraph` is set to `paragraph`.
pub fn extract(paragraph: usize, text: &str) -> Vec<crate::core::model::Figure> {
    let _ = (paragraph, text);
    Vec::new()
}
