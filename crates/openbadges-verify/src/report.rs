//! Printing verdicts: the human form (`✓ ✗ ! –` and a reason per check) and the JSON
//! form (one object per line, the fields DESIGN.md lists).

use std::fmt::Write;

use super::{CheckName, Outcome, Status, Verdict};

pub fn symbol(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass => "✓",
        Outcome::Fail => "✗",
        Outcome::Warn => "!",
        Outcome::Skipped => "–",
    }
}

pub fn human(v: &Verdict) -> String {
    let mut out = String::new();
    let what = match &v.suite {
        Some(s) => format!("{}, {s}", v.format),
        None => v.format.clone(),
    };
    let _ = writeln!(
        out,
        "{}: {} ({what})",
        v.file,
        v.status.as_str().to_uppercase()
    );
    if let Some(issuer) = &v.issuer {
        let _ = writeln!(out, "  issuer: {issuer}");
    }
    for c in &v.checks {
        let name = serde_json::to_value(c.name)
            .ok()
            .and_then(|n| n.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = writeln!(out, "  {} {name:<10} {}", symbol(c.outcome), c.detail);
    }
    let authentic = matches!(
        v.status,
        Status::Verified | Status::Expired | Status::Revoked
    );
    if authentic && v.outcome(CheckName::Recipient) == Outcome::Skipped {
        let _ = writeln!(
            out,
            "  note: authenticity only: the recipient was not confirmed as the portfolio's owner"
        );
    }
    out
}

pub fn json(v: &Verdict) -> String {
    serde_json::to_string(v).expect("verdicts serialise")
}
