//! Command-line parsing (lexopt).

use anyhow::{bail, Context};
use std::ffi::OsString;

/// Shown for `--help` and on usage errors.
pub const USAGE: &str = "\
usage: lede clean FILE|- [--url URL] [--format text|html|json]
       lede read  FILE|- [--url URL] [--format json|html|text|markdown]
       lede eval  clutter|read DIR [--labels FILE]
       lede eval  bank BANK_DIR --hosts READABILITY_DIR [--out DIR]

clean   hide clutter in place: text prints the visible text one block per line,
        html prints the page with hidden blocks marked data-lede-hidden=\"KIND\",
        json lists what was hidden, with the reason (default: text)
read    the reading view of the article (default: json)
eval    score lede on a labelled corpus directory and print a table; --labels
        names hand labels of clutter that a corpus's reference output keeps
        (figures are then given with and without it); eval bank injects a clutter
        text bank into Readability's pages (written to --out, default
        target/banks/NAME) and scores lede on them
";

/// Which job to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Hide clutter in place.
    Clean,
    /// Extract the reading view.
    Read,
    /// Score clutter detection on a labelled corpus.
    EvalClutter,
    /// Score reading-view extraction on a corpus.
    EvalRead,
    /// Inject a clutter text bank into host pages and score clutter detection.
    EvalBank,
}

/// Output formats across both commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// HTML.
    Html,
    /// JSON.
    Json,
    /// Markdown (read only).
    Markdown,
}

/// Parsed arguments.
#[derive(Debug)]
pub struct Args {
    /// The job.
    pub command: Command,
    /// Input path, or `-` for standard input.
    pub file: String,
    /// The page's address, for resolving relative links.
    pub url: Option<String>,
    /// Output format.
    pub format: Format,
    /// Hand labels of clutter inside a corpus's reference output (eval only).
    pub labels: Option<String>,
    /// Host pages for `eval bank`.
    pub hosts: Option<String>,
    /// Where `eval bank` writes its pages.
    pub out: Option<String>,
}

/// Parses the arguments; `None` means help was asked for.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> anyhow::Result<Option<Args>> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut command = None;
    let mut file = None;
    let mut url = None;
    let mut format = None;
    let mut labels = None;
    let mut hosts = None;
    let mut out = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("url") => url = Some(parser.value()?.string()?),
            Long("labels") => labels = Some(parser.value()?.string()?),
            Long("hosts") => hosts = Some(parser.value()?.string()?),
            Long("out") => out = Some(parser.value()?.string()?),
            Long("format") | Short('f') => {
                let value = parser.value()?.string()?;
                format = Some(match value.as_str() {
                    "text" => Format::Text,
                    "html" => Format::Html,
                    "json" => Format::Json,
                    "markdown" | "md" => Format::Markdown,
                    other => bail!("unknown format {other:?}\n{USAGE}"),
                });
            }
            Value(v) if command.is_none() => {
                command = Some(match v.string()?.as_str() {
                    "clean" => Command::Clean,
                    "read" => Command::Read,
                    "eval" => match parser.value().ok().and_then(|v| v.string().ok()).as_deref() {
                        Some("clutter") => Command::EvalClutter,
                        Some("read") => Command::EvalRead,
                        Some("bank") => Command::EvalBank,
                        other => bail!("eval takes clutter, read or bank, not {other:?}\n{USAGE}"),
                    },
                    other => bail!("unknown command {other:?}\n{USAGE}"),
                });
            }
            Value(v) if file.is_none() => file = Some(v.string()?),
            _ => return Err(arg.unexpected()).context(USAGE),
        }
    }
    let Some(command) = command else { bail!("no command given\n{USAGE}") };
    let Some(file) = file else { bail!("no input file given (use - for standard input)\n{USAGE}") };
    let format = format.unwrap_or(match command {
        Command::Clean | Command::EvalClutter | Command::EvalRead | Command::EvalBank => Format::Text,
        Command::Read => Format::Json,
    });
    if command == Command::Clean && format == Format::Markdown {
        bail!("clean has no markdown format (text, html or json)");
    }
    if labels.is_some() && !matches!(command, Command::EvalClutter | Command::EvalRead) {
        bail!("--labels goes with eval only");
    }
    if command == Command::EvalBank && hosts.is_none() {
        bail!("eval bank needs --hosts (Readability's test pages)\n{USAGE}");
    }
    if (hosts.is_some() || out.is_some()) && command != Command::EvalBank {
        bail!("--hosts and --out go with eval bank only");
    }
    if let Some(u) = &url {
        url::Url::parse(u).with_context(|| format!("bad --url {u:?}"))?;
    }
    Ok(Some(Args { command, file, url, format, labels, hosts, out }))
}
