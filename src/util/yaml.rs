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

/// A YAML syntax error in plain words: the 0-based line of `yaml` to change, what is
/// wrong there and how to fix it. `None` for errors that are not about syntax (those
/// read well enough from serde's words, see [`yaml_error_parts`]).
pub(crate) struct PlainSyntax {
    pub line: u32,
    pub msg: String,
    pub hint: String,
}

pub(crate) fn plain_syntax(yaml: &str, e: &serde_yaml::Error) -> Option<PlainSyntax> {
    // A quote left open makes the parser read to the end of the block; the line that
    // matters is where the quote opened.
    if let Some((line, quote)) = unclosed_quote(yaml) {
        return Some(PlainSyntax {
            line,
            msg: format!("this {quote} quote is never closed"),
            hint: format!("end the value with {quote} on the same line"),
        });
    }
    let raw = e.to_string();
    let at = e.location()?;
    let line = (at.line() as u32).saturating_sub(1);
    let text = yaml.lines().nth(line as usize).unwrap_or("");
    let plain = |msg: String, hint: String| Some(PlainSyntax { line, msg, hint });
    if raw.contains("mapping values are not allowed") {
        let (key, value) = text.split_once(": ").unwrap_or((text, ""));
        let key = key.trim();
        let value = value.trim();
        let quoted = match value.contains('"') {
            true => format!("'{}'", value.replace('\'', "''")),
            false => format!("\"{value}\""),
        };
        return plain(
            format!(
                "the value of `{key}` has `: ` in it, which YAML reads as the start of another key"
            ),
            format!("put the value in quotes: `{key}: {quoted}`"),
        );
    }
    if text.contains('\t') {
        return plain(
            "a tab: YAML indents with spaces only".into(),
            "replace the tab with spaces".into(),
        );
    }
    if raw.contains("cannot start any token") {
        let c = text
            .trim_start()
            .split_once(": ")
            .map_or(text.trim_start(), |(_, v)| v.trim_start())
            .chars()
            .next()
            .unwrap_or(' ');
        return plain(
            format!("a value cannot start with `{c}` unless it is in quotes"),
            "put the value in quotes, like `key: \"@handle\"`".into(),
        );
    }
    if raw.contains("did not find expected ',' or ']'") {
        let opened = yaml
            .lines()
            .take(line as usize + 1)
            .enumerate()
            .filter(|(_, l)| l.contains('['))
            .last()
            .map_or(line as usize, |(i, _)| i);
        return Some(PlainSyntax {
            line: opened as u32,
            msg: "a list opened with `[` is never closed".into(),
            hint: "end it with `]` on the same line, or write one `- item` per line below the key"
                .into(),
        });
    }
    if raw.contains("did not find expected key")
        || raw.contains("did not find expected '-' indicator")
        || raw.contains("block mapping")
    {
        let spaces = match text.len() - text.trim_start().len() {
            1 => "1 space".to_string(),
            n => format!("{n} spaces"),
        };
        return plain(
            format!("this line is indented by {spaces}, which matches no line above it"),
            "indent it by as many spaces as the other keys of its group (two more than the key it belongs under)".into(),
        );
    }
    None
}

/// The 0-based line of the YAML on which a quoted value opens and is not closed (on
/// that line or, for a double-quoted one, on any later line), and the quote.
fn unclosed_quote(yaml: &str) -> Option<(u32, char)> {
    for (i, line) in yaml.lines().enumerate() {
        let value = match line.split_once(": ") {
            Some((_, v)) => v.trim_start(),
            None => match line.trim_start().strip_prefix("- ") {
                Some(v) => v.trim_start(),
                None => continue,
            },
        };
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if !closes(&value[1..], quote) {
            return Some((i as u32, quote));
        }
    }
    None
}

/// Whether a quoted value's rest (after the opening quote) closes on this line.
fn closes(rest: &str, quote: char) -> bool {
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            // In single quotes, `''` is an escaped quote.
            '\'' if quote == '\'' && chars.clone().next() == Some('\'') => {
                chars.next();
            }
            c if c == quote => return true,
            _ => {}
        }
    }
    false
}
