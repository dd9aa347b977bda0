//! The last test binary `cargo test` runs (targets run in name order): lists the
//! checks this run skipped because a tool was missing, past the harness's output
//! capture, so a green run says plainly what it did not check. Under CI nothing may
//! have been skipped (each skip fails there already; this catches any that did not).

mod common;

use std::io::Write;

#[test]
fn checks_skipped_for_a_missing_tool_are_listed_at_the_end() {
    let dir = common::skipped::dir();
    let prefix = common::skipped::run_prefix();
    let mut skipped = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix)
            && let Ok(text) = std::fs::read_to_string(entry.path())
        {
            skipped.push(text);
        }
        // This run's records are read once; older runs' are stale.
        let _ = std::fs::remove_file(entry.path());
    }
    skipped.sort();
    skipped.dedup();
    assert!(
        std::env::var_os("CI").is_none() || skipped.is_empty(),
        "CI skipped checks: {skipped:?}"
    );
    if !skipped.is_empty() {
        let mut err = std::io::stderr();
        let _ = writeln!(
            err,
            "\nskipped in this run, for a missing tool (install it to run them):"
        );
        for s in &skipped {
            let _ = writeln!(err, "  - {s}");
        }
    }
}
