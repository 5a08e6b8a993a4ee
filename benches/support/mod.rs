//! Synthetic corpora for the benchmarks, generated once into `target/bench/` and reused.
//!
//! `DANVAN_BENCH_SMOKE=1` (set by `make bench-smoke`) shrinks every corpus to 50 reports so
//! `make test` runs each benchmark once, quickly, and they cannot rot.

#![allow(dead_code)]

use danvan::compiler::{compile_sources, read, synth, Config, Source};
use danvan::core::model::Bundle;
use std::path::PathBuf;

/// The seed of every benchmark corpus, so runs on different days measure the same bytes.
pub const SEED: u64 = 42;

pub fn smoke() -> bool {
    std::env::var_os("DANVAN_BENCH_SMOKE").is_some()
}

/// `n`, or 50 in smoke mode.
pub fn size(n: usize) -> usize {
    if smoke() {
        50
    } else {
        n
    }
}

fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench")
}

/// The sources of the synthetic corpus of `n` reports (written to disk on first use).
pub fn corpus(n: usize) -> Vec<Source> {
    let dir = bench_dir().join(format!("synth-{n}-seed{SEED}/reports"));
    let done = dir.join(".complete");
    if !done.exists() {
        synth::write_corpus(&dir, n, SEED).expect("synthetic corpus written");
        std::fs::write(&done, b"").expect("marker written");
    }
    read::list_dir(&dir).expect("synthetic corpus read")
}

/// The compiled bundle of the synthetic corpus of `n` reports (seed configuration: the
/// taxonomy and aliases of `data/`, no manifest).
pub fn bundle(n: usize) -> Bundle {
    let path = bench_dir().join(format!("synth-{n}-seed{SEED}.json"));
    if let Ok(bytes) = std::fs::read(&path) {
        if let Ok(b) = serde_json::from_slice(&bytes) {
            return b;
        }
    }
    let compiled = compile_sources(&corpus(n), &config()).expect("synthetic corpus compiles");
    std::fs::write(&path, compiled.bundle.to_json()).expect("bundle written");
    compiled.bundle
}

/// The seed's taxonomy and aliases without its manifest (whose files are not in a synth corpus).
pub fn config() -> Config {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let opts = danvan::compiler::Options {
        dir: data.join("reports"),
        ..Default::default()
    };
    let mut c = danvan::compiler::load_config(&opts).expect("seed configuration loads");
    c.manifest = Default::default();
    c
}
