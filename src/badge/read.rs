//! Reading a credential file: detect its format from its content (not its name) and
//! parse it, within fixed size limits.

use serde_json::Value;

/// Larger files are refused before parsing: real credentials are a few kilobytes, and
/// baked images rarely exceed a few megabytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Deeper JSON is refused: real credentials (even with embedded endorsements) stay
/// far below this, and JSON-LD processing recurses once per level.
pub const MAX_DEPTH: usize = 16;

/// Nesting depth of a JSON value, computed without recursion.
fn depth(value: &Value) -> usize {
    let mut max = 0;
    let mut stack = vec![(value, 1)];
    while let Some((v, d)) = stack.pop() {
        max = max.max(d);
        match v {
            Value::Array(items) => stack.extend(items.iter().map(|i| (i, d + 1))),
            Value::Object(map) => stack.extend(map.values().map(|i| (i, d + 1))),
            _ => {}
        }
    }
    max
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A W3C Verifiable Credential typed as an Open Badge (OB 3.0) with embedded proof.
    Ob3Json,
    /// Any other W3C Verifiable Credential with embedded proof.
    VcJson,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Ob3Json => "ob3-json",
            Format::VcJson => "vc-json",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Format::Ob3Json => "Open Badges 3.0 credential (JSON with embedded proof)",
            Format::VcJson => "W3C Verifiable Credential (JSON with embedded proof)",
        }
    }
}

#[derive(Debug)]
pub struct Parsed {
    pub format: Format,
    pub json: Value,
}

/// Detects and parses a credential. The error is a one-line reason for the user.
pub fn read(bytes: &[u8]) -> Result<Parsed, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is {} bytes; folio reads credentials up to {MAX_FILE_BYTES} bytes",
            bytes.len()
        ));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        if bytes.starts_with(b"\x89PNG") {
            "baked PNG badges are not read yet".to_string()
        } else {
            "not a credential: the file is not text".to_string()
        }
    })?;
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err("the file is empty".into());
    }
    if !trimmed.starts_with('{') {
        return Err("not a credential: expected a JSON object".into());
    }
    let json: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    if depth(&json) > MAX_DEPTH {
        return Err(format!(
            "the credential nests deeper than {MAX_DEPTH} levels; real credentials never do"
        ));
    }
    let Some(obj) = json.as_object() else {
        return Err("not a credential: expected a JSON object".into());
    };
    if !obj.contains_key("@context") {
        return Err("not a credential: it has no `@context`".into());
    }
    let types = type_names(obj.get("type"));
    if !types.iter().any(|t| t == "VerifiableCredential") {
        return Err(format!(
            "not a Verifiable Credential: `type` is {}",
            if types.is_empty() {
                "missing".to_string()
            } else {
                types.join(", ")
            }
        ));
    }
    let format = if types
        .iter()
        .any(|t| t == "OpenBadgeCredential" || t == "AchievementCredential")
    {
        Format::Ob3Json
    } else {
        Format::VcJson
    };
    Ok(Parsed { format, json })
}

/// `type` as a list of strings, whether written as one string or an array.
pub fn type_names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections_have_reasons() {
        assert_eq!(read(b"").unwrap_err(), "the file is empty");
        assert!(read(b"{").unwrap_err().starts_with("not valid JSON"));
        assert!(read(b"[1]").unwrap_err().contains("JSON object"));
        assert!(
            read(br#"{"@context":[],"type":"X"}"#)
                .unwrap_err()
                .contains("`type` is X")
        );
        let deep = "[".repeat(100_000);
        assert!(read(deep.as_bytes()).is_err());
        let deep_obj = format!("{}{}", r#"{"a":"#.repeat(10_000), "1");
        assert!(read(deep_obj.as_bytes()).unwrap_err().contains("JSON"));
    }

    #[test]
    fn detects_open_badges() {
        let p = read(br#"{"@context":[],"type":["VerifiableCredential","OpenBadgeCredential"]}"#)
            .unwrap();
        assert_eq!(p.format, Format::Ob3Json);
    }
}
