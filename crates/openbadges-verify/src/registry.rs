//! Issuer registries: lists of issuers that someone (the Digital Credentials
//! Consortium, Credential Engine, a career service) vouches for, so a recruiter can
//! recognise an issuer the learner never wrote into `badges.trust`.
//!
//! Two kinds, as the DCC's known-registries list names them:
//! - `dcc-legacy`: one JSON document `{meta, registry: {"<DID>": {name, location,
//!   url}}}`, fetched once per build.
//! - `oidf`: an OpenID Federation trust anchor. Its entity configuration (a JWT it
//!   signs with its own keys, which `folio.lock` pins on first use) names a
//!   `federation_fetch_endpoint`; `?sub=<DID>` answers with a subordinate statement
//!   the anchor signs (`organization_name`, `homepage_uri`, …), 404 when the DID is
//!   not listed. Every signature is checked against the anchor's pinned keys, with
//!   `exp` honoured and `sub` matched — DCC's own client does neither.
//!
//! A registry that cannot be consulted (down, offline, a refused answer) makes the
//! issuer "unchecked", never "listed": a stale copy in the cache is only reported.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::documents::{Documents, Provenance};
use super::jws;
use super::keys::{PublicKey, jwk_key};

/// The kind of a registry (`type:` in folio.yaml and in the DCC list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Legacy,
    Oidf,
}

/// A registry as configured: `{ name, type, url, governance_url? }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub name: String,
    pub kind: Kind,
    /// The registry document (legacy) or the trust anchor's entity configuration.
    pub url: String,
    pub governance_url: Option<String>,
}

/// What a registry says about an issuer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    pub name: Option<String>,
    pub url: Option<String>,
    pub location: Option<String>,
}

/// The longest name, address or place a registry entry may give: a registry's
/// words are shown on every card of the issuer's badges, and nobody's name is longer.
pub const MAX_ENTRY_TEXT: usize = 300;

/// A registry's text when it is a string of at most [`MAX_ENTRY_TEXT`] characters;
/// anything longer (a 3 MB "organization name") is not shown at all.
fn bounded_text(v: Option<&Value>) -> Option<String> {
    let text = v?.as_str()?;
    (text.chars().count() <= MAX_ENTRY_TEXT).then(|| text.to_string())
}

/// The answer of one registry for one issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Listed(Entry),
    NotListed,
    /// The registry could not be consulted, or its answer was refused: why.
    Unchecked(String),
}

/// A registry ready for lookups.
#[derive(Debug, Clone)]
pub struct Registry {
    pub name: String,
    pub governance_url: Option<String>,
    state: State,
    /// Set when a lookup found the registry unreachable (a timeout, a refused
    /// connection): later lookups in this run do not wait for it again.
    down: std::sync::Arc<std::sync::Mutex<Option<String>>>,
}

#[derive(Debug, Clone)]
enum State {
    Legacy(BTreeMap<String, Entry>),
    Oidf {
        entity_id: String,
        keys: Vec<PublicKey>,
        fetch_endpoint: String,
    },
    /// Could not be consulted at all this run: why.
    Unavailable(String),
}

/// A trust anchor's key set, as `folio.lock` pins it: `sha256:` of the JCS form of
/// its `jwks.keys`.
pub type Pins = BTreeMap<String, String>;

/// Why preparing the registries must stop the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinError {
    /// The anchor's keys differ from the pinned ones.
    Changed {
        url: String,
        pinned: String,
        now: String,
    },
}

/// Reads every registry once: legacy documents are fetched, trust anchors' entity
/// configurations fetched, self-verified and held to `pins` (a missing pin is added;
/// a different one is an error). Anything else that goes wrong leaves that registry
/// unavailable, so its issuers are unchecked.
pub fn prepare(
    specs: &[Spec],
    documents: &Documents,
    pins: &mut Pins,
    now: DateTime<Utc>,
) -> Result<Vec<Registry>, PinError> {
    let mut out = Vec::new();
    for spec in specs {
        let state = match spec.kind {
            Kind::Legacy => legacy(spec, documents),
            Kind::Oidf => anchor(spec, documents, pins, now)?,
        };
        out.push(Registry {
            name: spec.name.clone(),
            governance_url: spec.governance_url.clone(),
            state,
            down: Default::default(),
        });
    }
    Ok(out)
}

/// A fresh copy of `url`, or why there is none: a cached copy is not good enough to
/// call an issuer listed.
fn fresh(documents: &Documents, url: &str) -> Result<Vec<u8>, String> {
    match documents.get_with_provenance(url)? {
        (bytes, Provenance::Fetched | Provenance::Supplied) => Ok(bytes),
        (_, Provenance::Cached { fetched, why }) => Err(format!(
            "{why} (a copy fetched {} is in the cache, but a registry is only believed fresh)",
            fetched.format("%Y-%m-%d")
        )),
    }
}

fn legacy(spec: &Spec, documents: &Documents) -> State {
    let doc = match fresh(documents, &spec.url).and_then(|b| {
        serde_json::from_slice::<Value>(&b).map_err(|_| format!("{} is not JSON", spec.url))
    }) {
        Ok(doc) => doc,
        Err(why) => return State::Unavailable(why),
    };
    let Some(map) = doc.get("registry").and_then(Value::as_object) else {
        return State::Unavailable(format!(
            "{} is not a DCC registry (no `registry` object)",
            spec.url
        ));
    };
    let text = |v: &Value, k: &str| bounded_text(v.get(k));
    State::Legacy(
        map.iter()
            .map(|(did, v)| {
                (
                    did.clone(),
                    Entry {
                        name: text(v, "name"),
                        url: text(v, "url"),
                        location: text(v, "location"),
                    },
                )
            })
            .collect(),
    )
}

/// The pin of a key set.
pub fn pin_of(keys: &Value) -> String {
    let canonical = serde_json_canonicalizer::to_string(keys).unwrap_or_default();
    format!(
        "sha256:{}",
        super::hex(&Sha256::digest(canonical.as_bytes()))
    )
}

/// Fetches and checks a trust anchor's entity configuration; returns its state, or
/// the pin error that must stop the build.
fn anchor(
    spec: &Spec,
    documents: &Documents,
    pins: &mut Pins,
    now: DateTime<Utc>,
) -> Result<State, PinError> {
    let configuration = match entity_configuration(spec, documents, now) {
        Ok(c) => c,
        Err(why) => return Ok(State::Unavailable(why)),
    };
    let pin = pin_of(&configuration.jwks);
    match pins.get(&spec.url) {
        Some(pinned) if *pinned != pin => {
            return Err(PinError::Changed {
                url: spec.url.clone(),
                pinned: pinned.clone(),
                now: pin,
            });
        }
        Some(_) => {}
        None => {
            pins.insert(spec.url.clone(), pin);
        }
    }
    Ok(State::Oidf {
        entity_id: configuration.entity_id,
        keys: configuration.keys,
        fetch_endpoint: configuration.fetch_endpoint,
    })
}

/// A trust anchor's entity configuration, checked: self-signed with one of its own
/// keys, `iss` = `sub`, not expired, with a fetch endpoint.
pub struct Configuration {
    pub entity_id: String,
    pub jwks: Value,
    keys: Vec<PublicKey>,
    fetch_endpoint: String,
}

pub fn entity_configuration(
    spec: &Spec,
    documents: &Documents,
    now: DateTime<Utc>,
) -> Result<Configuration, String> {
    let url = &spec.url;
    let bytes = fresh(documents, url)?;
    let text = String::from_utf8_lossy(&bytes);
    let token = jws::parse(text.trim())
        .map_err(|e| format!("the trust anchor's entity configuration {url} is not a JWT: {e}"))?;
    let p = &token.payload;
    let iss = p.get("iss").and_then(Value::as_str).unwrap_or("");
    if iss.is_empty() || p.get("sub").and_then(Value::as_str) != Some(iss) {
        return Err(format!(
            "refused: the entity configuration {url} is not self-issued (`iss` and `sub` differ)"
        ));
    }
    let jwks = p
        .get("jwks")
        .and_then(|j| j.get("keys"))
        .cloned()
        .ok_or_else(|| format!("refused: the entity configuration {url} has no `jwks`"))?;
    let keys: Vec<PublicKey> = jwks
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|k| jwk_key(k).ok())
        .collect();
    signed_by(&token, &keys, "the entity configuration", url)?;
    not_expired(p, now, "the entity configuration", url)?;
    let fetch_endpoint = p
        .pointer("/metadata/federation_entity/federation_fetch_endpoint")
        .and_then(Value::as_str)
        .filter(|e| e.starts_with("https://") || e.starts_with("http://"))
        .ok_or_else(|| {
            format!("refused: the entity configuration {url} names no federation_fetch_endpoint")
        })?
        .to_string();
    Ok(Configuration {
        entity_id: iss.to_string(),
        jwks,
        keys,
        fetch_endpoint,
    })
}

/// The token's signature verifies with one of `keys` (its `kid`'s, when given).
fn signed_by(token: &jws::Jws, keys: &[PublicKey], what: &str, url: &str) -> Result<(), String> {
    if let Some(why) = jws::unsupported(token.alg()) {
        return Err(format!("refused: {what} {url}: {why}"));
    }
    if keys.iter().any(|k| jws::verify(token, k).is_ok()) {
        Ok(())
    } else {
        Err(format!(
            "refused: the signature of {what} {url} does not verify with the trust anchor's keys"
        ))
    }
}

fn not_expired(p: &Value, now: DateTime<Utc>, what: &str, url: &str) -> Result<(), String> {
    match p.get("exp").and_then(Value::as_i64) {
        Some(exp) if exp > now.timestamp() => Ok(()),
        Some(exp) => Err(format!(
            "refused: {what} {url} expired on {}",
            DateTime::from_timestamp(exp, 0).map_or(exp.to_string(), |t| t.to_rfc3339())
        )),
        None => Err(format!("refused: {what} {url} has no `exp`")),
    }
}

impl Registry {
    /// A registry that could not even be found (a `known:` list that did not load).
    pub fn unavailable(name: &str, why: &str) -> Registry {
        Registry {
            name: name.to_string(),
            governance_url: None,
            state: State::Unavailable(why.to_string()),
            down: Default::default(),
        }
    }

    /// Every name this registry lists, for the impersonation rule (only what is
    /// known without asking: a legacy registry's whole list).
    pub fn names(&self) -> Vec<(&str, &str)> {
        match &self.state {
            State::Legacy(map) => map
                .iter()
                .filter_map(|(did, e)| Some((did.as_str(), e.name.as_deref()?)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// What this registry says about `did`.
    pub fn lookup(&self, did: &str, documents: &Documents, now: DateTime<Utc>) -> Lookup {
        match &self.state {
            State::Unavailable(why) => Lookup::Unchecked(why.clone()),
            State::Legacy(map) => match map.get(did) {
                Some(e) => Lookup::Listed(e.clone()),
                None => Lookup::NotListed,
            },
            State::Oidf {
                entity_id,
                keys,
                fetch_endpoint,
            } => {
                let sep = if fetch_endpoint.contains('?') {
                    '&'
                } else {
                    '?'
                };
                let url = format!(
                    "{fetch_endpoint}{sep}sub={}",
                    crate::url::percent_encode(did)
                );
                let down = self.down.lock().unwrap_or_else(|e| e.into_inner()).clone();
                if let Some(why) = down {
                    return Lookup::Unchecked(format!(
                        "{why} (the registry was marked down for the rest of this run)"
                    ));
                }
                match subordinate(&url, did, entity_id, keys, documents, now) {
                    Ok(Some(e)) => Lookup::Listed(e),
                    Ok(None) => Lookup::NotListed,
                    Err(Refusal::Statement(why)) => Lookup::Unchecked(why),
                    Err(Refusal::Unreachable(why)) => {
                        // A registry that does not answer one issuer in time will
                        // not answer the next: one wait a build, not one a badge.
                        *self.down.lock().unwrap_or_else(|e| e.into_inner()) = Some(why.clone());
                        Lookup::Unchecked(why)
                    }
                }
            }
        }
    }
}

/// Why a registry did not say whether it lists an issuer.
enum Refusal {
    /// It could not be reached (nothing fresh came back).
    Unreachable(String),
    /// Its answer about this issuer was refused (a bad signature, another subject).
    Statement(String),
}

impl From<String> for Refusal {
    fn from(why: String) -> Refusal {
        Refusal::Statement(why)
    }
}

/// The anchor's statement about `did`: `Ok(None)` when it answers 404 (not listed).
fn subordinate(
    url: &str,
    did: &str,
    anchor: &str,
    keys: &[PublicKey],
    documents: &Documents,
    now: DateTime<Utc>,
) -> Result<Option<Entry>, Refusal> {
    let bytes = match fresh(documents, url) {
        Ok(b) => b,
        Err(why) if why.contains("answered HTTP 404") => return Ok(None),
        Err(why) => return Err(Refusal::Unreachable(why)),
    };
    let text = String::from_utf8_lossy(&bytes);
    let token = jws::parse(text.trim())
        .map_err(|e| format!("refused: the registry's answer {url} is not a JWT: {e}"))?;
    signed_by(&token, keys, "the statement", url)?;
    let p = &token.payload;
    if p.get("iss").and_then(Value::as_str) != Some(anchor) {
        return Err(format!(
            "refused: the statement {url} is not issued by the trust anchor {anchor}"
        )
        .into());
    }
    if p.get("sub").and_then(Value::as_str) != Some(did) {
        return Err(format!(
            "refused: the statement {url} is about {}, not {did}",
            p.get("sub").and_then(Value::as_str).unwrap_or("nobody")
        )
        .into());
    }
    not_expired(p, now, "the statement", url)?;
    let entity = p
        .pointer("/metadata/federation_entity")
        .cloned()
        .unwrap_or(Value::Null);
    let text = |k: &str| bounded_text(entity.get(k));
    Ok(Some(Entry {
        name: text("organization_name"),
        url: text("homepage_uri"),
        location: text("location"),
    }))
}

/// The DCC known-registries list (`known-did-registries.json`): each entry's `name`,
/// `type`, `governanceUrl`, and `url` (legacy) or `trustAnchorEC` (OpenID Federation).
pub fn known_list(doc: &Value) -> Result<Vec<Spec>, String> {
    let items = doc
        .as_array()
        .or_else(|| doc.get("registries").and_then(Value::as_array))
        .ok_or("the known-registries list is not a JSON array")?;
    let mut out = Vec::new();
    for item in items {
        let text = |k: &str| item.get(k).and_then(Value::as_str).map(str::to_string);
        let name = text("name").unwrap_or_else(|| "an unnamed registry".into());
        let (kind, url) = match text("type").as_deref() {
            Some("oidf") => (Kind::Oidf, text("trustAnchorEC")),
            Some("dcc-legacy") => (Kind::Legacy, text("url")),
            _ => continue,
        };
        let Some(url) = url else { continue };
        out.push(Spec {
            name,
            kind,
            url,
            governance_url: text("governanceUrl"),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn overlong_entry_text_is_not_taken() {
        let long = "A".repeat(MAX_ENTRY_TEXT + 1);
        assert_eq!(bounded_text(Some(&Value::String(long))), None);
        assert_eq!(
            bounded_text(Some(&Value::String("Example University".into()))).as_deref(),
            Some("Example University")
        );
        assert_eq!(bounded_text(Some(&serde_json::json!(7))), None);
    }

    #[test]
    fn the_known_list_gives_both_kinds() {
        let list = json!([
            {"name": "DCC Member Registry", "type": "oidf", "trustAnchorEC": "https://a.example/.well-known/openid-federation", "governanceUrl": "https://g.example"},
            {"name": "DCC Sandbox", "type": "dcc-legacy", "url": "https://s.example/registry.json"},
            {"name": "Something else", "type": "ebsi", "url": "https://x.example"}
        ]);
        let specs = known_list(&list).unwrap();
        assert_eq!(specs.len(), 2);
        assert_eq!(specs[0].kind, Kind::Oidf);
        assert_eq!(
            specs[0].governance_url.as_deref(),
            Some("https://g.example")
        );
        assert_eq!(specs[1].kind, Kind::Legacy);
        assert!(known_list(&json!({"x": 1})).is_err());
    }

    #[test]
    fn pins_do_not_depend_on_key_order_within_a_key() {
        let a = json!([{"kty": "OKP", "crv": "Ed25519", "x": "abc"}]);
        let b = json!([{"x": "abc", "crv": "Ed25519", "kty": "OKP"}]);
        assert_eq!(pin_of(&a), pin_of(&b));
        assert_ne!(
            pin_of(&a),
            pin_of(&json!([{"kty": "OKP", "crv": "Ed25519", "x": "abd"}]))
        );
    }
}
