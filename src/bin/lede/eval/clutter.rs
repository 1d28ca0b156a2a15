//! `lede eval clutter DIR`.

use std::path::Path;

/// Scores lede on the corpus in `dir` and returns the printed table.
pub fn run(dir: &Path) -> anyhow::Result<String> {
    anyhow::bail!("eval clutter is not written yet ({})", dir.display())
}
