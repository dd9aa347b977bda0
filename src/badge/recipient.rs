//! Check 7: is this badge the portfolio owner's? Compared against `owner.email` when
//! the credential identifies its subject by email, plain or salted-hashed.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::Outcome;

pub fn check(doc: &Value, owner_email: Option<&str>) -> (Outcome, String) {
    let identities = email_identities(doc);
    let Some(email) = owner_email else {
        return (
            Outcome::Skipped,
            "no owner email is configured to compare the recipient with".into(),
        );
    };
    if identities.is_empty() {
        return (
            Outcome::Skipped,
            "the credential does not identify its recipient by email".into(),
        );
    }
    for identity in &identities {
        if identity.matches(email) {
            let how = if identity.hashed {
                "hashed email"
            } else {
                "email"
            };
            return (
                Outcome::Pass,
                format!("issued to the owner ({how} matches)"),
            );
        }
    }
    (
        Outcome::Fail,
        "issued to someone else: the recipient's email is not the owner's".into(),
    )
}

#[derive(Debug)]
struct EmailIdentity {
    value: String,
    hashed: bool,
    salt: String,
}

impl EmailIdentity {
    fn matches(&self, email: &str) -> bool {
        let email = email.trim();
        let candidates = [email.to_string(), email.to_lowercase()];
        if !self.hashed {
            return candidates
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&self.value));
        }
        let Some((alg, digest)) = self.value.split_once('$') else {
            return false;
        };
        if !alg.eq_ignore_ascii_case("sha256") {
            return false;
        }
        candidates.iter().any(|c| {
            let hash = Sha256::digest(format!("{c}{}", self.salt).as_bytes());
            super::hex(&hash).eq_ignore_ascii_case(digest)
        })
    }
}

impl EmailIdentity {
    /// `value` with the `hashed` and `salt` of `entry`: OB 2.0 recipients and OB 3.0
    /// identity objects name them alike.
    fn with_hash_fields(value: &str, entry: &Value) -> EmailIdentity {
        EmailIdentity {
            value: value.to_string(),
            hashed: entry
                .get("hashed")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            salt: entry
                .get("salt")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        }
    }
}

/// OB 3.0 `credentialSubject.identifier[]` entries of type `emailAddress`, a plain
/// `credentialSubject.email`, and an OB 2.0 `recipient` of type `email`.
fn email_identities(doc: &Value) -> Vec<EmailIdentity> {
    let mut out = ob3_identities(doc);
    if let Some(r) = doc.get("recipient")
        && r.get("type").and_then(Value::as_str).unwrap_or("email") == "email"
        && let Some(identity) = r.get("identity").and_then(Value::as_str)
    {
        out.push(EmailIdentity::with_hash_fields(identity, r));
    }
    out
}

fn ob3_identities(doc: &Value) -> Vec<EmailIdentity> {
    let subjects: Vec<&Value> = match doc.get("credentialSubject") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    let mut out = Vec::new();
    for subject in subjects {
        let identifiers: Vec<&Value> = match subject.get("identifier") {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(v) => vec![v],
            None => Vec::new(),
        };
        for id in identifiers {
            if id.get("identityType").and_then(Value::as_str) != Some("emailAddress") {
                continue;
            }
            let Some(value) = id.get("identityHash").and_then(Value::as_str) else {
                continue;
            };
            out.push(EmailIdentity::with_hash_fields(value, id));
        }
        if let Some(email) = subject.get("email").and_then(Value::as_str) {
            out.push(EmailIdentity {
                value: email.to_string(),
                hashed: false,
                salt: String::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hashed(email: &str, salt: &str) -> Value {
        let h = super::super::hex(&Sha256::digest(format!("{email}{salt}").as_bytes()));
        json!({"credentialSubject": {"identifier": [{
            "type": "IdentityObject", "identityType": "emailAddress", "hashed": true,
            "identityHash": format!("sha256${h}"), "salt": salt
        }]}})
    }

    #[test]
    fn open_badges_2_recipients() {
        let h = super::super::hex(&Sha256::digest(b"ada@example.orgsalty"));
        let doc = json!({"recipient": {"type": "email", "hashed": true, "salt": "salty", "identity": format!("sha256${h}")}});
        assert_eq!(check(&doc, Some("ada@example.org")).0, Outcome::Pass);
        assert_eq!(check(&doc, Some("eve@example.org")).0, Outcome::Fail);
        let plain =
            json!({"recipient": {"type": "email", "hashed": false, "identity": "ada@example.org"}});
        assert_eq!(check(&plain, Some("ADA@example.org")).0, Outcome::Pass);
    }

    #[test]
    fn hashed_match_and_mismatch() {
        let doc = hashed("ada@example.org", "pepper");
        assert_eq!(check(&doc, Some("ada@example.org")).0, Outcome::Pass);
        assert_eq!(check(&doc, Some("Ada@Example.org")).0, Outcome::Pass);
        assert_eq!(check(&doc, Some("eve@example.org")).0, Outcome::Fail);
        assert_eq!(check(&doc, None).0, Outcome::Skipped);
        assert_eq!(
            check(&json!({"credentialSubject": {"id": "did:x"}}), Some("a@b")).0,
            Outcome::Skipped
        );
    }
}
