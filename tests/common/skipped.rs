//! Checks skipped because a tool is missing (the browser, axe-core, jsonschema,
//! exiftool): never under CI, where each is a failure; elsewhere each skip is recorded
//! here and `tests/zz_skipped_tools.rs`, the last test binary `cargo test` runs, lists
//! them at the end of the run, where a passing run's summary would otherwise hide them.
//!
//! One `cargo test` is the parent process of every test binary it runs, so records are
//! filed under the parent's process id: the list shows this run's skips only.

use std::io::Write;
use std::path::PathBuf;

/// Where this run's records go.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("skipped-tools")
}

/// The file-name prefix of this run's records.
pub fn run_prefix() -> String {
    format!("{}-", std::os::unix::process::parent_id())
}

/// Fails under CI (`why` says what CI must install); elsewhere records the skip and
/// says so at once, past the test harness's output capture.
pub fn skip(test: &str, why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run {test}: {why}"
    );
    let dir = dir();
    let _ = std::fs::create_dir_all(&dir);
    let name = format!(
        "{}{}-{}.txt",
        run_prefix(),
        std::process::id(),
        test.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let _ = std::fs::write(dir.join(name), format!("{test}: {why}"));
    let _ = writeln!(std::io::stderr(), "skipping {test}: {why}");
}
