//! The states before the explorer can show anything: loading, and a failed load.
//!
//! Both speak Vietnamese and English at once: the page's language may not be settled for the
//! reader yet, and an error must be understood by whoever has to fix it.

use leptos::prelude::*;

use crate::app::load_error::LoadError;

/// Shown while the bundle is on its way.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="status" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            "Đang tải báo cáo… "
            <span lang="en">"/ Loading reports…"</span>
        </p>
    }
}

/// Shown instead of the explorer when the bundle could not be loaded; `role="alert"` makes
/// screen readers announce it.
#[component]
pub fn LoadFailed(
    /// What went wrong.
    error: LoadError,
) -> impl IntoView {
    view! {
        <div class="alert" role="alert">
            <h2 class="alert-title">
                "Không tải được dữ liệu báo cáo "
                <span lang="en">"/ The reports could not be loaded"</span>
            </h2>
            <p>{error.vi()}</p>
            <p lang="en">{error.en()}</p>
            <p class="alert-reason">
                "Chi tiết " <span lang="en">"/ Details"</span> ": "
                <code>{error.reason()}</code>
            </p>
        </div>
    }
}
