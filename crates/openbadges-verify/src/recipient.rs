//! Check 7: is this badge the portfolio owner's?
//!
//! A credential names its recipient in one of several forms, all read here into
//! [`Identity`] values: OB 3.0 `credentialSubject.id` (`mailto:`, a DID, a URL, `tel:`),
//! OB 3.0 `credentialSubject.identifier[]` identity objects (plain or hashed), and the
//! OB 2.0 `recipient` (email, url, telephone; plain or hashed with a salt). They are
//! compared with the owner's identities from `folio.yaml` (`owner.email` and
//! `owner.identities`).
//!
//! Outcomes: `pass` when one of the credential's identities is the owner's; `fail`
//! when it names an identity of a kind the owner has listed (an email, say) and none
//! of them is the owner's — someone else's badge; `skipped` when nothing can be
//! compared (no owner identities, a credential naming nobody, or only kinds the owner
//! has not listed, such as a DID). On a portfolio a skipped recipient means
//! "recipient not confirmed", which is never shown as verified (see `badge::overall`).
//!
//! Email addresses: the domain is compared case-insensitively (RFC 5321 §2.4); the
//! local part is compared case-insensitively too, because every common mail provider
//! treats it so and issuers often lowercase an address before hashing it. Nothing else
//! is normalised: dots and `+tags` make a different address.

use md5::Md5;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::Outcome;

/// What kind of identifier a value is; only identities of one kind are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Email,
    Url,
    Did,
    Phone,
    /// An identifier folio cannot compare (a student number, a `urn:uuid:`).
    Other,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Email => "email address",
            Kind::Url => "URL",
            Kind::Did => "DID",
            Kind::Phone => "telephone number",
            Kind::Other => "identifier",
        }
    }
}

/// The owner's identities, from `owner.email` and `owner.identities`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Owner {
    identities: Vec<(Kind, String)>,
}

impl Owner {
    /// Reads identities written as an email, `mailto:`, a DID, an `http(s)` URL or
    /// `tel:`. Returns the entries it cannot classify as errors.
    pub fn parse<'a>(values: impl IntoIterator<Item = &'a str>) -> Result<Owner, String> {
        let mut owner = Owner::default();
        for raw in values {
            let value = raw.trim();
            if value.is_empty() {
                continue;
            }
            let (kind, value) = classify(value);
            if kind == Kind::Other {
                return Err(format!(
                    "`{raw}` is not an email address, mailto:, did:, http(s):// URL or tel: identity"
                ));
            }
            owner.identities.push((kind, value));
        }
        Ok(owner)
    }

    pub fn is_empty(&self) -> bool {
        self.identities.is_empty()
    }

    /// The identities that are the owner's private contact or correlation handles
    /// (emails, telephone numbers, DIDs), which folio keeps out of what it publishes.
    /// URLs are left out: they are the owner's public pages.
    pub fn private(&self) -> impl Iterator<Item = &str> {
        self.identities
            .iter()
            .filter(|(k, _)| matches!(k, Kind::Email | Kind::Phone | Kind::Did))
            .map(|(_, v)| v.as_str())
    }

    fn of(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.identities
            .iter()
            .filter(move |(k, _)| *k == kind)
            .map(|(_, v)| v.as_str())
    }
}

/// Sorts a written identity into its kind, dropping a `mailto:`/`tel:` scheme.
fn classify(value: &str) -> (Kind, String) {
    let lower = value.to_ascii_lowercase();
    if let Some(rest) = strip_prefix_ci(value, "mailto:") {
        return (Kind::Email, rest.to_string());
    }
    if let Some(rest) = strip_prefix_ci(value, "tel:") {
        return (Kind::Phone, rest.to_string());
    }
    if lower.starts_with("did:") {
        return (Kind::Did, value.to_string());
    }
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return (Kind::Url, value.to_string());
    }
    if value.contains('@') && !value.contains(':') && !value.contains(char::is_whitespace) {
        return (Kind::Email, value.to_string());
    }
    (Kind::Other, value.to_string())
}

fn strip_prefix_ci<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &value[prefix.len()..])
}

/// One recipient identity a credential names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Identity {
    pub kind: Kind,
    /// The plain value, or `alg$hex` when hashed.
    pub value: String,
    pub hashed: bool,
    pub salt: String,
}

impl Identity {
    fn matches(&self, owner: &str) -> bool {
        if self.hashed {
            return self.matches_hash(owner);
        }
        match self.kind {
            Kind::Email => same_email(&self.value, owner),
            Kind::Url => self.value.trim_end_matches('/') == owner.trim_end_matches('/'),
            Kind::Phone => digits(&self.value) == digits(owner),
            Kind::Did => self.value == owner,
            Kind::Other => false,
        }
    }

    /// `sha256$hex` or `md5$hex` (OB 2.0 allows both); a bare hex digest is read by
    /// its length. The owner's value is tried as written and in the forms issuers
    /// hash (emails lowercased).
    fn matches_hash(&self, owner: &str) -> bool {
        let (alg, digest) = match self.value.split_once('$') {
            Some((alg, digest)) => (alg.to_ascii_lowercase(), digest),
            None if self.value.len() == 64 => ("sha256".to_string(), self.value.as_str()),
            None if self.value.len() == 32 => ("md5".to_string(), self.value.as_str()),
            None => return false,
        };
        let mut candidates = vec![owner.to_string()];
        if self.kind == Kind::Email {
            candidates.push(owner.to_lowercase());
            if let Some((local, domain)) = owner.rsplit_once('@') {
                candidates.push(format!("{local}@{}", domain.to_lowercase()));
            }
        }
        candidates.iter().any(|c| {
            let input = format!("{c}{}", self.salt);
            let hash = match alg.as_str() {
                "sha256" => super::hex(&Sha256::digest(input.as_bytes())),
                "md5" => super::hex(&Md5::digest(input.as_bytes())),
                _ => return false,
            };
            hash.eq_ignore_ascii_case(digest)
        })
    }

    /// How the identity reads in a report; a hash is never shown in full.
    fn describe(&self) -> String {
        if self.hashed {
            format!("a hashed {}", self.kind.noun())
        } else {
            format!("the {} {}", self.kind.noun(), self.value)
        }
    }
}

fn same_email(a: &str, b: &str) -> bool {
    let a = a.trim();
    let b = b.trim();
    match (a.rsplit_once('@'), b.rsplit_once('@')) {
        (Some((la, da)), Some((lb, db))) => {
            da.eq_ignore_ascii_case(db) && la.to_lowercase() == lb.to_lowercase()
        }
        _ => false,
    }
}

fn digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// Compares the credential's recipient with the owner's identities.
pub fn check(doc: &Value, owner: &Owner) -> (Outcome, String) {
    check_identities(&identities(doc), owner)
}

/// Compares the identities a credential names (as [`identities`] reads them) with
/// the owner's.
pub fn check_identities(named: &[Identity], owner: &Owner) -> (Outcome, String) {
    if owner.is_empty() {
        return (
            Outcome::Skipped,
            "not checked: no owner identity is configured (owner.email or owner.identities in folio.yaml)".into(),
        );
    }
    if named.is_empty() {
        return (
            Outcome::Skipped,
            "the credential does not name its recipient, so it cannot be confirmed as the owner's"
                .into(),
        );
    }
    for identity in named {
        if owner.of(identity.kind).any(|o| identity.matches(o)) {
            return (
                Outcome::Pass,
                format!(
                    "issued to the owner ({} matches)",
                    identity.describe().trim_start_matches("the ")
                ),
            );
        }
    }
    let comparable: Vec<&Identity> = named
        .iter()
        .filter(|i| owner.of(i.kind).next().is_some())
        .collect();
    if let Some(first) = comparable.first() {
        return (
            Outcome::Fail,
            format!(
                "issued to someone else: the credential names {}, which is not the owner's; if that is another of yours, list it under `owner.identities` in folio.yaml",
                first.describe()
            ),
        );
    }
    let names: Vec<String> = named.iter().map(Identity::describe).collect();
    (
        Outcome::Skipped,
        format!(
            "recipient not confirmed: the credential names {}, which is not among the owner's identities; if it is yours, add it to `owner.identities` in folio.yaml",
            names.join(" and ")
        ),
    )
}

/// Every recipient identity `doc` names, in the order the specs list them.
pub fn identities(doc: &Value) -> Vec<Identity> {
    let mut out = Vec::new();
    let subjects: Vec<&Value> = match doc.get("credentialSubject") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    for subject in subjects {
        if let Some(id) = subject.get("id").and_then(Value::as_str) {
            let (kind, value) = classify(id);
            out.push(Identity {
                kind,
                value,
                hashed: false,
                salt: String::new(),
            });
        }
        let identifiers: Vec<&Value> = match subject.get("identifier") {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(v) => vec![v],
            None => Vec::new(),
        };
        for entry in identifiers {
            let ty = entry
                .get("identityType")
                .and_then(Value::as_str)
                .unwrap_or("");
            if let Some(value) = entry.get("identityHash").and_then(Value::as_str) {
                out.push(with_hash_fields(kind_of_type(ty), value, entry));
            }
        }
        if let Some(email) = subject.get("email").and_then(Value::as_str) {
            out.push(Identity {
                kind: Kind::Email,
                value: email.to_string(),
                hashed: false,
                salt: String::new(),
            });
        }
    }
    // Open Badges 2.0: `recipient` with a type (email by default).
    if let Some(r) = doc.get("recipient")
        && let Some(identity) = r.get("identity").and_then(Value::as_str)
    {
        let ty = r.get("type").and_then(Value::as_str).unwrap_or("email");
        let mut id = with_hash_fields(kind_of_type(ty), identity, r);
        if !id.hashed && id.kind != Kind::Other {
            id.value = classify(identity).1;
        }
        out.push(id);
    }
    out
}

/// OB 3.0 `identityType` and OB 2.0 `recipient.type` names.
fn kind_of_type(ty: &str) -> Kind {
    match ty {
        "emailAddress" | "email" => Kind::Email,
        "url" => Kind::Url,
        "did" => Kind::Did,
        "telephone" | "phone" | "phoneNumber" => Kind::Phone,
        _ => Kind::Other,
    }
}

/// OB 2.0 recipients and OB 3.0 identity objects name `hashed` and `salt` alike.
fn with_hash_fields(kind: Kind, value: &str, entry: &Value) -> Identity {
    Identity {
        kind,
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn owner(ids: &[&str]) -> Owner {
        Owner::parse(ids.iter().copied()).unwrap()
    }

    fn sha(text: &str) -> String {
        format!("sha256${}", crate::hex(&Sha256::digest(text.as_bytes())))
    }

    fn hashed(email: &str, salt: &str) -> Value {
        json!({"credentialSubject": {"identifier": [{
            "type": "IdentityObject", "identityType": "emailAddress", "hashed": true,
            "identityHash": sha(&format!("{email}{salt}")), "salt": salt
        }]}})
    }

    #[track_caller]
    fn expect(doc: &Value, ids: &[&str], outcome: Outcome) {
        let (got, detail) = check(doc, &owner(ids));
        assert_eq!(got, outcome, "{detail}");
    }

    #[test]
    fn open_badges_2_recipients() {
        let doc = json!({"recipient": {"type": "email", "hashed": true, "salt": "salty",
            "identity": sha("ada@example.orgsalty")}});
        expect(&doc, &["ada@example.org"], Outcome::Pass);
        expect(&doc, &["eve@example.org"], Outcome::Fail);
        let md5 = crate::hex(&Md5::digest(b"ada@example.org"));
        let doc = json!({"recipient": {"type": "email", "hashed": true, "identity": format!("md5${md5}")}});
        expect(&doc, &["ada@example.org"], Outcome::Pass);
        let plain =
            json!({"recipient": {"type": "email", "hashed": false, "identity": "ada@example.org"}});
        expect(&plain, &["ADA@Example.ORG"], Outcome::Pass);
        let url = json!({"recipient": {"type": "url", "hashed": false, "identity": "https://ada.example/"}});
        expect(&url, &["https://ada.example"], Outcome::Pass);
        expect(&url, &["ada@example.org"], Outcome::Skipped);
        expect(&url, &["https://eve.example"], Outcome::Fail);
        let tel = json!({"recipient": {"type": "telephone", "hashed": true, "identity": sha("+441234567890")}});
        expect(&tel, &["tel:+441234567890"], Outcome::Pass);
    }

    #[test]
    fn hashed_match_and_mismatch() {
        let doc = hashed("ada@example.org", "pepper");
        expect(&doc, &["ada@example.org"], Outcome::Pass);
        // Issuers lowercase before hashing; the owner may write capitals.
        expect(&doc, &["Ada@Example.org"], Outcome::Pass);
        expect(&doc, &["eve@example.org"], Outcome::Fail);
        expect(&doc, &[], Outcome::Skipped);
    }

    #[test]
    fn email_rules() {
        assert!(same_email("ada@EXAMPLE.org", "ada@example.org"));
        assert!(same_email("Ada@example.org", "ada@example.org"));
        assert!(!same_email("ada+badges@example.org", "ada@example.org"));
        assert!(!same_email("a.da@example.org", "ada@example.org"));
        assert!(!same_email("ada@example.org", "ada@example.org.evil"));
    }

    #[test]
    fn subject_ids() {
        let mailto = json!({"credentialSubject": {"id": "mailto:bob@example.org"}});
        expect(&mailto, &["ada@example.org"], Outcome::Fail);
        expect(&mailto, &["mailto:bob@example.org"], Outcome::Pass);
        let did = json!({"credentialSubject": {"id": "did:key:z6MkEve"}});
        // A DID the owner has not listed: not confirmed, not failed.
        expect(&did, &["ada@example.org"], Outcome::Skipped);
        expect(&did, &["ada@example.org", "did:key:z6MkAda"], Outcome::Fail);
        expect(&did, &["did:key:z6MkEve"], Outcome::Pass);
        let nobody = json!({"credentialSubject": {"achievement": {}}});
        expect(&nobody, &["ada@example.org"], Outcome::Skipped);
        // An identity matching one form wins over another form that does not.
        let both = json!({"credentialSubject": {"id": "did:key:z6MkX", "identifier": [{
            "identityType": "emailAddress", "hashed": false, "identityHash": "ada@example.org"}]}});
        expect(&both, &["ada@example.org"], Outcome::Pass);
    }

    #[test]
    fn owner_identities_are_classified() {
        assert!(Owner::parse(["student 42"]).is_err());
        let o = owner(&[
            "mailto:ada@example.org",
            "did:web:ada.example",
            "https://ada.example",
        ]);
        assert_eq!(o.of(Kind::Email).collect::<Vec<_>>(), ["ada@example.org"]);
        assert_eq!(o.of(Kind::Did).count(), 1);
        assert_eq!(o.of(Kind::Url).count(), 1);
    }
}
