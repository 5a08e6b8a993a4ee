//! danvan: compile Vietnamese reports on công tác dân vận into a bundle, and explore it.
//!
//! - [`core`]: the pure core both sides share (bundle model, Vietnamese text, query logic).
//!   No I/O, no leptos, no file system: tested natively.
//! - `compiler` (native only): raw report folder → bundle, by stage.
//! - [`app`]: the Leptos CSR explorer. Its components are wasm32 only; its DOM-free parts
//!   (language, report cards, load errors) build everywhere so they are tested natively.

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod compiler;

pub mod app;
