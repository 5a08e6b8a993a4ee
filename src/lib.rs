//! danvan: compile Vietnamese reports on công tác dân vận into a bundle, and explore it.
//!
//! - [`core`]: the pure core both sides share (bundle model, Vietnamese text, query logic).
//!   No I/O, no leptos, no file system: tested natively.
//! - `compiler` (native only): raw report folder → bundle, by stage.
//! - `app` (wasm32 only): the Leptos CSR explorer.

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod compiler;

#[cfg(target_arch = "wasm32")]
pub mod app;
