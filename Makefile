# The project's commands. Every target installs what it needs first (scripts/setup.sh is
# idempotent and takes about a second on a warm machine).
#
#   make run     build everything and serve http://127.0.0.1:8080/
#   make test    every check: fmt, clippy (native and wasm32), cargo test, release build, browser tests
#   make dist    the static site in dist/ (app + compiled bundle.json and bundle.catalog.json)
#   make bundle  compile data/reports into target/bundle.json (+ bundle.catalog.json)
#   make bench   native (criterion) and Chromium benchmarks (10,000 reports, MiniSearch side by side);
#                results in target/criterion/, target/bench/results.json and BENCHMARKS.md

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

# npm's wasm-opt 132 must come before any other on PATH (Debian's 108 breaks the app at
# runtime); cargo-installed tools (trunk, wasm-bindgen) live in ~/.cargo/bin.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

BUNDLE := target/bundle.json
# Written by the same compile, beside the bundle: the report list without the text.
CATALOG := target/bundle.catalog.json
PORT ?= 8080

.PHONY: help setup setup-test bundle site dist run test browser-test bench bench-smoke bench-native \
	bench-browser bench-browser-smoke clean

help:
	@sed -n 's/^#   //p' Makefile

setup:
	scripts/setup.sh build

setup-test:
	scripts/setup.sh test

# The compiler reads data/reports plus the curation files beside it (data/*.toml). The old
# bundle is removed first so that a compiler that writes nothing fails here, not in the browser.
bundle:
	rm -f $(BUNDLE) $(CATALOG)
	cargo run --release --bin danvan -- compile data/reports -o $(BUNDLE)
	@test -s $(BUNDLE) || { echo "error: danvan compile wrote no $(BUNDLE)" >&2; exit 1; }
	@test -s $(CATALOG) || { echo "error: danvan compile wrote no $(CATALOG)" >&2; exit 1; }

# Trunk replaces dist/ wholesale, so the bundle is copied in after it.
site: setup
	trunk build --release

dist: site bundle
	cp $(BUNDLE) dist/bundle.json
	cp $(CATALOG) dist/bundle.catalog.json
	@echo "dist/ ready: $$(ls dist | tr '\n' ' ')"

run: dist
	@echo "serving dist/ on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 -d dist

browser-test:
	npm run --silent test:browser

test: setup-test
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins -- -D warnings
	cargo test
	$(MAKE) bench-smoke
	$(MAKE) dist
	$(MAKE) browser-test
	$(MAKE) bench-browser-smoke

# Each benchmark once, on 50 synthetic reports, in the test profile: they must not rot.
bench-smoke:
	DANVAN_BENCH_SMOKE=1 cargo test --benches

bench: bench-native bench-browser

# Criterion: compile throughput (seed, 1k and 10k synthetic reports) and core query latency at 10k.
bench-native:
	cargo bench --bench compile --bench query

# The Chromium benchmark (tests/bench/browser-bench.mjs; what each number means is at its top):
# the release site with a 10,000-report synthetic bundle (cached in target/bench/), MiniSearch
# side by side in the same page. Writes target/bench/results.json and prints a Markdown summary.
bench-browser: setup-test dist
	node tests/bench/browser-bench.mjs

# The same on 50 reports with 3 queries, once (about 20 s), so that it cannot rot; it fails on
# a page error or a missing measurement, never on a timing. Needs dist/ (make test builds it).
bench-browser-smoke:
	node tests/bench/browser-bench.mjs --smoke

clean:
	rm -rf dist tests/browser/artifacts
	cargo clean
