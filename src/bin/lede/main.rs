//! `lede`: clean a news page or extract its reading view, from the command line.
//!
//! ```text
//! lede clean FILE|- [--url URL] [--format text|html|json]
//! lede read  FILE|- [--url URL] [--format json|html|text|markdown]
//! ```
//!
//! Errors print one line on stderr and exit with status 2.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod eval;
#[cfg(not(target_arch = "wasm32"))]
mod output;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(err) = run() {
        eprintln!("lede: {err:#}");
        std::process::exit(2);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run() -> anyhow::Result<()> {
    use anyhow::Context;
    use std::io::Write;
    use std::path::Path;

    let args = match args::parse(std::env::args_os().skip(1))? {
        Some(args) => args,
        None => {
            print!("{}", args::USAGE);
            return Ok(());
        }
    };
    let out = match args.command {
        args::Command::EvalClutter => eval::clutter::run(Path::new(&args.file), args.labels.as_deref().map(Path::new))?,
        args::Command::EvalBank => eval::bank::run(
            Path::new(&args.file),
            Path::new(args.hosts.as_deref().unwrap_or_default()),
            args.out.as_deref().map(Path::new),
        )?,
        args::Command::EvalRead => eval::read::run(Path::new(&args.file), args.labels.as_deref().map(Path::new))?,
        args::Command::Clean => output::clean(parse_input(&args.file)?, args.format)?,
        args::Command::Read => output::read(&parse_input(&args.file)?.page, args.url.as_deref(), args.format)?,
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()) {
        // A closed pipe (`lede … | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write output"),
    }
}

/// Reads and parses the input page (`-` is standard input).
#[cfg(not(target_arch = "wasm32"))]
fn parse_input(file: &str) -> anyhow::Result<lede::adapter::html::Parsed> {
    use anyhow::Context;
    use std::io::Read;
    let bytes = if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).context("cannot read standard input")?;
        buf
    } else {
        std::fs::read(file).with_context(|| format!("cannot read {file}"))?
    };
    lede::adapter::html::parse(&bytes, &lede::Limits::default()).with_context(|| format!("cannot process {file}"))
}

#[cfg(target_arch = "wasm32")]
fn main() {}
