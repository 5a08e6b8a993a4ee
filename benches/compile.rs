//! Compile throughput in source bytes per second: the seed corpus, and synthetic corpora of
//! 1,000 and 10,000 reports (`danvan synth`, seed 42) to show it stays linear in corpus size.
//!
//! Measures the in-memory pipeline (decode, classify, extract, manifest, serialise) on bytes
//! already read, so disk speed does not enter the number. One thread, as the compiler runs.

mod support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use danvan::compiler::{compile_sources, load_config, read, Options};
use danvan::core::meta::CatalogFile;
use danvan::core::model::Bundle;
use std::path::Path;
use std::time::Duration;

fn seed(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/reports");
    let opts = Options {
        dir: dir.clone(),
        ..Options::default()
    };
    let config = load_config(&opts).expect("seed configuration loads");
    let sources = read::list_dir(&dir).expect("seed reports read");
    let bytes: usize = sources.iter().map(|s| s.bytes.len()).sum();

    let mut group = c.benchmark_group("compile");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("seed_corpus_to_json", |b| {
        b.iter(|| {
            let compiled = compile_sources(&sources, &config).expect("compiles");
            output_len(&compiled.bundle)
        })
    });
    group.finish();
}

/// What `danvan compile` writes: the bundle and its catalog, as JSON (their total length).
fn output_len(bundle: &Bundle) -> usize {
    let catalog = CatalogFile::of(&bundle.generator, &bundle.topics, &bundle.reports);
    bundle.to_json().len() + catalog.to_json().len()
}

fn synthetic(c: &mut Criterion) {
    let config = support::config();
    let mut group = c.benchmark_group("compile_synth");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    let mut sizes = vec![support::size(1_000), support::size(10_000)];
    sizes.dedup();
    for n in sizes {
        let sources = support::corpus(n);
        let bytes: usize = sources.iter().map(|s| s.bytes.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("{n}_reports_to_json"), |b| {
            b.iter(|| {
                let compiled = compile_sources(&sources, &config).expect("compiles");
                output_len(&compiled.bundle)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, seed, synthetic);
criterion_main!(benches);
