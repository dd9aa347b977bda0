//! Verifiable Presentations: what wallets export (the DCC Learner Credential Wallet
//! among them) is a presentation wrapping one or more credentials, sometimes signed
//! by the holder. Each credential inside is a badge of its own, verified by the
//! normal rules; the presentation's own proof, when there is one, is checked too:
//! it must verify, be made for `authentication`, and by a key the `holder` controls.
//!
//! The credentials carry their own proofs and are judged on them alone: a holder
//! proof that does not verify (the file was changed after the holder signed it, or
//! it is for `assertionMethod`, as LearnCard signs) only binds them to no holder,
//! and is reported; it never turns a genuine credential into a failed one. A
//! `challenge` in the proof answers a verifier's request that folio never made, so
//! it is reported, not required. A `domain` matters: a presentation the recipient
//! signed for the site's own origin proves the recipient is the site's author
//! (`recipient::check_presented`); bound to another domain it proves nothing here.

use serde_json::Value;

use super::proof::{self, Sig};
use super::read::type_names;
use super::recipient::Presented;
use super::{Input, Options};

/// The presentation and the credentials it carries, as bytes `verify` can read.
pub struct Presentation {
    pub doc: Value,
    pub credentials: Vec<Vec<u8>>,
    /// Presented as a JWT (`vp` claim, `vp+jwt`): the holder's proof is the token's
    /// signature, not a Data Integrity proof.
    pub jwt: bool,
}

/// `Some` when `bytes` are a Verifiable Presentation: JSON, a JWT with a `vp` claim
/// (OpenID for Verifiable Presentations), or an `EnvelopedVerifiablePresentation`
/// whose `id` is a `data:application/vp+jwt,` URL (VC-JOSE-COSE).
pub fn read(bytes: &[u8]) -> Option<Result<Presentation, String>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.len() > super::read::MAX_FILE_BYTES {
        return None;
    }
    if super::jws::looks_like(text) {
        return from_jwt(text);
    }
    if !text.starts_with('{') {
        return None;
    }
    let doc: Value = serde_json::from_str(text).ok()?;
    let types = type_names(doc.get("type"));
    if types.iter().any(|t| t == "EnvelopedVerifiablePresentation") {
        let token = doc
            .get("id")
            .and_then(Value::as_str)
            .and_then(|id| data_url_token(id, "vp"))?;
        return from_jwt(&token);
    }
    if !types.iter().any(|t| t == "VerifiablePresentation") {
        return None;
    }
    Some(with_credentials(doc, false))
}

/// A presentation JWT's `vp` claim as a presentation (`holder` from `iss` when it
/// names none); `None` for a token that is not a presentation.
fn from_jwt(token: &str) -> Option<Result<Presentation, String>> {
    let parsed = super::jws::parse(token).ok()?;
    let mut vp = parsed.payload.get("vp")?.clone();
    if !vp.is_object() {
        return Some(Err("the token's `vp` claim is not an object".into()));
    }
    if vp.get("holder").is_none()
        && let Some(iss) = parsed.payload.get("iss")
    {
        vp["holder"] = iss.clone();
    }
    Some(with_credentials(vp, true))
}

/// The JWT in a `data:application/vc+jwt,` (or `vp+jwt`, `vc+sd-jwt`) URL.
fn data_url_token(id: &str, kind: &str) -> Option<String> {
    let rest = id.strip_prefix("data:application/")?;
    let (media, token) = rest.split_once(',')?;
    let media = media.split(';').next()?;
    (media.starts_with(kind) && media.contains("jwt")).then(|| token.trim().to_string())
}

fn with_credentials(doc: Value, jwt: bool) -> Result<Presentation, String> {
    let items: Vec<&Value> = match doc.get("verifiableCredential") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(v) => vec![v],
    };
    if items.is_empty() {
        return Err(
            "the Verifiable Presentation carries no credential (`verifiableCredential` is empty)"
                .into(),
        );
    }
    let credentials = items
        .into_iter()
        .map(|item| match item {
            // A JWT-secured credential inside a presentation is its token; an
            // enveloped one carries it in a data: URL.
            Value::String(token) => token.as_bytes().to_vec(),
            other
                if type_names(other.get("type"))
                    .iter()
                    .any(|t| t == "EnvelopedVerifiableCredential") =>
            {
                other
                    .get("id")
                    .and_then(Value::as_str)
                    .and_then(|id| data_url_token(id, "vc"))
                    .map(String::into_bytes)
                    .unwrap_or_default()
            }
            other => serde_json::to_vec_pretty(other).unwrap_or_default(),
        })
        .collect();
    Ok(Presentation {
        doc,
        credentials,
        jwt,
    })
}

/// A holder proof that verified: what to say, and what it binds.
pub struct Signed {
    /// Names the key (and any request it answers).
    pub note: String,
    /// The holder, the domains and the time, when the proof names its holder.
    pub presented: Option<Presented>,
}

/// What the presentation's own proof says about the credentials it carries.
pub enum Holder {
    /// No proof: an unsigned wrapper.
    Unsigned,
    /// Signed by the holder for authentication.
    Signed(Signed),
    /// The proof could not be checked (an unsupported suite, a key not available).
    Unchecked(String),
    /// The proof does not verify, or was not made by the holder for authentication:
    /// reported, binding nothing.
    Broken(String),
}

/// Checks the presentation's proof (the first one, if a set is given: wallets sign
/// once).
pub fn holder(p: &Presentation, opts: &Options, inputs: &mut Vec<Input>) -> Holder {
    if p.jwt {
        return Holder::Unchecked(
            "it was presented as a JWT, whose holder signature folio does not check (it binds the credentials to no holder here)".into(),
        );
    }
    if p.doc.get("proof").is_none_or(Value::is_null) {
        return Holder::Unsigned;
    }
    let proofs = proof::verify_all(&p.doc, opts, inputs);
    if let Some(Err(problem)) = proofs.unsafe_terms() {
        return Holder::Broken(format!("the presentation uses undefined terms: {problem}"));
    }
    let Some(report) = proofs.reports.first() else {
        return Holder::Unsigned;
    };
    match &report.sig {
        Sig::Invalid(why) => return Holder::Broken(format!("its proof does not verify: {why}")),
        Sig::Unchecked(why) => return Holder::Unchecked(why.clone()),
        Sig::Valid(_) => {}
    }
    let method = report.method.as_deref().unwrap_or("(none)");
    if report.purpose.as_deref() != Some("authentication") {
        return Holder::Broken(format!(
            "its proof purpose is {}, not authentication",
            report.purpose.as_deref().unwrap_or("missing")
        ));
    }
    let holder = match p.doc.get("holder") {
        Some(Value::String(h)) => Some(h.as_str()),
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str),
        _ => None,
    };
    let key = match &report.key {
        Ok(key) if key.authenticated => key,
        Ok(key) => return Holder::Unchecked(key.source.clone()),
        Err(super::keys::KeyError::Invalid(why) | super::keys::KeyError::Unresolvable(why)) => {
            return Holder::Unchecked(why.clone());
        }
    };
    if let Some(holder) = holder
        && !key.controlled_by(Some(holder))
    {
        return Holder::Broken(format!(
            "it is signed with {method}, which belongs to {}, not to its holder {holder}",
            key.controller.as_deref().unwrap_or("nobody named")
        ));
    }
    // Only the holder DID's authentication key binds the presentation to its
    // subject; another key it controls (an assertion key) signs for it, not as it.
    let authenticates = match holder {
        Some(h) => super::keys::authenticates(h, method, opts).unwrap_or(false),
        None => false,
    };
    let proof = first_proof(&p.doc);
    let domains = texts(proof.and_then(|p| p.get("domain")));
    let created = proof
        .and_then(|p| p.get("created"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut bound = Vec::new();
    if !domains.is_empty() {
        bound.push(format!("bound to {}", domains.join(", ")));
    }
    if let Some(challenge) = texts(proof.and_then(|p| p.get("challenge"))).first() {
        bound.push(format!("challenge {challenge}"));
    }
    let bound = if bound.is_empty() {
        String::new()
    } else {
        format!(" ({})", bound.join(", "))
    };
    Holder::Signed(Signed {
        note: format!(
            "signed by its holder{} with {method}{bound}",
            holder.map(|h| format!(" {h}")).unwrap_or_default()
        ),
        presented: holder.filter(|_| authenticates).map(|h| Presented {
            holder: h.to_string(),
            domains,
            created,
        }),
    })
}

/// The presentation's proof (the first of a set).
fn first_proof(doc: &Value) -> Option<&Value> {
    match doc.get("proof")? {
        Value::Array(items) => items.first(),
        one => Some(one),
    }
}

/// A string or an array of strings (a proof's `domain` may be either).
fn texts(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}
