//! The pure core: what the compiler and the app must agree on.
//! Nothing here does I/O or knows about leptos, the DOM or the file system.

pub mod compare;
pub mod de;
pub mod decimal;
pub mod figures;
pub mod fnv;
pub mod i18n;
pub mod meta;
pub mod model;
pub mod query;
pub mod search;
pub mod snippet;
pub mod sort;
pub mod sorted_map;
pub mod stats;
pub mod text;
pub mod unicode;
pub mod url;
