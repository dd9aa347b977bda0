//! Check 6: revocation and suspension through status lists
//! (`BitstringStatusListEntry`, `StatusList2021Entry`).
//!
//! The list is itself a credential and must verify before it is believed. Anything
//! that prevents reading it makes the check `skipped` with the reason: "could not
//! check" is never reported as "not revoked".

use base64::Engine;
use serde_json::Value;

use super::documents::Provenance;
use super::{Input, Options, Outcome, Status, Verdict};

/// The Open Badges 3.0 revocation list's status type.
const REVOCATION_LIST: &str = "1EdTechRevocationList";

/// Bound on a decompressed list (the spec's minimum is 16 KiB; real lists are small).
const MAX_LIST_BYTES: u64 = 16 * 1024 * 1024;

/// How old a cached status list may be when no fresh copy can be had. A revocation
/// is usually published within a day; a week lets a learner build offline for a
/// while without showing as "not revoked" what nobody has checked for longer.
pub const MAX_CACHED_LIST_AGE: chrono::Duration = chrono::Duration::days(7);

/// A status entry's `statusListIndex`, written as a string (as the spec says) or a
/// number (as some issuers do).
pub fn list_index(entry: &Value) -> Option<u64> {
    match entry.get("statusListIndex") {
        Some(Value::String(s)) => s.parse().ok(),
        Some(Value::Number(n)) => n.as_u64(),
        _ => None,
    }
}

pub fn check(
    doc: &Value,
    issuer: Option<&str>,
    opts: &Options,
    inputs: &mut Vec<Input>,
    verify_list: impl Fn(&str, &[u8]) -> Verdict,
) -> (Outcome, String) {
    let entries: Vec<&Value> = match doc.get("credentialStatus") {
        None | Some(Value::Null) => {
            return (
                Outcome::Skipped,
                "the credential has no credentialStatus, so there is no revocation list to check"
                    .into(),
            );
        }
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
    };
    let mut passes = Vec::new();
    let mut skips = Vec::new();
    for entry in entries {
        let result = match entry.get("type").and_then(Value::as_str) {
            Some(REVOCATION_LIST) => revocation_list(entry, doc, opts, inputs),
            _ => check_entry(entry, issuer, opts, inputs, &verify_list),
        };
        match result {
            Ok(Ok(note)) => passes.push(note),
            Ok(Err(revoked)) => return (Outcome::Fail, revoked),
            Err(skip) => skips.push(skip),
        }
    }
    if !skips.is_empty() {
        return (Outcome::Skipped, skips.join("; "));
    }
    (Outcome::Pass, passes.join("; "))
}

/// `Err` = could not check; `Ok(Err)` = revoked or suspended; `Ok(Ok)` = clear.
/// Long because each field of a status entry is checked in turn with its own message.
fn check_entry(
    entry: &Value,
    issuer: Option<&str>,
    opts: &Options,
    inputs: &mut Vec<Input>,
    verify_list: &impl Fn(&str, &[u8]) -> Verdict,
) -> Result<Result<String, String>, String> {
    let ty = entry.get("type").and_then(Value::as_str).unwrap_or("");
    let bitstring = match ty {
        "BitstringStatusListEntry" => true,
        "StatusList2021Entry" => false,
        other => {
            return Err(format!(
                "unsupported status type `{other}` (folio reads BitstringStatusListEntry, StatusList2021Entry and {REVOCATION_LIST}), so revocation cannot be checked; ask the issuer for an Open Badges 3.0 export with one of those"
            ));
        }
    };
    let url = entry
        .get("statusListCredential")
        .and_then(Value::as_str)
        .ok_or("the status entry has no statusListCredential")?;
    let index = list_index(entry).ok_or("the status entry has no valid statusListIndex")?;
    let purpose = entry
        .get("statusPurpose")
        .and_then(Value::as_str)
        .unwrap_or("revocation");

    if purpose != "revocation" && purpose != "suspension" {
        // `message` and `refresh` lists say something else than validity.
        return Ok(Ok(format!(
            "status entry with purpose `{purpose}` ({url}) does not bear on validity"
        )));
    }
    let size = entry
        .get("statusSize")
        .map_or(Some(1), |s| s.as_u64().or_else(|| s.as_str()?.parse().ok()));
    if size != Some(1) {
        return Err(format!(
            "the {purpose} entry's statusSize is not 1, which the Bitstring Status List spec requires for {purpose}"
        ));
    }
    let (bytes, copy) = fetch(url, opts)?;
    inputs.push(Input::new("status-list", url, &bytes));
    let verdict = verify_list(url, &bytes);
    if verdict.status != Status::Verified {
        return Err(format!(
            "the status list {url} is {}, so it cannot be believed",
            verdict.status.as_str()
        ));
    }
    let list = verdict
        .credential
        .as_ref()
        .expect("verified lists were parsed");
    // The entry and the list must be for the same purpose: a suspension list read as
    // a revocation list would call every revoked credential "not revoked".
    let subject = list.get("credentialSubject").unwrap_or(&Value::Null);
    let list_purposes = match subject.get("statusPurpose") {
        Some(Value::String(p)) => vec![p.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !list_purposes
        .iter()
        .any(|p| p.eq_ignore_ascii_case(purpose))
    {
        return Err(format!(
            "the entry's statusPurpose is `{purpose}` but the status list {url} is for `{}`, so it says nothing about {purpose} (STATUS_VERIFICATION_ERROR)",
            if list_purposes.is_empty() {
                "no purpose".to_string()
            } else {
                list_purposes.join(", ")
            }
        ));
    }
    let encoded = subject
        .get("encodedList")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("the status list {url} has no encodedList"))?;
    let bits = decode_list(encoded, bitstring).map_err(|e| format!("status list {url}: {e}"))?;
    let set = bit(&bits, index)
        .ok_or_else(|| format!("index {index} is beyond the status list {url}"))?;
    // The spec lets another party publish the list; the detail says who did.
    let by = match (&verdict.issuer, issuer) {
        (Some(list_issuer), Some(issuer)) if list_issuer != issuer => format!(
            "; the list is issued by {list_issuer}, not by the credential's issuer (the spec allows this)"
        ),
        _ => String::new(),
    };
    if set {
        let word = if purpose == "suspension" {
            "suspended"
        } else {
            "revoked"
        };
        Ok(Err(format!(
            "{word}: bit {index} is set in the status list {url}{copy}{by}"
        )))
    } else {
        Ok(Ok(format!(
            "not {purpose}-flagged in {url} (index {index}){copy}{by}"
        )))
    }
}

/// The Open Badges 3.0 status method ("Revocation List", used by Credly among others):
/// `credentialStatus.id` is a JSON document listing revoked credential ids in
/// `revokedCredentials`. It is not signed; HTTPS from the issuer's server is what
/// vouches for it, so it follows the same fetch, cache and offline rules as other lists.
fn revocation_list(
    entry: &Value,
    doc: &Value,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Result<Result<String, String>, String> {
    let url = entry
        .get("id")
        .and_then(Value::as_str)
        .ok_or("the 1EdTechRevocationList entry has no `id` (the list's URL)")?;
    let id = doc.get("id").and_then(Value::as_str).ok_or(
        "the credential has no `id`, so a 1EdTechRevocationList cannot say whether it is revoked",
    )?;
    let (bytes, copy) = fetch(url, opts)?;
    inputs.push(Input::new("revocation-list", url, &bytes));
    let list: Value = serde_json::from_slice(&bytes)
        .map_err(|_| format!("the revocation list {url} is not JSON"))?;
    let revoked = list
        .get("revokedCredentials")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{url} is not a revocation list: it has no `revokedCredentials`"))?;
    let entry_id = |e: &Value| {
        e.as_str()
            .or_else(|| e.get("id").and_then(Value::as_str))
            .map(str::to_string)
    };
    match revoked.iter().find(|e| entry_id(e).as_deref() == Some(id)) {
        Some(hit) => Ok(Err(
            match hit.get("revocationReason").and_then(Value::as_str) {
                Some(reason) => format!("revoked: listed in {url} ({reason}){copy}"),
                None => format!("revoked: listed in {url}{copy}"),
            },
        )),
        None => Ok(Ok(format!("not listed in the revocation list {url}{copy}"))),
    }
}

/// A status document and, for a cached copy, a note saying so. A cached copy older
/// than [`MAX_CACHED_LIST_AGE`] is not used.
fn fetch(url: &str, opts: &Options) -> Result<(Vec<u8>, String), String> {
    let (bytes, provenance) = opts.documents.get_with_provenance(url)?;
    let copy = match provenance {
        Provenance::Cached { fetched, why } => {
            // Freshness is about when the list was read, not the `--now` being verified at.
            let age = chrono::Utc::now().signed_duration_since(fetched);
            if age > MAX_CACHED_LIST_AGE {
                return Err(format!(
                    "{why}; the cached copy was fetched {} ({} days ago), older than the {} days folio accepts for a status list",
                    fetched.format("%Y-%m-%d %H:%M UTC"),
                    age.num_days(),
                    MAX_CACHED_LIST_AGE.num_days()
                ));
            }
            format!(
                " (cached copy fetched {}, since no fresh one could be had: {why})",
                fetched.format("%Y-%m-%d %H:%M UTC")
            )
        }
        Provenance::Supplied | Provenance::Fetched => String::new(),
    };
    Ok((bytes, copy))
}

/// Bit `i`, most significant bit first, as the specs define.
pub fn bit(bytes: &[u8], i: u64) -> Option<bool> {
    let byte = *bytes.get(usize::try_from(i / 8).ok()?)?;
    Some((byte >> (7 - i % 8)) & 1 == 1)
}

/// Bitstring lists are multibase base64url (`u…`) gzip; StatusList2021 lists are
/// plain base64url gzip. Both are accepted either way: the prefix is unambiguous.
pub fn decode_list(encoded: &str, bitstring: bool) -> Result<Vec<u8>, String> {
    let body = match encoded.strip_prefix('u') {
        Some(rest) if bitstring || !encoded.starts_with("H4s") => rest,
        _ => encoded,
    };
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let compressed = engine
        .decode(body.trim_end_matches('='))
        .map_err(|_| "encodedList is not base64url".to_string())?;
    let decoder = flate2::read::GzDecoder::new(compressed.as_slice());
    crate::bounded::inflate(decoder, MAX_LIST_BYTES, "encodedList", "gzip")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_order_is_msb_first() {
        assert_eq!(bit(&[0b1000_0000], 0), Some(true));
        assert_eq!(bit(&[0b0000_1000], 4), Some(true));
        assert_eq!(bit(&[0b0000_1000], 3), Some(false));
        assert_eq!(bit(&[0], 8), None);
    }

    #[test]
    fn gzip_roundtrip() {
        use flate2::{Compression, write::GzEncoder};
        use std::io::Write;
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(&[0, 0x10]).unwrap();
        let gz = enc.finish().unwrap();
        let text = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(gz);
        assert_eq!(
            decode_list(&format!("u{text}"), true).unwrap(),
            vec![0, 0x10]
        );
        assert_eq!(decode_list(&text, false).unwrap(), vec![0, 0x10]);
        assert!(decode_list("u!!!", true).is_err());
    }
}
