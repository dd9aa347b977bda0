//! Turning serde_yaml's errors into messages about the user's file.

use std::path::Path;

use crate::error::Location;

/// Splits a serde_yaml error into a file location (shifted by `line_offset` lines, for
/// YAML embedded in a larger file) and its message without the trailing position.
pub(crate) fn yaml_error_parts(
    path: &Path,
    e: &serde_yaml::Error,
    line_offset: u32,
) -> (Location, String) {
    let mut msg = e.to_string();
    // serde_yaml appends " at line L column C"; we print the position up front instead.
    if let Some(i) = msg.find(" at line ") {
        msg.truncate(i);
    }
    // serde names our Rust types ("expected struct RawConfig"): say what is meant.
    while let Some(i) = msg.find("struct ") {
        let end = msg[i + 7..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(msg.len(), |e| i + 7 + e);
        msg.replace_range(i..end, "a mapping of `key: value` settings");
    }
    // serde names Rust's number and text types ("expected i64"): say them in words.
    for (rust, words) in [
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number of at least 0"),
        ("expected u32", "expected a whole number of at least 0"),
        ("expected usize", "expected a whole number of at least 0"),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected true or false"),
        ("invalid type: string", "it is the text"),
        ("invalid type: integer", "it is the number"),
    ] {
        msg = msg.replace(rust, words);
    }
    // A tab where YAML wants indentation is reported as a character that "cannot start
    // any token": say what it most likely is.
    if msg.contains("cannot start any token") || msg.contains("tab") {
        msg.push_str(" (a tab? YAML indents with spaces only)");
    }
    let loc = match e.location() {
        Some(l) => Location::at(path, l.line() as u32 + line_offset, l.column() as u32),
        None => Location::file(path),
    };
    (loc, msg)
}
