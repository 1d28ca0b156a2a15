//! Writes a synthetic news page of about N DOM nodes to standard output,
//! the page the native and browser benchmarks measure growth on:
//!
//! ```sh
//! cargo run --release --example synth -- 100000 > page.html
//! ```
//!
//! The page is made by `tests/bench/synth.rs` (see there for its shape).

#[path = "../tests/bench/synth.rs"]
mod synth;

use std::io::Write;

fn main() {
    let arg = std::env::args().nth(1);
    let Some(target) = arg.as_deref().and_then(|a| a.replace('_', "").parse::<usize>().ok()) else {
        eprintln!("usage: synth NODES   (e.g. 100000; writes the page to standard output)");
        std::process::exit(2);
    };
    let page = synth::synthetic(target);
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(page.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("synth: cannot write the page: {e}");
            std::process::exit(2);
        }
    }
}
