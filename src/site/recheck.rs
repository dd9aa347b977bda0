//! What a published page carries so that its "Verified" stays true after the build:
//! the date of the check, the credential's end of validity, the status lists a
//! browser may re-read, and links to verifiers run by someone else than the learner.
//!
//! The browser side is `check.js`, written to the site as `folio-check.js`. It only
//! ever takes a verified mark away (expired by the visitor's clock, revoked by the
//! issuer's list); it never makes anything verified, so a page that lies about its
//! script, its data or its list gains nothing (SECURITY.md).

use chrono::{DateTime, SecondsFormat, Timelike, Utc};
use serde_json::{Value, json};

use crate::badge_view::VerifierLink;
use crate::i18n::Translator;
use crate::util::html::escape;
use crate::util::url::percent_encode;

/// The script's path in the site.
pub const SCRIPT_PATH: &str = "folio-check.js";

/// The script itself: first-party, no dependencies, bundled in the binary.
pub const SCRIPT: &str = include_str!("check.js");

/// An instant as receipts and `<time datetime>` write it: RFC 3339, UTC, seconds.
pub fn stamp(t: DateTime<Utc>) -> String {
    // A leap second (`23:59:60`, which chrono keeps as a 59th second of over a
    // billion nanoseconds) is written as the instant after it: browsers'
    // `Date.parse` reads `:60` as NaN, and a date no one can read never expires.
    let t = if t.timestamp_subsec_nanos() >= 1_000_000_000 {
        t.with_nanosecond(0).unwrap_or(t) + chrono::Duration::seconds(1)
    } else {
        t
    };
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A day as a visitor reads it, in the site's language: "2 December 2026",
/// "2. Dezember 2026".
pub fn day(t: DateTime<Utc>, tr: &Translator) -> String {
    tr.date(t.date_naive())
}

/// The attributes a theme puts on a verified badge's status element
/// (`{{ b.check_attributes | safe }}`), already escaped: when it was checked, when
/// it stops being valid, and the status lists a browser may re-read. Empty for any
/// other status: the script never touches those.
pub fn attributes(
    verified: bool,
    checked: DateTime<Utc>,
    valid_until: Option<DateTime<Utc>>,
    doc: Option<&Value>,
    recheck_lists: bool,
    tr: &Translator,
) -> String {
    if !verified {
        return String::new();
    }
    let mut out = format!(
        " data-folio-check=\"verified\" data-checked-on=\"{}\"",
        escape(&day(checked, tr))
    );
    if let Some(until) = valid_until {
        let on = day(until, tr);
        out.push_str(&format!(
            " data-valid-until=\"{}\" data-valid-until-on=\"{}\" data-expired-text=\"{}\"",
            stamp(until),
            escape(&on),
            escape(&tr.format("status-expired-on", &[("date", on.as_str().into())]))
        ));
    }
    let lists = if recheck_lists {
        doc.map(status_lists).unwrap_or_default()
    } else {
        Vec::new()
    };
    if !lists.is_empty() {
        // What the script writes when the issuer's list says otherwise, in the
        // page's language (the script itself carries English only as a fallback).
        out.push_str(&format!(
            " data-status-lists=\"{}\" data-revoked-text=\"{}\" data-suspended-text=\"{}\" data-unchecked-text=\"{}\"",
            escape(&Value::Array(lists).to_string()),
            escape(&tr.t("status-revoked-since")),
            escape(&tr.t("status-suspended-since")),
            escape(&tr.t("status-not-rechecked")),
        ));
    }
    out
}

/// The status entries of a credential that a browser can re-read, as the script
/// wants them. Entries of other purposes (message, refresh) say nothing about
/// validity. Only `https://` lists are re-read (plain `http://` only on loopback, for
/// previews and tests): a credential must not make visitors' browsers knock on
/// addresses of their own network.
pub fn status_lists(doc: &Value) -> Vec<Value> {
    let entries: Vec<&Value> = match doc.get("credentialStatus") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v @ Value::Object(_)) => vec![v],
        _ => return Vec::new(),
    };
    let web = |u: &str| {
        u.starts_with("https://")
            || (u.starts_with("http://")
                && crate::util::url::is_loopback_host(crate::util::url::host(u)))
    };
    let mut out = Vec::new();
    for entry in entries {
        let text = |k: &str| entry.get(k).and_then(Value::as_str);
        match text("type") {
            Some("1EdTechRevocationList") => {
                if let (Some(url), Some(id)) = (text("id"), doc.get("id").and_then(Value::as_str))
                    && web(url)
                {
                    out.push(json!({"type": "1edtech", "url": url, "id": id}));
                }
            }
            Some("BitstringStatusListEntry" | "StatusList2021Entry") => {
                let purpose = text("statusPurpose").unwrap_or("revocation");
                if purpose != "revocation" && purpose != "suspension" {
                    continue;
                }
                let index = crate::badge::status::list_index(entry);
                if let (Some(url), Some(index)) = (text("statusListCredential"), index)
                    && web(url)
                {
                    out.push(json!({"type": "bitstring", "url": url, "index": index, "purpose": purpose}));
                }
            }
            _ => {}
        }
    }
    out
}

/// Links to each configured verifier for a credential published at `absolute_url`.
pub fn verifier_links(templates: &[String], absolute_url: &str) -> Vec<VerifierLink> {
    templates
        .iter()
        .filter(|t| t.starts_with("https://") || t.starts_with("http://"))
        .map(|t| VerifierLink {
            name: verifier_name(t),
            url: t.replace("{url}", &percent_encode(absolute_url)),
            upload: !t.contains("{url}"),
        })
        .collect()
}

/// How a verifier is named in a link: known services by their own names, others by
/// their host.
fn verifier_name(template: &str) -> String {
    let host = template
        .split_once("://")
        .map_or(template, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("");
    match host {
        "verifierplus.org" | "www.verifierplus.org" => {
            "VerifierPlus (Digital Credentials Consortium)".into()
        }
        "vc.1ed.tech" | "openbadgesvalidator.imsglobal.org" => {
            "1EdTech Open Badges validator".into()
        }
        other => other.trim_start_matches("www.").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DEFAULT_VERIFIERS;

    #[test]
    fn verifier_links_encode_the_credential_url() {
        let links = verifier_links(
            &DEFAULT_VERIFIERS
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
            "https://learner.example/portfolio/badges/rust/rust.json",
        );
        assert_eq!(
            links[0].url,
            "https://verifierplus.org/#verify?vc=https%3A%2F%2Flearner.example%2Fportfolio%2Fbadges%2Frust%2Frust.json"
        );
        assert!(!links[0].upload);
        assert_eq!(links[1].name, "1EdTech Open Badges validator");
        // vc.1ed.tech takes the file as an upload: no URL to fill in.
        assert_eq!(links[1].url, "https://vc.1ed.tech/");
        assert!(links[1].upload);
        assert!(verifier_links(&["javascript:alert({url})".into()], "x").is_empty());
    }

    #[test]
    fn only_verified_badges_carry_check_attributes() {
        let tr = Translator::english();
        let now = DateTime::parse_from_rfc3339("2026-12-02T10:00:00Z")
            .unwrap()
            .to_utc();
        let until = DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z")
            .unwrap()
            .to_utc();
        let doc = json!({"id": "urn:uuid:1", "credentialStatus": [
            {"type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "7", "statusListCredential": "https://issuer.example/list\"><script>"},
            {"type": "BitstringStatusListEntry", "statusPurpose": "message", "statusListIndex": "1", "statusListCredential": "https://issuer.example/m"},
            {"type": "1EdTechRevocationList", "id": "https://issuer.example/revoked"},
            {"type": "BitstringStatusListEntry", "statusListIndex": "2", "statusListCredential": "ftp://issuer.example/x"},
            {"type": "BitstringStatusListEntry", "statusListIndex": "3", "statusListCredential": "http://192.168.1.1/list"}
        ]});
        assert_eq!(
            attributes(false, now, Some(until), Some(&doc), true, tr),
            ""
        );
        let attrs = attributes(true, now, Some(until), Some(&doc), true, tr);
        assert!(
            attrs.contains("data-valid-until=\"2030-01-01T00:00:00Z\""),
            "{attrs}"
        );
        assert!(
            attrs.contains("data-valid-until-on=\"January 1, 2030\""),
            "{attrs}"
        );
        assert!(!attrs.contains('<') && !attrs.contains("\"><"), "{attrs}");
        assert_eq!(status_lists(&doc).len(), 2);
        assert!(!attributes(true, now, None, Some(&doc), false, tr).contains("status-lists"));
    }
}
