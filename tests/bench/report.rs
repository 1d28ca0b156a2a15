//! Reading back what criterion measured in this run, for the summaries the
//! benchmarks print at their end (criterion keeps each benchmark's
//! estimates in `<target>/criterion/<id>/new/`).

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Where criterion writes its results: the same rule as criterion's own
/// (`$CRITERION_HOME`, else `$CARGO_TARGET_DIR/criterion`, else the target
/// directory's `criterion/`).
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    // Cargo's scratch directory for benchmarks is `<target>/tmp`.
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().map_or_else(|| PathBuf::from("target/criterion"), |t| t.join("criterion"))
}

/// Median time in nanoseconds of every benchmark measured since `since`,
/// by criterion's full id (`group/function/parameter`).
pub fn medians(since: SystemTime) -> HashMap<String, f64> {
    let mut out = HashMap::new();
    let mut stack = vec![criterion_dir()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if !path.is_dir() {
                continue;
            }
            if path.file_name().is_some_and(|n| n == "new") {
                if let Some((id, median)) = read_new(&path, since) {
                    out.insert(id, median);
                }
            } else {
                stack.push(path);
            }
        }
    }
    out
}

/// One benchmark's full id and median, if measured since `since`.
fn read_new(dir: &Path, since: SystemTime) -> Option<(String, f64)> {
    let estimates = dir.join("estimates.json");
    if std::fs::metadata(&estimates).and_then(|m| m.modified()).ok()? < since {
        return None;
    }
    let json = |p: PathBuf| -> Option<Value> { serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok() };
    let id = json(dir.join("benchmark.json"))?.get("full_id")?.as_str()?.to_string();
    let median = json(estimates)?.get("median")?.get("point_estimate")?.as_f64()?;
    Some((id, median))
}

/// A duration in nanoseconds, in a unit that suits it.
pub fn duration(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}
