//! The registered claims of a JWT-secured credential must say what the credential
//! says (Open Badges 3.0 §8.2 "JSON Web Token Proof Format", VC-JOSE-COSE):
//! `iss` = `issuer.id`, `sub` = `credentialSubject.id`, `jti` = `id`,
//! `nbf` = `validFrom` (`issuanceDate` in VC 1.1), `exp` = `validUntil`
//! (`expirationDate`). A claim the credential lacks stands in for it (the reader
//! copies it over); a claim that contradicts it makes the token say two things, and
//! a verifier that reads only one of them can be led to accept the other (a `sub` of
//! someone else on a credential whose subject is the owner), so it fails the shape
//! check naming both values.
//!
//! The dates are compared where a spec binds them: Open Badges 3.0 credentials, and
//! VC 1.1 tokens (`vc` claim, VC data model 1.1 §6.3.1). For other VC 2.0 tokens
//! (status lists, say) VC-JOSE-COSE leaves `nbf`/`exp` to the token, and issuers set
//! `nbf` to the signing time; there the stricter window of the two counts
//! (`verify_at`), so a token's dates can only shorten validity.
//!
//! `iss` is also compared by the key check (`jwt::check`), where a mismatch decides
//! which issuer's keys may sign.

use serde_json::Value;

use super::shape::{issuer_id, parse_datetime};

/// `Err` names the first claim that disagrees with the credential, and both values.
pub fn check(claims: &Value, credential: &Value) -> Result<(), String> {
    let types = super::read::type_names(credential.get("type"));
    let dates_bound = claims.get("vc").is_some()
        || types
            .iter()
            .any(|t| t == "OpenBadgeCredential" || t == "AchievementCredential");
    if let Some(iss) = claims.get("iss").and_then(Value::as_str)
        && let Some(issuer) = issuer_id(credential)
        && iss != issuer
    {
        return Err(mismatch("iss", iss, "issuer.id", &issuer));
    }
    if let Some(sub) = claims.get("sub") {
        let sub = sub
            .as_str()
            .ok_or("the token's `sub` claim is not a string")?;
        let ids = subject_ids(credential);
        if !ids.is_empty() && !ids.iter().any(|id| id == sub) {
            return Err(mismatch(
                "sub",
                sub,
                "credentialSubject.id",
                &ids.join(", "),
            ));
        }
    }
    if let Some(jti) = claims.get("jti") {
        let jti = jti
            .as_str()
            .ok_or("the token's `jti` claim is not a string")?;
        if let Some(id) = credential.get("id").and_then(Value::as_str)
            && id != jti
        {
            return Err(mismatch("jti", jti, "id", id));
        }
    }
    let dates = [
        ("nbf", ["validFrom", "issuanceDate"]),
        ("exp", ["validUntil", "expirationDate"]),
    ];
    for (claim, fields) in dates.into_iter().filter(|_| dates_bound) {
        let Some(value) = claims.get(claim) else {
            continue;
        };
        let seconds = value
            .as_f64()
            .filter(|s| s.is_finite())
            .ok_or_else(|| format!("the token's `{claim}` claim is not a NumericDate"))?;
        // The v2 name when the credential has it, else the v1 name.
        let Some((field, text)) = fields
            .iter()
            .find_map(|f| Some((*f, credential.get(*f)?.as_str()?)))
        else {
            continue;
        };
        let Some(date) = parse_datetime(text) else {
            continue; // the shape check reports the unreadable date
        };
        // NumericDate counts whole seconds; credentials may give milliseconds.
        if date.timestamp() != seconds.floor() as i64 {
            let shown = chrono::DateTime::from_timestamp(seconds.floor() as i64, 0)
                .map_or_else(|| seconds.to_string(), |d| d.to_rfc3339());
            return Err(mismatch(claim, &shown, field, text));
        }
    }
    Ok(())
}

fn mismatch(claim: &str, value: &str, field: &str, credential: &str) -> String {
    format!(
        "the token's `{claim}` claim ({value}) contradicts the credential's `{field}` ({credential}); a JWT's claims must say what the credential says (Open Badges 3.0 §8.2)"
    )
}

/// The ids of every credential subject that has one.
fn subject_ids(credential: &Value) -> Vec<String> {
    let id = |s: &Value| s.get("id").and_then(Value::as_str).map(str::to_string);
    match credential.get("credentialSubject") {
        Some(Value::Array(items)) => items.iter().filter_map(id).collect(),
        Some(subject) => id(subject).into_iter().collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn credential() -> Value {
        json!({
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "id": "urn:uuid:1",
            "issuer": {"id": "did:key:z6Mk1"},
            "validFrom": "2024-01-01T00:00:00.250Z",
            "validUntil": "2030-01-01T00:00:00Z",
            "credentialSubject": {"id": "mailto:ada@example.org"}
        })
    }

    #[test]
    fn agreeing_claims_pass() {
        let claims = json!({
            "iss": "did:key:z6Mk1", "sub": "mailto:ada@example.org", "jti": "urn:uuid:1",
            "nbf": 1704067200, "exp": 1893456000
        });
        assert_eq!(check(&claims, &credential()), Ok(()));
        // Claims the credential does not repeat are nothing to compare.
        assert_eq!(check(&json!({"nbf": 5}), &json!({"id": "x"})), Ok(()));
    }

    #[test]
    fn each_contradiction_fails_naming_both_values() {
        for (claims, words) in [
            (
                json!({"sub": "mailto:bob@example.org"}),
                ["`sub`", "bob@", "ada@"],
            ),
            (
                json!({"jti": "urn:uuid:2"}),
                ["`jti`", "urn:uuid:2", "urn:uuid:1"],
            ),
            (
                json!({"nbf": 1704067201}),
                ["`nbf`", "00:00:01", "validFrom"],
            ),
            (json!({"exp": 1}), ["`exp`", "1970", "validUntil"]),
            (
                json!({"iss": "did:key:other"}),
                ["`iss`", "did:key:other", "z6Mk1"],
            ),
        ] {
            let err = check(&claims, &credential()).unwrap_err();
            for w in words {
                assert!(err.contains(w), "{err} lacks {w}");
            }
        }
        let v1 = json!({"issuanceDate": "2020-01-01T00:00:00Z", "credentialSubject": {}});
        let v1_claims = json!({"nbf": 0, "vc": {}});
        assert!(check(&v1_claims, &v1).unwrap_err().contains("issuanceDate"));
        // A status list token's `nbf` is its signing time, which VC-JOSE-COSE allows.
        let list = json!({"type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "validFrom": "2020-01-01T00:00:00Z"});
        assert_eq!(check(&json!({"nbf": 1795767155}), &list), Ok(()));
        assert!(check(&json!({"sub": 7}), &credential()).is_err());
        assert!(check(&json!({"exp": "tomorrow"}), &credential()).is_err());
    }
}
