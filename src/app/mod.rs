//! The explorer: a Leptos 0.8 client-side-rendered app that loads `bundle.json` and shows it.
//!
//! Flow: [`start`] mounts [`components::App`], which fetches the bundle once (relative URL, so
//! the site works under any sub-path), then hands it to the views by context
//! ([`context::use_explorer`]). The view state lives in the URL's query string
//! ([`crate::core::url::ViewState`]); there are no path routes, because static hosts have no
//! rewrite rules.
//!
//! Split by what can be tested where: [`i18n`], [`card`], [`load_error`], [`paging`] and
//! [`reading`] are DOM-free and
//! tested natively with `cargo test`; the browser-only parts (fetching, context, components)
//! build for wasm32 alone and are tested end to end in Chromium (`tests/browser/`).

pub mod card;
pub mod i18n;
pub mod load_error;
pub mod paging;
pub mod reading;

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod context;
#[cfg(target_arch = "wasm32")]
pub mod load;
#[cfg(target_arch = "wasm32")]
pub mod schedule;
#[cfg(target_arch = "wasm32")]
pub mod views;

/// The bundle's URL, relative to the page so that hosting under a sub-path needs no setting.
pub const BUNDLE_URL: &str = "bundle.json";

/// The catalog's URL (the report list without the text, written beside the bundle by
/// `danvan compile`), fetched alongside the bundle so the list shows first.
pub const CATALOG_URL: &str = "bundle.catalog.json";

/// Mounts the app on `<body>`. The web binary (`src/bin/web.rs`) calls only this.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    // Without the hook a panic shows as an opaque "unreachable" trap; with it, the message.
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(components::App);
}
