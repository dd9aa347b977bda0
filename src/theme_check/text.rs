//! The theme's text as a visitor would read it, before anything is rendered.
//!
//! - Bidi controls: U+202A–202E (embeddings and overrides) and U+2066–2069
//!   (isolates) make a browser show characters in another order than they are
//!   stored, so "deifireV ✓" behind a RIGHT-TO-LEFT OVERRIDE reads "✓ Verified" while
//!   every scan of the stored text sees nonsense. A theme never needs them (the
//!   page's `dir` and Fluent's own isolation of arguments do that job), so they are
//!   refused anywhere in templates, catalogues and text static files.
//! - Catalogue messages: folio shows some of its messages for badges that are not
//!   (or no longer) verified: the statuses, the notices and the texts
//!   `folio-check.js` writes when it takes a mark away (`status-revoked-since` …).
//!   A theme's catalogue overriding any of them with a claim of verification would
//!   fake the mark where no page scan looks (the script writes them only in a
//!   visitor's browser), so every catalogue message of every language is scanned;
//!   only the messages whose own English text states verification (the verified
//!   label) may.

use crate::error::{Error, Location};
use crate::i18n::{self, Translator};
use crate::render::theme::Theme;
use crate::util::html::is_bidi_control;

use super::claims;

/// Every bidi control in the theme's manifest, templates, catalogues and text static files,
/// named by file and line.
pub fn bidi_controls(theme: &Theme) -> Vec<Error> {
    let mut sources: Vec<(String, String)> = theme
        .templates
        .iter()
        .map(|t| (t.origin.clone(), t.text.clone()))
        .collect();
    sources.extend(
        theme
            .catalogues
            .iter()
            .map(|c| (c.origin.clone(), c.text.clone())),
    );
    // The manifest: its parameters' defaults reach pages too.
    if let Some(dir) = &theme.dir
        && let Ok(text) = std::fs::read_to_string(dir.join(crate::render::theme::MANIFEST))
    {
        sources.push((
            dir.join(crate::render::theme::MANIFEST)
                .display()
                .to_string(),
            text,
        ));
    }
    for (rel, body) in &theme.static_files {
        let texty = [
            ".css", ".js", ".html", ".htm", ".svg", ".txt", ".json", ".xml",
        ]
        .iter()
        .any(|ext| rel.to_ascii_lowercase().ends_with(ext));
        if let Some(bytes) = body.bytes().filter(|_| texty) {
            sources.push((
                format!("{}: static/{rel}", theme.origin),
                String::from_utf8_lossy(&bytes).into_owned(),
            ));
        }
    }
    let mut problems = Vec::new();
    for (origin, text) in sources {
        for (n, line) in text.lines().enumerate() {
            if let Some(c) = line.chars().find(|c| is_bidi_control(*c)) {
                problems.push(Error::Template {
                    loc: Location {
                        path: origin.clone().into(),
                        line: Some(n as u32 + 1),
                        col: None,
                    },
                    page: None,
                    msg: format!(
                        "U+{:04X}, a bidi control, makes a browser show this text in another order than it is written, so it can display a claim no check can read",
                        c as u32
                    ),
                    hint: Some(
                        "remove it: the page's `dir` attribute and folio's own isolation of arguments order right-to-left text".into(),
                    ),
                });
            }
        }
    }
    problems
}

/// Catalogue messages that claim verification where folio shows them for badges
/// that are not verified.
pub fn catalogue_claims(theme: &Theme) -> Vec<Error> {
    let english = Translator::english();
    let folio_keys = i18n::english_keys();
    let mut problems = Vec::new();
    for catalogue in &theme.catalogues {
        let tr = match Translator::new(
            &catalogue.language,
            std::slice::from_ref(catalogue),
            &[],
            std::path::Path::new(&catalogue.origin),
        ) {
            Ok(tr) => tr,
            // Invalid Fluent is reported by the builds, with its line.
            Err(_) => continue,
        };
        for key in i18n::keys(&catalogue.text) {
            // The theme's own keys are rendered by its templates, where the page
            // scans read them; folio's verified label may say "verified".
            if !folio_keys.contains(&key) || claims::claims_verified(&english.t(&key)) {
                continue;
            }
            let text = tr.t(&key);
            if claims::claims_verified(&text) {
                problems.push(Error::Template {
                    loc: Location {
                        path: catalogue.origin.clone().into(),
                        line: line_of(&catalogue.text, &key),
                        col: None,
                    },
                    page: None,
                    msg: format!(
                        "`{key}` reads \"{}\", a claim of verification, but folio shows this message where a badge is not (or no longer) verified",
                        text.trim()
                    ),
                    hint: Some(format!(
                        "say what the English message says (\"{}\") in this language",
                        english.t(&key)
                    )),
                });
            }
        }
    }
    problems
}

/// The line (from 1) where `key` is defined in a Fluent catalogue.
fn line_of(text: &str, key: &str) -> Option<u32> {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|n| n as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_are_named() {
        assert!(is_bidi_control('\u{202E}'));
        assert!(is_bidi_control('\u{2067}'));
        assert!(!is_bidi_control('\u{200F}'));
        assert!(!is_bidi_control('a'));
    }

    #[test]
    fn keys_are_found_on_their_line() {
        let text = "a = b\nstatus-revoked-since = x\n";
        assert_eq!(line_of(text, "status-revoked-since"), Some(2));
        assert_eq!(line_of(text, "status"), None);
    }
}
