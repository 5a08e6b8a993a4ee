//! Compile throughput on the seed corpus, in source megabytes per second.
//!
//! Measures the in-memory pipeline (decode, classify, extract, manifest, serialise) on the
//! bytes of `data/reports`, so disk speed does not enter the number.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use danvan::compiler::{compile_sources, load_config, read, Options};
use std::path::Path;

fn compile(c: &mut Criterion) {
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
            compiled.bundle.to_json().len()
        })
    });
    group.finish();
}

criterion_group!(benches, compile);
criterion_main!(benches);
