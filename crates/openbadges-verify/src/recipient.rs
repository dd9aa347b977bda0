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
//! A pass is one of two things, and the verdict says which ([`Binding`]): **proven**,
//! when the recipient DID's own key signed a presentation of the credential bound to
//! the site (`Options::site_origin`), or **claimed**, when the recipient matches an
//! identity the owner lists. The owner's list is only their word: anyone can write
//! another person's address or DID there, so a claimed recipient is never reported
//! as proven, and a reader can check an email for themselves.
//!
//! Email addresses: the domain is compared case-insensitively (RFC 5321 §2.4); the
//! local part is compared case-insensitively too, because every common mail provider
//! treats it so and issuers often lowercase an address before hashing it. Nothing else
//! is normalised: dots and `+tags` make a different address.

use md5::Md5;
use serde_json::Value;
use sha2::{Digest, Sha256, Sha512};

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
    /// The kind's name in reports (`email address`).
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Email => "email address",
            Kind::Url => "URL",
            Kind::Did => "DID",
            Kind::Phone => "telephone number",
            Kind::Other => "identifier",
        }
    }
}

/// How far the recipient is known to be the owner: what every output says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// The recipient DID's own key signed a presentation of the credential for this
    /// site's origin.
    Proven {
        holder: String,
        /// The domain the presentation was bound to (the site's origin).
        domain: String,
        /// When the holder signed it (the proof's `created`), as written.
        signed: Option<String>,
    },
    /// The recipient matches an identity the owner lists: the owner's claim.
    Claimed {
        kind: Kind,
        /// The credential holds the identity hashed (a reader can still check an
        /// address they were given against it).
        hashed: bool,
    },
    /// Someone else, or nobody the owner's identities could be compared with.
    Other,
}

impl Binding {
    /// `proven`, `claimed` or `other`, as receipts and themes name it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Binding::Proven { .. } => "proven",
            Binding::Claimed { .. } => "claimed",
            Binding::Other => "other",
        }
    }
}

/// Writes a binding as its name (`proven`, `claimed`, `other`).
pub fn serialize_binding<S: serde::Serializer>(
    binding: &Option<Binding>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match binding {
        Some(b) => serializer.serialize_str(b.as_str()),
        None => serializer.serialize_none(),
    }
}

/// A presentation of the credential that its holder signed for `authentication`
/// (checked by `presentation::holder`): who signed, for which domains, when.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presented {
    pub holder: String,
    pub domains: Vec<String>,
    pub created: Option<String>,
}

/// The origin of a site address (`https://ada.github.io/portfolio/` →
/// `https://ada.github.io`); `None` for a relative address.
pub fn origin_of(base_url: &str) -> Option<String> {
    let (scheme, rest) = base_url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    if host.is_empty() || host.contains('@') {
        return None;
    }
    let host = match (scheme.as_str(), host.rsplit_once(':')) {
        ("https", Some((h, "443"))) | ("http", Some((h, "80"))) => h.to_string(),
        _ => host,
    };
    Some(format!("{scheme}://{host}"))
}

/// Whether a presentation's `domain` names `origin`: the origin itself (with or
/// without a trailing slash), or for an `https` origin on the default port its bare
/// host name, as some wallets write it.
pub fn domain_matches(domain: &str, origin: &str) -> bool {
    let domain = domain.trim();
    if origin_of(domain)
        .is_some_and(|d| d == origin && domain.trim_end_matches('/').len() == d.len())
    {
        return true;
    }
    let bare = origin.strip_prefix("https://");
    bare.is_some_and(|host| domain.eq_ignore_ascii_case(host))
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

    /// `sha256$hex`, `sha512$hex` or `md5$hex` (OB 2.0 and 3.0 name these); a bare
    /// hex digest is read by its length. The owner's value is tried in the forms
    /// issuers hash ([`hash_candidates`]).
    fn matches_hash(&self, owner: &str) -> bool {
        let Some((alg, digest)) = self.digest() else {
            return false;
        };
        hash_candidates(self.kind, owner).iter().any(|c| {
            let input = format!("{c}{}", self.salt);
            let hash = match alg.as_str() {
                "sha256" => super::hex(&Sha256::digest(input.as_bytes())),
                "sha512" => super::hex(&Sha512::digest(input.as_bytes())),
                "md5" => super::hex(&Md5::digest(input.as_bytes())),
                _ => return false,
            };
            hash.eq_ignore_ascii_case(digest)
        })
    }

    /// The hash algorithm (lowercase) and hex digest of a hashed identity.
    pub fn digest(&self) -> Option<(String, &str)> {
        if !self.hashed {
            return None;
        }
        match self.value.split_once('$') {
            Some((alg, digest)) => Some((alg.to_ascii_lowercase(), digest)),
            None if self.value.len() == 128 => Some(("sha512".to_string(), self.value.as_str())),
            None if self.value.len() == 64 => Some(("sha256".to_string(), self.value.as_str())),
            None if self.value.len() == 32 => Some(("md5".to_string(), self.value.as_str())),
            None => None,
        }
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

/// The forms of an identity an issuer may have hashed, most likely first: as
/// written (trimmed); for an email also all lowercase (Badgr, Credly and most
/// issuers lowercase before hashing) and with only the domain lowercased; for a
/// URL with and without its trailing slash. `folio-check.js` tries the same forms
/// in the visitor's browser (keep the two in step).
pub fn hash_candidates(kind: Kind, value: &str) -> Vec<String> {
    let value = value.trim();
    let value = match kind {
        Kind::Email => strip_prefix_ci(value, "mailto:").unwrap_or(value),
        Kind::Phone => strip_prefix_ci(value, "tel:").unwrap_or(value),
        _ => value,
    };
    let mut out = vec![value.to_string()];
    let mut add = |c: String| {
        if !out.contains(&c) {
            out.push(c);
        }
    };
    match kind {
        Kind::Email => {
            add(value.to_lowercase());
            if let Some((local, domain)) = value.rsplit_once('@') {
                add(format!("{local}@{}", domain.to_lowercase()));
            }
        }
        Kind::Url => {
            add(value.trim_end_matches('/').to_string());
            add(format!("{}/", value.trim_end_matches('/')));
        }
        Kind::Phone => {
            let digits = digits(value);
            add(format!("+{digits}"));
            add(digits);
        }
        Kind::Did | Kind::Other => {}
    }
    out
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
    let (outcome, detail, _) = check_identities(&identities(doc), owner);
    (outcome, detail)
}

/// Compares the identities a credential names (as [`identities`] reads them) with
/// the owner's. A match is the owner's claim ([`Binding::Claimed`]), never proof.
/// The details speak of the recipient and the owner; what to configure is the
/// caller's to say (folio prints it in the terminal, never on a page).
pub fn check_identities(named: &[Identity], owner: &Owner) -> (Outcome, String, Binding) {
    if owner.is_empty() {
        return (
            Outcome::Skipped,
            "not checked: the owner has listed no identity to compare the recipient with".into(),
            Binding::Other,
        );
    }
    if named.is_empty() {
        return (
            Outcome::Skipped,
            "the credential does not name its recipient, so it cannot be confirmed as the owner's"
                .into(),
            Binding::Other,
        );
    }
    for identity in named {
        if owner.of(identity.kind).any(|o| identity.matches(o)) {
            let how = if identity.hashed {
                " (hashed in the credential)"
            } else {
                ""
            };
            return (
                Outcome::Pass,
                format!(
                    "claimed: issued to {} {} the owner gives as theirs{how}; that is the owner's claim, not proof",
                    article(identity.kind),
                    identity.kind.noun(),
                ),
                Binding::Claimed {
                    kind: identity.kind,
                    hashed: identity.hashed,
                },
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
                "issued to someone else: the credential names {}, which is not among the owner's identities",
                first.describe()
            ),
            Binding::Other,
        );
    }
    let names: Vec<String> = named.iter().map(Identity::describe).collect();
    (
        Outcome::Skipped,
        format!(
            "recipient not confirmed: the credential names {}, which is not among the owner's identities",
            names.join(" and ")
        ),
        Binding::Other,
    )
}

/// The recipient check when the credential came in a presentation its holder signed:
/// proven when the holder is the credential's recipient DID and the presentation is
/// bound to `origin`; otherwise the owner's identities decide, and the detail says
/// why the presentation proved nothing here.
pub fn check_presented(
    named: &[Identity],
    owner: &Owner,
    presented: &Presented,
    origin: Option<&str>,
) -> (Outcome, String, Binding) {
    let is_recipient = named
        .iter()
        .any(|i| i.kind == Kind::Did && !i.hashed && i.value == presented.holder);
    let bound = origin.and_then(|o| {
        presented
            .domains
            .iter()
            .any(|d| domain_matches(d, o))
            .then_some(o)
    });
    if is_recipient && let Some(origin) = bound {
        let when = presented
            .created
            .as_deref()
            .map_or(String::new(), |c| format!(" on {c}"));
        return (
            Outcome::Pass,
            format!(
                "proven: the recipient {} signed a presentation of it for {origin}{when}",
                presented.holder
            ),
            Binding::Proven {
                holder: presented.holder.clone(),
                domain: origin.to_string(),
                signed: presented.created.clone(),
            },
        );
    }
    let why = if !is_recipient {
        format!(
            "its presentation was signed by {}, not by the recipient",
            presented.holder
        )
    } else if presented.domains.is_empty() {
        "its presentation is not bound to a site (no domain), so it proves nothing here".to_string()
    } else {
        format!(
            "its presentation is bound to {}, not to this site{}, so it proves nothing here",
            presented.domains.join(", "),
            origin.map_or(String::new(), |o| format!(" ({o})"))
        )
    };
    let (outcome, detail, binding) = check_identities(named, owner);
    (outcome, format!("{detail}; {why}"), binding)
}

fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::Email | Kind::Other => "an",
        _ => "a",
    }
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
    fn a_listed_identity_is_a_claim_never_proof() {
        let did = json!({"credentialSubject": {"id": "did:key:z6MkEve"}});
        let (outcome, detail, binding) =
            check_identities(&identities(&did), &owner(&["did:key:z6MkEve"]));
        assert_eq!(outcome, Outcome::Pass);
        assert_eq!(binding.as_str(), "claimed");
        assert!(detail.starts_with("claimed:"), "{detail}");
        assert!(!detail.contains("folio.yaml") && !detail.contains("issued to the owner"));
    }

    #[test]
    fn a_presentation_bound_to_the_site_proves_the_recipient() {
        let doc = json!({"credentialSubject": {"id": "did:key:z6MkAda"}});
        let named = identities(&doc);
        let presented = |holder: &str, domain: &str| Presented {
            holder: holder.into(),
            domains: vec![domain.into()],
            created: Some("2026-12-01T10:00:00Z".into()),
        };
        let site = Some("https://ada.github.io");
        let nobody = Owner::default();
        let (o, detail, b) = check_presented(
            &named,
            &nobody,
            &presented("did:key:z6MkAda", "https://ada.github.io"),
            site,
        );
        assert_eq!((o, b.as_str()), (Outcome::Pass, "proven"), "{detail}");
        // The bare host, as some wallets write the domain.
        let (_, _, b) = check_presented(
            &named,
            &nobody,
            &presented("did:key:z6MkAda", "ada.github.io"),
            site,
        );
        assert_eq!(b.as_str(), "proven");
        // Bound to another site: proves nothing here.
        let (o, detail, b) = check_presented(
            &named,
            &nobody,
            &presented("did:key:z6MkAda", "https://eve.example"),
            site,
        );
        assert_eq!((o, b.as_str()), (Outcome::Skipped, "other"));
        assert!(detail.contains("bound to https://eve.example"), "{detail}");
        // Listed by the owner but bound elsewhere: a claim.
        let (_, _, b) = check_presented(
            &named,
            &owner(&["did:key:z6MkAda"]),
            &presented("did:key:z6MkAda", "https://ada.github.io.evil.example"),
            site,
        );
        assert_eq!(b.as_str(), "claimed");
        // Signed by someone who is not the recipient.
        let (o, _, _) = check_presented(
            &named,
            &nobody,
            &presented("did:key:z6MkEve", "https://ada.github.io"),
            site,
        );
        assert_eq!(o, Outcome::Skipped);
        // No site origin (a relative base_url): nothing can be bound.
        let (o, _, _) = check_presented(
            &named,
            &nobody,
            &presented("did:key:z6MkAda", "https://ada.github.io"),
            None,
        );
        assert_eq!(o, Outcome::Skipped);
    }

    #[test]
    fn origins_and_domains() {
        assert_eq!(
            origin_of("https://Ada.GitHub.io/portfolio/").as_deref(),
            Some("https://ada.github.io")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080/").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            origin_of("https://ada.example:443/").as_deref(),
            Some("https://ada.example")
        );
        assert_eq!(origin_of("/portfolio/"), None);
        assert_eq!(origin_of("https://user@ada.example/"), None);
        assert!(domain_matches(
            "https://ada.example/",
            "https://ada.example"
        ));
        assert!(domain_matches("ada.example", "https://ada.example"));
        assert!(!domain_matches(
            "https://ada.example/other",
            "https://ada.example"
        ));
        assert!(!domain_matches(
            "https://ada.example.evil",
            "https://ada.example"
        ));
        assert!(!domain_matches("ada.example", "http://ada.example"));
    }

    #[test]
    fn sha512_recipients() {
        let digest = crate::hex(&Sha512::digest(b"ada@example.orgsalt"));
        let doc = json!({"recipient": {"type": "email", "hashed": true, "salt": "salt",
            "identity": format!("sha512${digest}")}});
        expect(&doc, &["Ada@example.org"], Outcome::Pass);
        expect(&doc, &["eve@example.org"], Outcome::Fail);
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
