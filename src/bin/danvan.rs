//! The `danvan` command line: compiles a report folder into a bundle.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(danvan::compiler::cli::main(
        std::env::args().skip(1).collect(),
    ));
}

#[cfg(target_arch = "wasm32")]
fn main() {}
