//! Keeps the owner's private identities off the site. A badge's text is written by
//! its issuer (or by whoever crafted the file), and folio's own check details name
//! the identity that matched; either can carry `owner.email` into a page, its meta
//! description, Open Graph tags, JSON-LD or the published receipt — even when the
//! learner kept the credential file itself off the site. Every third-party string
//! folio renders passes through here first.
//!
//! Bidi controls (U+202A–202E, U+2066–2069) are removed from that text too: behind
//! a RIGHT-TO-LEFT OVERRIDE, "deifireV ✓" stored in a badge's name displays as
//! "✓ Verified" on a page that says the badge is not. Nothing a credential needs
//! to say depends on them (the page's `dir` orders right-to-left text).

use serde_json::Value;

use crate::badge::Verdict;
use crate::badge::recipient::Owner;
use crate::util::html::is_bidi_control;

/// What a private identity is replaced by.
pub const REDACTED: &str = "[redacted]";

/// Replaces the owner's emails, telephone numbers and DIDs, ignoring ASCII case.
pub struct Redactor {
    needles: Vec<String>,
}

impl Redactor {
    pub fn new(owner: &Owner) -> Self {
        let mut needles: Vec<String> = owner
            .private()
            .map(|v| v.trim().to_ascii_lowercase())
            .filter(|v| v.len() >= 3)
            .collect();
        // Longest first, so one identity inside another is replaced whole.
        needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
        needles.dedup();
        Redactor { needles }
    }

    /// `text` with every occurrence of a private identity replaced, and no bidi
    /// control.
    pub fn text(&self, text: &str) -> String {
        let mut out: String = text.chars().filter(|c| !is_bidi_control(*c)).collect();
        for needle in &self.needles {
            // ASCII lowercasing keeps byte offsets, so positions carry over.
            while let Some(at) = out.to_ascii_lowercase().find(needle.as_str()) {
                out.replace_range(at..at + needle.len(), REDACTED);
            }
        }
        out
    }

    /// Redacts every string in a JSON value (keys are left alone).
    pub fn value(&self, value: &mut Value) {
        match value {
            Value::String(s) => {
                if s.chars().any(is_bidi_control)
                    || self
                        .needles
                        .iter()
                        .any(|n| s.to_ascii_lowercase().contains(n.as_str()))
                {
                    *s = self.text(s);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.value(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.value(v)),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }

    /// A copy of `verdict` fit to publish: its credential and check details redacted.
    pub fn verdict(&self, verdict: &Verdict) -> Verdict {
        let mut v = verdict.clone();
        if let Some(doc) = &mut v.credential {
            self.value(doc);
        }
        if let Some(typed) = &mut v.typed {
            // Every string, whichever field: through its JSON form, which keeps its shape.
            let mut value = serde_json::to_value(&*typed).expect("a credential serialises");
            self.value(&mut value);
            *typed = serde_json::from_value(value).expect("redaction keeps the shape");
        }
        if let Some(facts) = &mut v.facts {
            let mut value = serde_json::to_value(&*facts).expect("facts serialise");
            self.value(&mut value);
            *facts = serde_json::from_value(value).expect("redaction keeps the shape");
        }
        for check in &mut v.checks {
            check.detail = self.text(&check.detail);
        }
        for e in &mut v.endorsements {
            for text in [&mut e.endorser_name, &mut e.comment].into_iter().flatten() {
                *text = self.text(text);
            }
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_are_replaced_in_any_case_and_urls_kept() {
        let owner = Owner::parse([
            "Ada@Example.org",
            "did:web:ada.example",
            "https://ada.example/",
        ])
        .unwrap();
        let r = Redactor::new(&owner);
        assert_eq!(
            r.text("Mail ADA@example.ORG or did:web:ada.example, see https://ada.example/"),
            "Mail [redacted] or [redacted], see https://ada.example/"
        );
        let mut v = serde_json::json!({"a": ["x ada@example.org"], "ada@example.org": 1});
        r.value(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"a": ["x [redacted]"], "ada@example.org": 1})
        );
    }
}
