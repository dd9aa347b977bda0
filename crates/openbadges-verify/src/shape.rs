//! Structural checks on a credential (check 2) and its validity window (check 5).

/// Dates are read with the typed credential (`credential`); shape only checks them.
pub use super::credential::parse_datetime;
use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Outcome;
use super::read::{VC_V1, VC_V2, type_names};

/// The issuer's id, whether `issuer` is a string or an object.
pub fn issuer_id(doc: &Value) -> Option<String> {
    match doc.get("issuer")? {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("id")?.as_str().map(str::to_string),
        _ => None,
    }
}

/// Required fields present and well-typed. `Ok` carries a short note.
pub fn check(doc: &Value) -> Result<String, String> {
    let first_context = match doc.get("@context") {
        Some(Value::Array(items)) => items.first().and_then(Value::as_str),
        Some(Value::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let model = match first_context {
        Some(VC_V1) => "VC data model 1.1",
        Some(VC_V2) => "VC data model 2.0",
        other => {
            return Err(format!(
                "the first `@context` must be {VC_V2} or {VC_V1}, not {}",
                other.map_or("missing".to_string(), |c| format!("`{c}`"))
            ));
        }
    };
    match doc.get("issuer") {
        None => return Err("`issuer` is missing".into()),
        Some(Value::String(_)) => {}
        Some(Value::Object(o)) if o.get("id").is_some_and(Value::is_string) => {}
        Some(_) => return Err("`issuer` must be a URL or an object with an `id`".into()),
    }
    let subjects: Vec<&Value> = match doc.get("credentialSubject") {
        None => return Err("`credentialSubject` is missing".into()),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
    };
    if subjects.is_empty() || !subjects.iter().all(|s| s.is_object()) {
        return Err("`credentialSubject` must be an object".into());
    }
    if model == "VC data model 1.1" && doc.get("issuanceDate").is_none() {
        return Err("`issuanceDate` is missing (required by VC data model 1.1)".into());
    }
    for field in ["issuanceDate", "validFrom", "expirationDate", "validUntil"] {
        if let Some(v) = doc.get(field) {
            let text = v
                .as_str()
                .ok_or_else(|| format!("`{field}` must be a date-time string"))?;
            parse_datetime(text)
                .ok_or_else(|| format!("`{field}` is not a date-time: `{text}`"))?;
        }
    }
    let types = type_names(doc.get("type"));
    let is_badge = types
        .iter()
        .any(|t| t == "OpenBadgeCredential" || t == "AchievementCredential");
    if is_badge {
        let has_achievement = subjects
            .iter()
            .any(|s| s.get("achievement").is_some_and(Value::is_object));
        if !has_achievement {
            return Err(
                "an OpenBadgeCredential's `credentialSubject.achievement` must be an object".into(),
            );
        }
        Ok(format!("Open Badges 3.0 credential, {model}"))
    } else {
        Ok(format!("Verifiable Credential, {model}"))
    }
}

/// `validFrom ≤ now < validUntil` (or the v1 names). Expired is a warning: the badge
/// was genuine, and DESIGN.md gives it its own status.
pub fn validity(doc: &Value, now: DateTime<Utc>) -> (Outcome, String) {
    window(&super::credential::Dates::read(doc), now)
}

/// The validity check on a credential's dates (see [`validity`]).
pub fn window(dates: &super::credential::Dates, now: DateTime<Utc>) -> (Outcome, String) {
    let (from, until) = match dates.window() {
        Ok(w) => w,
        Err(e) => return (Outcome::Fail, e),
    };
    if let Some(from) = from
        && from > now
    {
        return (
            Outcome::Fail,
            format!("not valid yet: valid from {}", from.to_rfc3339()),
        );
    }
    if let Some(until) = until
        && until <= now
    {
        return (Outcome::Warn, format!("expired on {}", until.to_rfc3339()));
    }
    let since = from.map_or("issue date not given".to_string(), |f| {
        format!("valid since {}", f.format("%Y-%m-%d"))
    });
    let to = until.map_or("no expiry".to_string(), |u| {
        format!("until {}", u.format("%Y-%m-%d"))
    });
    (Outcome::Pass, format!("{since}, {to}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn open_badges_2_dates() {
        let expired = json!({"issuedOn": "2020-01-01", "expires": 1700000000});
        let (outcome, detail) = validity(&expired, now());
        assert_eq!(outcome, Outcome::Warn, "{detail}");
        assert!(detail.contains("expired on 2023-11-14"), "{detail}");
        let current = json!({"issuedOn": "2024-05-01T00:00:00Z"});
        assert_eq!(validity(&current, now()).0, Outcome::Pass);
        let garbage = json!({"expires": "soon"});
        assert_eq!(validity(&garbage, now()).0, Outcome::Fail);
    }

    fn now() -> DateTime<Utc> {
        parse_datetime("2026-11-23T00:00:00Z").unwrap()
    }

    #[test]
    fn windows() {
        let v = |doc: Value| validity(&doc, now()).0;
        assert_eq!(
            v(json!({"validFrom": "2020-01-01T00:00:00Z"})),
            Outcome::Pass
        );
        assert_eq!(
            v(json!({"validFrom": "2030-01-01T00:00:00Z"})),
            Outcome::Fail
        );
        assert_eq!(
            v(json!({"validUntil": "2025-01-01T00:00:00Z"})),
            Outcome::Warn
        );
        assert_eq!(
            v(json!({"expirationDate": "2026-11-23T00:00:00Z"})),
            Outcome::Warn
        );
        assert_eq!(v(json!({"validFrom": "yesterday"})), Outcome::Fail);
        assert_eq!(
            v(json!({"issuanceDate": "2020-01-01T00:00:00"})),
            Outcome::Pass
        );
    }

    #[test]
    fn shape_problems() {
        let base = json!({
            "@context": [VC_V2], "type": ["VerifiableCredential"],
            "issuer": "did:x", "credentialSubject": {"id": "did:y"}
        });
        assert!(check(&base).is_ok());
        let mut no_issuer = base.clone();
        no_issuer.as_object_mut().unwrap().remove("issuer");
        assert_eq!(check(&no_issuer).unwrap_err(), "`issuer` is missing");
        let mut badge = base.clone();
        badge["type"] = json!(["VerifiableCredential", "OpenBadgeCredential"]);
        assert!(check(&badge).unwrap_err().contains("achievement"));
        let mut v1 = base.clone();
        v1["@context"] = json!([VC_V1]);
        assert!(check(&v1).unwrap_err().contains("issuanceDate"));
    }
}
