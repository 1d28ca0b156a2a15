//! Helpers shared by the native tests.

use std::path::PathBuf;
use std::process::{Command, Output};

/// `../shared` beside the repository (CI clones the repo with it alongside).
pub fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// Runs the `lede` binary with arguments and optional standard input.
pub fn lede(args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lede"));
    cmd.args(args).stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("lede runs");
    {
        let mut input = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            // A refused page may close stdin early; that is the behaviour under test.
            let _ = input.write_all(bytes);
        }
    }
    child.wait_with_output().expect("lede finishes")
}

/// Standard output as text, after asserting success.
pub fn ok_stdout(out: &Output) -> String {
    assert!(out.status.success(), "lede failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

/// Whitespace collapsed.
pub fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
