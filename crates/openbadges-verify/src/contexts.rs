//! The JSON-LD contexts compiled into folio, every published variant of each URL.
//!
//! One context URL has often had several published contents over time (the VC v2
//! context has dozens), and real credentials were signed under whichever was current
//! then. Variants are pinned by content hash and ordered by priority: 0 is the current
//! one, tried first; the others are tried only when a signature fails.

use std::collections::HashMap;
use std::sync::OnceLock;

mod bundled {
    #![allow(clippy::type_complexity)]
    include!(concat!(env!("OUT_DIR"), "/contexts.rs"));
}

/// One published content of a context URL.
#[derive(Debug)]
pub struct Variant {
    pub url: &'static str,
    pub priority: u32,
    /// Where this content was published (e.g. "history", "1EdTech validator copy").
    pub label: &'static str,
    pub date: &'static str,
    /// Content-hash file name, `files/<sha12>.jsonld`; equal names mean equal content.
    pub file: &'static str,
    pub bytes: &'static [u8],
    parsed: OnceLock<Option<json_syntax::Value>>,
}

impl Variant {
    /// The parsed document, parsed once per process.
    pub fn json(&self) -> Option<&json_syntax::Value> {
        self.parsed
            .get_or_init(|| {
                use json_syntax::Parse;
                let text = std::str::from_utf8(self.bytes).ok()?;
                json_syntax::Value::parse_str(text).ok().map(|(v, _)| v)
            })
            .as_ref()
    }

    /// The content hash that names this variant (12 hex digits).
    pub fn hash(&self) -> &'static str {
        self.file
            .trim_start_matches("files/")
            .trim_end_matches(".jsonld")
    }

    /// How reports name this variant: `https://…/v2 (history, 2023-04-05, 1a2b3c4d5e6f)`.
    pub fn describe(&self) -> String {
        let date = if self.date.is_empty() {
            String::new()
        } else {
            format!(", {}", &self.date[..10.min(self.date.len())])
        };
        format!("{} ({}{date}, {})", self.url, self.label, self.hash())
    }
}

/// All bundled variants, grouped by URL, each group sorted by priority and with
/// duplicate contents removed.
pub fn registry() -> &'static HashMap<&'static str, Vec<Variant>> {
    static REGISTRY: OnceLock<HashMap<&'static str, Vec<Variant>>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<Variant>> = HashMap::new();
        for &(url, priority, label, date, file, bytes) in bundled::CONTEXTS {
            let list = map.entry(url).or_default();
            if list.iter().any(|v| v.file == file) {
                continue;
            }
            list.push(Variant {
                url,
                priority,
                label,
                date,
                file,
                bytes,
                parsed: OnceLock::new(),
            });
        }
        for list in map.values_mut() {
            list.sort_by_key(|v| v.priority);
        }
        map
    })
}

pub fn variants(url: &str) -> Option<&'static [Variant]> {
    registry().get(url).map(Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_context_parses() {
        for list in registry().values() {
            for v in list {
                assert!(v.json().is_some(), "{} does not parse", v.describe());
            }
        }
        assert!(
            variants("https://www.w3.org/ns/credentials/v2")
                .unwrap()
                .len()
                > 5
        );
        assert!(variants("https://example.org/unknown").is_none());
    }
}
