//! CLR 2.0 (Comprehensive Learner Record): a `ClrCredential` is a transcript whose
//! subject holds credentials (`credentialSubject.verifiableCredential`), the
//! achievements they are for, and associations between those achievements.
//!
//! The CLR is verified as a credential of its own (its proof covers everything in
//! it), and each credential inside is verified again on its own proof and becomes a
//! badge of its own (`verify_file` names them `file#1`, `file#2`, …): an altered
//! course fails alone, whatever the transcript's proof says.

use serde_json::Value;

use super::read::type_names;

/// The credentials inside a `ClrCredential`, as bytes `verify` can read (a JWT as
/// its token); `None` when `bytes` are not a CLR.
pub fn inner_credentials(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    let text = std::str::from_utf8(bytes)
        .ok()?
        .trim_start_matches('\u{feff}')
        .trim();
    if !text.starts_with('{') || text.len() > super::read::MAX_FILE_BYTES {
        return None;
    }
    let doc: Value = serde_json::from_str(text).ok()?;
    if !type_names(doc.get("type"))
        .iter()
        .any(|t| t == "ClrCredential")
    {
        return None;
    }
    let subject = doc.get("credentialSubject")?;
    let items: Vec<&Value> = match subject.get("verifiableCredential") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(one) => vec![one],
    };
    Some(
        items
            .into_iter()
            .map(|item| match item {
                Value::String(token) => token.as_bytes().to_vec(),
                other => serde_json::to_vec_pretty(other).unwrap_or_default(),
            })
            .collect(),
    )
}

/// One association a CLR asserts between two achievements: issuer-asserted
/// structure (`isChildOf`, `isPartOf`, `precedes`, …).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Association {
    pub kind: String,
    pub source: String,
    pub target: String,
}

/// The associations of a CLR's subject.
pub fn associations(doc: &Value) -> Vec<Association> {
    let subject = doc.get("credentialSubject");
    let items: Vec<&Value> = match subject.and_then(|s| s.get("association")) {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|a| {
            Some(Association {
                kind: a.get("associationType")?.as_str()?.to_string(),
                source: a.get("sourceId")?.as_str()?.to_string(),
                target: a.get("targetId")?.as_str()?.to_string(),
            })
        })
        .collect()
}
