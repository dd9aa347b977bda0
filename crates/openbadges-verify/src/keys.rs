//! Resolving a proof's verification method to an Ed25519 public key, and deciding
//! whether that key speaks for the issuer.
//!
//! - `did:key`: the key is the identifier itself; its controller is the DID.
//! - `did:web`: the DID document, from the config's pinned keys or pre-fetched
//!   documents; the method must be listed under `assertionMethod`.
//! - A URL whose fragment is a key (`https://issuer.example#z6Mk…`): the key can check
//!   the signature, but nothing ties it to the issuer until the issuer's profile or the
//!   trust list vouches for it, so the key check is `skipped`.

use base64::Engine;
use serde_json::Value;

use super::{Input, Options};

/// Multicodec prefix of an Ed25519 public key in a multikey.
const ED25519_PUB: [u8; 2] = [0xed, 0x01];
/// Multicodec prefix of a compressed P-256 public key in a multikey.
const P256_PUB: [u8; 2] = [0x80, 0x24];
/// Multicodec `p384-pub` (0x1201) as a varint.
const P384_PUB: [u8; 2] = [0x81, 0x24];

/// A public key of a type folio can verify with.
#[derive(Debug, Clone)]
pub enum PublicKey {
    Ed25519([u8; 32]),
    Rsa(Box<rsa::RsaPublicKey>),
    P256(Box<p256::ecdsa::VerifyingKey>),
    P384(Box<p384::ecdsa::VerifyingKey>),
}

impl PublicKey {
    pub fn kind(&self) -> &'static str {
        match self {
            PublicKey::Ed25519(_) => "Ed25519",
            PublicKey::Rsa(_) => "RSA",
            PublicKey::P256(_) => "P-256",
            PublicKey::P384(_) => "P-384",
        }
    }

    /// Whether `other` is the same key.
    pub fn same_as(&self, other: &PublicKey) -> bool {
        self.kind() == other.kind() && self.fingerprint_bytes() == other.fingerprint_bytes()
    }

    /// Bytes that identify the key, for receipts.
    pub fn fingerprint_bytes(&self) -> Vec<u8> {
        match self {
            PublicKey::Ed25519(k) => k.to_vec(),
            PublicKey::Rsa(k) => {
                use rsa::traits::PublicKeyParts;
                let mut b = k.n().to_bytes_be();
                b.extend(k.e().to_bytes_be());
                b
            }
            PublicKey::P256(k) => k.to_encoded_point(true).as_bytes().to_vec(),
            PublicKey::P384(k) => k.to_encoded_point(true).as_bytes().to_vec(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ResolvedKey {
    pub key: PublicKey,
    /// Who controls the key, when that is established.
    pub controller: Option<String>,
    /// True when the controller is established (DID method, DID document, trust list).
    pub authenticated: bool,
    /// True when the controller lists the key as one that may assert credentials.
    pub may_assert: bool,
    /// How the key was found, for reports.
    pub source: String,
    /// The controller is an origin (`https://host`): a JWK set published there speaks
    /// for every issuer id at that origin.
    pub controls_origin: bool,
}

impl ResolvedKey {
    /// Whether `issuer` controls the key: it is the key's controller, or, for a key
    /// from a JWK set, lives at the controlling origin.
    pub fn controlled_by(&self, issuer: Option<&str>) -> bool {
        let (Some(controller), Some(issuer)) = (self.controller.as_deref(), issuer) else {
            return false;
        };
        controller == issuer || (self.controls_origin && origin(issuer) == controller)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// The key cannot be found here (offline, unsupported method). Not a failure.
    Unresolvable(String),
    /// The method is malformed or names something that is not an Ed25519 key.
    Invalid(String),
}

/// Decodes a multibase (base58btc) Ed25519 or P-256 multikey.
pub fn decode_any_multikey(text: &str) -> Result<PublicKey, String> {
    if let Ok(k) = decode_multikey(text) {
        return Ok(PublicKey::Ed25519(k));
    }
    let bytes = text
        .strip_prefix('z')
        .and_then(|b| bs58::decode(b).into_vec().ok())
        .ok_or_else(|| format!("`{text}` is not a base58btc multikey"))?;
    if let Some(point) = bytes.strip_prefix(&P384_PUB) {
        return p384::ecdsa::VerifyingKey::from_sec1_bytes(point)
            .map(|k| PublicKey::P384(Box::new(k)))
            .map_err(|_| format!("`{text}` is not a valid P-384 key"));
    }
    match bytes.strip_prefix(&P256_PUB) {
        Some(point) => p256::ecdsa::VerifyingKey::from_sec1_bytes(point)
            .map(|k| PublicKey::P256(Box::new(k)))
            .map_err(|_| format!("`{text}` is not a valid P-256 key")),
        None => Err(format!("`{text}` is not an Ed25519, P-256 or P-384 key")),
    }
}

/// Decodes a multibase (base58btc, `z…`) Ed25519 multikey.
pub fn decode_multikey(text: &str) -> Result<[u8; 32], String> {
    let body = text
        .strip_prefix('z')
        .ok_or_else(|| format!("`{text}` is not a base58btc multikey"))?;
    let bytes = bs58::decode(body)
        .into_vec()
        .map_err(|_| format!("`{text}` is not valid base58"))?;
    match bytes.strip_prefix(&ED25519_PUB) {
        Some(key) if key.len() == 32 => Ok(key.try_into().expect("length checked")),
        Some(_) => Err(format!("`{text}` has the wrong length for an Ed25519 key")),
        None => Err(format!("`{text}` is not an Ed25519 key")),
    }
}

/// Resolves `vm`, recording any document or pinned key used in `inputs`.
pub fn resolve(vm: &str, opts: &Options, inputs: &mut Vec<Input>) -> Result<ResolvedKey, KeyError> {
    let (base, fragment) = match vm.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (vm, None),
    };
    if let Some(id) = base.strip_prefix("did:key:") {
        if let Some(f) = fragment
            && f != id
        {
            return Err(KeyError::Invalid(format!(
                "did:key method `{vm}`: the fragment must repeat the key"
            )));
        }
        let key = decode_any_multikey(id).map_err(|e| {
            match id.starts_with("z6Mk") || id.starts_with("zDn") || id.starts_with("z82") {
                true => KeyError::Invalid(e),
                false => KeyError::Unresolvable(format!(
                    "{e}; did:key with Ed25519, P-256 and P-384 keys is supported"
                )),
            }
        })?;
        return Ok(ResolvedKey {
            key,
            controller: Some(base.to_string()),
            authenticated: true,
            may_assert: true,
            source: "did:key".into(),
            controls_origin: false,
        });
    }
    if let Some(pinned) = pinned(base, fragment, opts, inputs) {
        return Ok(pinned);
    }
    if base.starts_with("did:web:") {
        return resolve_did_web(vm, base, opts, inputs);
    }
    if base.starts_with("https://") || base.starts_with("http://") {
        // The issuer's profile (or a JWK set) at the URL vouches for its keys.
        let fetched = resolve_from_url(vm, base, fragment, opts, inputs);
        if let Some(result) = fetched {
            return result;
        }
    }
    if base.starts_with("https://") || base.starts_with("http://") || base.starts_with("urn:") {
        if let Some(f) = fragment
            && let Ok(key) = decode_any_multikey(f)
        {
            return Ok(ResolvedKey {
                key,
                controller: None,
                authenticated: false,
                may_assert: false,
                source: format!(
                    "key written in the method's URL fragment; {base} has not confirmed it"
                ),
                controls_origin: false,
            });
        }
        return Err(KeyError::Unresolvable(format!(
            "cannot fetch verification method {vm}"
        )));
    }
    Err(KeyError::Unresolvable(format!(
        "verification method `{vm}` uses an unsupported method"
    )))
}

/// A key listed by the document at `base`: an issuer profile or controller document
/// (`verificationMethod` / `assertionMethod`, controller = the document's `id`), or a
/// JWK set (`keys`, controlled by the URL's origin). `None` when the document cannot be
/// had, so the caller can fall back.
fn resolve_from_url(
    vm: &str,
    base: &str,
    fragment: Option<&str>,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Option<Result<ResolvedKey, KeyError>> {
    let bytes = opts.documents.get(base).ok()?;
    inputs.push(Input::new("key-document", base, &bytes));
    let doc: Value = match serde_json::from_slice(&bytes) {
        Ok(d) => d,
        Err(_) => return Some(Err(KeyError::Invalid(format!("{base} is not JSON")))),
    };
    if let Some(keys) = doc.get("keys").and_then(Value::as_array) {
        let kid = fragment.unwrap_or("");
        let jwk = keys.iter().find(|k| {
            k.get("kid")
                .and_then(Value::as_str)
                .is_some_and(|id| id == kid || id == vm)
        });
        return Some(match jwk {
            Some(jwk) => jwk_key(jwk)
                .map_err(KeyError::Invalid)
                .map(|key| ResolvedKey {
                    key,
                    controller: Some(origin(base).to_string()),
                    authenticated: true,
                    may_assert: true,
                    source: format!("JWK set {base}"),
                    controls_origin: true,
                }),
            None => Err(KeyError::Invalid(format!("{base} has no key `{kid}`"))),
        });
    }
    let id = doc.get("id").and_then(Value::as_str).unwrap_or(base);
    let listed = match listed_method(&doc, vm, id) {
        Ok(l) => l,
        Err(e) => return Some(Err(e)),
    };
    Some(Ok(ResolvedKey {
        key: listed.key,
        authenticated: listed.controller == id,
        controller: Some(listed.controller),
        // Profiles often list keys only under verificationMethod; an explicit
        // assertionMethod list, when present, is what decides.
        may_assert: listed.asserts.unwrap_or(true),
        source: format!("issuer document {base}"),
        controls_origin: false,
    }))
}

/// A verification method as a controller document (DID document, issuer profile)
/// lists it.
struct Listed {
    key: PublicKey,
    controller: String,
    /// Whether `assertionMethod` names it; `None` when the document has no such list.
    asserts: Option<bool>,
}

/// Finds `vm` (absolute, or `#fragment` relative to `id`) in `doc`.
fn listed_method(doc: &Value, vm: &str, id: &str) -> Result<Listed, KeyError> {
    let matches = |entry: &Value| {
        entry
            .as_str()
            .or_else(|| entry.get("id").and_then(Value::as_str))
            .is_some_and(|e| e == vm || (e.starts_with('#') && format!("{id}{e}") == vm))
    };
    let list = |name: &str| -> Vec<&Value> {
        doc.get(name)
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default()
    };
    let method = list("verificationMethod")
        .into_iter()
        .chain(list("assertionMethod"))
        .find(|e| e.is_object() && matches(e))
        .ok_or_else(|| KeyError::Invalid(format!("{id} does not list the key {vm}")))?;
    let assertion = list("assertionMethod");
    Ok(Listed {
        key: key_material(method).map_err(KeyError::Invalid)?,
        controller: method
            .get("controller")
            .and_then(Value::as_str)
            .unwrap_or(id)
            .to_string(),
        asserts: (!assertion.is_empty()).then(|| assertion.into_iter().any(matches)),
    })
}

/// `https://host:port` of a URL.
pub fn origin(url: &str) -> &str {
    let after = url.find("://").map_or(0, |i| i + 3);
    match url[after..].find('/') {
        Some(i) => &url[..after + i],
        None => url,
    }
}

/// A key the portfolio pinned for this issuer in `badges.trust`.
fn pinned(
    base: &str,
    fragment: Option<&str>,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Option<ResolvedKey> {
    let entry = opts.trust.iter().find(|t| t.id == base)?;
    let key_text = entry
        .keys
        .iter()
        .find(|k| fragment.is_none_or(|f| f == k.as_str()) || entry.keys.len() == 1)?;
    let key = decode_any_multikey(key_text).ok()?;
    inputs.push(Input::new(
        "pinned-key",
        format!("{base} {key_text}"),
        &key.fingerprint_bytes(),
    ));
    Some(ResolvedKey {
        key,
        controller: Some(base.to_string()),
        authenticated: true,
        may_assert: true,
        source: "key pinned in folio.yaml".into(),
        controls_origin: false,
    })
}

/// A key the issuer controls and allows to assert credentials, with its id.
#[derive(Debug, Clone)]
pub struct IssuerKey {
    pub id: String,
    pub key: ResolvedKey,
}

impl IssuerKey {
    /// A key the issuer's own document lists as one it asserts with.
    fn new(id: String, key: PublicKey, issuer: &str, source: &str) -> IssuerKey {
        IssuerKey {
            id,
            key: ResolvedKey {
                key,
                controller: Some(issuer.to_string()),
                authenticated: true,
                may_assert: true,
                source: source.to_string(),
                controls_origin: false,
            },
        }
    }
}

/// Every key `issuer` controls that may assert credentials, found the issuer's own
/// way (for a token that names no `kid`): a `did:key` is its key; a pinned trust
/// entry gives its keys; a `did:web` DID document lists them under `assertionMethod`;
/// an `https` issuer profile lists them (`assertionMethod`, else `verificationMethod`,
/// as objects with key material) or names a JWK set (`jwks_uri`), or is itself one.
pub fn issuer_keys(
    issuer: &str,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Result<Vec<IssuerKey>, KeyError> {
    if let Some(id) = issuer.strip_prefix("did:key:") {
        let vm = format!("{issuer}#{id}");
        let key = resolve(&vm, opts, inputs)?;
        return Ok(vec![IssuerKey { id: vm, key }]);
    }
    if let Some(entry) = opts.trust.iter().find(|t| t.id == issuer)
        && !entry.keys.is_empty()
    {
        return Ok(entry
            .keys
            .iter()
            .filter_map(|k| pinned(issuer, Some(k), opts, inputs).map(|key| (k, key)))
            .map(|(k, key)| IssuerKey {
                id: format!("{issuer}#{k}"),
                key,
            })
            .collect());
    }
    let (url, is_did) = if issuer.starts_with("did:web:") {
        let url = did_web_url(issuer)
            .ok_or_else(|| KeyError::Invalid(format!("`{issuer}` is not a valid did:web")))?;
        (url, true)
    } else if issuer.starts_with("https://") || issuer.starts_with("http://") {
        (issuer.to_string(), false)
    } else {
        return Err(KeyError::Unresolvable(format!(
            "the issuer `{issuer}` is neither a did:key, a did:web nor an https profile"
        )));
    };
    let bytes = opts.documents.get(&url).map_err(KeyError::Unresolvable)?;
    inputs.push(Input::new(
        if is_did {
            "did-document"
        } else {
            "key-document"
        },
        &url,
        &bytes,
    ));
    let doc: Value = serde_json::from_slice(&bytes)
        .map_err(|_| KeyError::Unresolvable(format!("{url} is not JSON")))?;
    let source = if is_did {
        format!("DID document {url}")
    } else {
        format!("issuer document {url}")
    };
    if doc.get("keys").is_some() {
        return Ok(jwk_set(&doc, &url, issuer, &source));
    }
    if doc.get("id").and_then(Value::as_str) != Some(issuer) {
        return Err(KeyError::Invalid(format!(
            "the document at {url} is not for {issuer}"
        )));
    }
    let mut found = listed_keys(&doc, issuer, &source, is_did);
    if let Some(jwks) = doc.get("jwks_uri").and_then(Value::as_str) {
        let bytes = opts.documents.get(jwks).map_err(KeyError::Unresolvable)?;
        inputs.push(Input::new("key-document", jwks, &bytes));
        let set: Value = serde_json::from_slice(&bytes)
            .map_err(|_| KeyError::Unresolvable(format!("{jwks} is not JSON")))?;
        found.extend(jwk_set(&set, jwks, issuer, &format!("JWK set {jwks}")));
    }
    Ok(found)
}

/// The keys an `https` SD-JWT VC issuer publishes in its JWT VC Issuer Metadata:
/// `https://HOST/.well-known/jwt-vc-issuer/PATH` (the issuer's path after the
/// well-known name), whose `issuer` must be the token's and whose `jwks` (inline)
/// or `jwks_uri` give the keys.
pub fn jwt_vc_issuer_keys(
    issuer: &str,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Result<Vec<IssuerKey>, KeyError> {
    let host = origin(issuer);
    let path = issuer[host.len()..].trim_end_matches('/');
    let url = format!("{host}/.well-known/jwt-vc-issuer{path}");
    let bytes = opts.documents.get(&url).map_err(KeyError::Unresolvable)?;
    inputs.push(Input::new("key-document", &url, &bytes));
    let doc: Value = serde_json::from_slice(&bytes)
        .map_err(|_| KeyError::Unresolvable(format!("{url} is not JSON")))?;
    if doc.get("issuer").and_then(Value::as_str) != Some(issuer) {
        return Err(KeyError::Invalid(format!(
            "the issuer metadata at {url} is not for {issuer}"
        )));
    }
    let source = format!("JWT VC issuer metadata {url}");
    if let Some(set) = doc.get("jwks") {
        return Ok(jwk_set(set, &url, issuer, &source));
    }
    let jwks = doc
        .get("jwks_uri")
        .and_then(Value::as_str)
        .ok_or_else(|| KeyError::Invalid(format!("{url} has neither `jwks` nor `jwks_uri`")))?;
    // The keys must come from the issuer's own origin, as the metadata did.
    if origin(jwks) != host {
        return Err(KeyError::Invalid(format!(
            "{url} names keys on another host ({jwks})"
        )));
    }
    let bytes = opts.documents.get(jwks).map_err(KeyError::Unresolvable)?;
    inputs.push(Input::new("key-document", jwks, &bytes));
    let set: Value = serde_json::from_slice(&bytes)
        .map_err(|_| KeyError::Unresolvable(format!("{jwks} is not JSON")))?;
    Ok(jwk_set(&set, jwks, issuer, &format!("JWK set {jwks}")))
}

/// The keys of a JWK set the issuer publishes (each JWK's `kid` names it).
fn jwk_set(doc: &Value, url: &str, issuer: &str, source: &str) -> Vec<IssuerKey> {
    let keys = doc.get("keys").and_then(Value::as_array);
    keys.into_iter()
        .flatten()
        .filter(|k| {
            k.get("use")
                .and_then(Value::as_str)
                .is_none_or(|u| u == "sig")
        })
        .filter_map(|jwk| {
            let key = jwk_key(jwk).ok()?;
            let kid = jwk.get("kid").and_then(Value::as_str).unwrap_or("");
            Some(IssuerKey::new(format!("{url}#{kid}"), key, issuer, source))
        })
        .collect()
}

/// Keys a controller document lists as assertion methods. A DID document must name
/// them under `assertionMethod`; an issuer profile without that list may assert with
/// any key it lists under `verificationMethod`.
fn listed_keys(doc: &Value, issuer: &str, source: &str, is_did: bool) -> Vec<IssuerKey> {
    let list = |name: &str| -> Vec<&Value> {
        doc.get(name)
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default()
    };
    let methods = list("verificationMethod");
    let assertion = list("assertionMethod");
    let chosen: Vec<&Value> = if assertion.is_empty() && !is_did {
        methods.clone()
    } else {
        assertion
    };
    let absolute = |id: &str| {
        if id.starts_with('#') {
            format!("{issuer}{id}")
        } else {
            id.to_string()
        }
    };
    chosen
        .into_iter()
        .filter_map(|entry| {
            // A reference names a method in `verificationMethod`.
            let method = match entry {
                Value::String(r) => methods.iter().copied().find(|m| {
                    m.get("id")
                        .and_then(Value::as_str)
                        .is_some_and(|id| absolute(id) == absolute(r))
                })?,
                other => other,
            };
            let id = absolute(method.get("id").and_then(Value::as_str).unwrap_or(""));
            let controller = method
                .get("controller")
                .and_then(Value::as_str)
                .unwrap_or(issuer);
            if controller != issuer {
                return None;
            }
            Some(IssuerKey::new(
                id,
                key_material(method).ok()?,
                issuer,
                source,
            ))
        })
        .collect()
}

/// `did:web:example.com:user` → `https://example.com/user/did.json`.
pub fn did_web_url(did: &str) -> Option<String> {
    let rest = did.strip_prefix("did:web:")?;
    let mut parts = rest.split(':');
    let host = parts.next()?.replace("%3A", ":").replace("%3a", ":");
    if host.is_empty() || host.contains('/') {
        return None;
    }
    let path: Vec<&str> = parts.collect();
    // Tests serve DID documents from loopback without TLS (see documents.rs).
    let loopback =
        crate::url::is_loopback_host(host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h));
    let scheme = if loopback && std::env::var_os(super::documents::LOOPBACK_HTTP_ENV).is_some() {
        "http"
    } else {
        "https"
    };
    Some(if path.is_empty() {
        format!("{scheme}://{host}/.well-known/did.json")
    } else {
        format!("{scheme}://{host}/{}/did.json", path.join("/"))
    })
}

fn resolve_did_web(
    vm: &str,
    did: &str,
    opts: &Options,
    inputs: &mut Vec<Input>,
) -> Result<ResolvedKey, KeyError> {
    let url = did_web_url(did)
        .ok_or_else(|| KeyError::Invalid(format!("`{did}` is not a valid did:web")))?;
    let bytes = opts.documents.get(&url).map_err(KeyError::Unresolvable)?;
    inputs.push(Input::new("did-document", &url, &bytes));
    let doc: Value = serde_json::from_slice(&bytes)
        .map_err(|e| KeyError::Unresolvable(format!("DID document {url} is not JSON: {e}")))?;
    if doc.get("id").and_then(Value::as_str) != Some(did) {
        return Err(KeyError::Invalid(format!(
            "DID document at {url} is not for {did}"
        )));
    }
    let listed = listed_method(&doc, vm, did)?;
    Ok(ResolvedKey {
        key: listed.key,
        controller: Some(listed.controller),
        authenticated: true,
        // A DID document must name the key under assertionMethod.
        may_assert: listed.asserts.unwrap_or(false),
        source: format!("DID document {url}"),
        controls_origin: false,
    })
}

/// Whether `vm` is one of `did`'s authentication keys: a `did:key`'s own key, or a
/// key a `did:web` document lists under `authentication`. Only such a key can prove
/// that whoever signed a presentation is the DID's subject.
pub fn authenticates(did: &str, vm: &str, opts: &Options) -> Result<bool, String> {
    let vm_did = vm.split('#').next().unwrap_or("");
    if vm_did != did {
        return Ok(false);
    }
    if did.starts_with("did:key:") {
        return Ok(true);
    }
    let url = did_web_url(did).ok_or_else(|| format!("{did} is not a did:key or did:web"))?;
    let bytes = opts.documents.get(&url)?;
    let doc: Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("DID document {url}: {e}"))?;
    let listed = doc
        .get("authentication")
        .and_then(Value::as_array)
        .is_some_and(|items| {
            items.iter().any(|e| {
                e.as_str()
                    .or_else(|| e.get("id").and_then(Value::as_str))
                    .is_some_and(|id| {
                        id == vm || (id.starts_with('#') && format!("{did}{id}") == vm)
                    })
            })
        });
    Ok(listed)
}

/// The key in a verification method: multikey, base58, JWK or (RSA) PEM.
pub fn key_material(method: &Value) -> Result<PublicKey, String> {
    if let Some(mb) = method.get("publicKeyMultibase").and_then(Value::as_str) {
        return decode_any_multikey(mb).or_else(|e| {
            // Ed25519VerificationKey2020 sometimes carries the raw key without multicodec.
            let raw = mb
                .strip_prefix('z')
                .and_then(|b| bs58::decode(b).into_vec().ok());
            raw.and_then(|r| r.try_into().ok())
                .map(PublicKey::Ed25519)
                .ok_or(e)
        });
    }
    if let Some(b58) = method.get("publicKeyBase58").and_then(Value::as_str) {
        let raw = bs58::decode(b58)
            .into_vec()
            .map_err(|_| "publicKeyBase58 is not base58".to_string())?;
        return raw
            .try_into()
            .map(PublicKey::Ed25519)
            .map_err(|_| "publicKeyBase58 is not a 32-byte key".to_string());
    }
    if let Some(jwk) = method.get("publicKeyJwk") {
        return jwk_key(jwk);
    }
    if let Some(pem) = method.get("publicKeyPem").and_then(Value::as_str) {
        return pem_key(pem);
    }
    Err("the verification method has no key material folio can read".into())
}

/// The DER bytes of a PEM block (its base64 lines between the `-----` fences).
pub fn pem_der(pem: &str) -> Option<Vec<u8>> {
    let body: String = pem
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("-----"))
        .collect();
    base64::engine::general_purpose::STANDARD.decode(body).ok()
}

/// A PEM public key (SubjectPublicKeyInfo): RSA, Ed25519 or P-256. Open Badges 2.0
/// CryptographicKeys carry RSA keys mostly, and Ed25519 ones where the issuer signs
/// with EdDSA (openbadgeslib does).
pub fn pem_key(pem: &str) -> Result<PublicKey, String> {
    use rsa::pkcs8::DecodePublicKey;
    if let Ok(k) = rsa::RsaPublicKey::from_public_key_pem(pem.trim()) {
        return Ok(PublicKey::Rsa(Box::new(k)));
    }
    // The fixed DER prefixes of an Ed25519 (RFC 8410) and an uncompressed P-256
    // (RFC 5480) SubjectPublicKeyInfo; the key bytes follow.
    const ED25519: &[u8] = b"\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00";
    const P256: &[u8] = b"\x30\x59\x30\x13\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x08\x2a\x86\x48\xce\x3d\x03\x01\x07\x03\x42\x00";
    let der = pem_der(pem).ok_or("publicKeyPem is not a PEM public key")?;
    if let Some(raw) = der.strip_prefix(ED25519)
        && let Ok(key) = <[u8; 32]>::try_from(raw)
    {
        return Ok(PublicKey::Ed25519(key));
    }
    if let Some(point) = der.strip_prefix(P256)
        && let Ok(key) = p256::ecdsa::VerifyingKey::from_sec1_bytes(point)
    {
        return Ok(PublicKey::P256(Box::new(key)));
    }
    Err("publicKeyPem is not an RSA, Ed25519 or P-256 public key".into())
}

fn b64url(field: &str, value: Option<&Value>) -> Result<Vec<u8>, String> {
    let text = value
        .and_then(Value::as_str)
        .ok_or_else(|| format!("the JWK has no `{field}`"))?;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map_err(|_| format!("the JWK's `{field}` is not base64url"))
}

/// The key in a JWK: OKP/Ed25519, RSA, or EC/P-256 and P-384.
pub fn jwk_key(jwk: &Value) -> Result<PublicKey, String> {
    let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or("");
    let crv = jwk.get("crv").and_then(Value::as_str).unwrap_or("");
    match (kty, crv) {
        ("OKP", "Ed25519") => b64url("x", jwk.get("x"))?
            .try_into()
            .map(PublicKey::Ed25519)
            .map_err(|_| "the JWK's `x` is not 32 bytes".to_string()),
        ("RSA", _) => {
            let n = rsa::BigUint::from_bytes_be(&b64url("n", jwk.get("n"))?);
            let e = rsa::BigUint::from_bytes_be(&b64url("e", jwk.get("e"))?);
            rsa::RsaPublicKey::new(n, e)
                .map(|k| PublicKey::Rsa(Box::new(k)))
                .map_err(|_| "the JWK is not a valid RSA key".to_string())
        }
        ("EC", curve @ ("P-256" | "P-384")) => {
            let size = if curve == "P-256" { 32 } else { 48 };
            let x = b64url("x", jwk.get("x"))?;
            let y = b64url("y", jwk.get("y"))?;
            if x.len() != size || y.len() != size {
                return Err(format!(
                    "the JWK's {curve} coordinates are not {size} bytes"
                ));
            }
            let mut point = vec![0x04];
            point.extend(x);
            point.extend(y);
            let invalid = || format!("the JWK is not a valid {curve} key");
            if curve == "P-256" {
                p256::ecdsa::VerifyingKey::from_sec1_bytes(&point)
                    .map(|k| PublicKey::P256(Box::new(k)))
                    .map_err(|_| invalid())
            } else {
                p384::ecdsa::VerifyingKey::from_sec1_bytes(&point)
                    .map(|k| PublicKey::P384(Box::new(k)))
                    .map_err(|_| invalid())
            }
        }
        _ => Err(format!("unsupported JWK key type {kty} {crv}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_controls_a_key() {
        let key = |controller: &str, controls_origin| ResolvedKey {
            key: PublicKey::Ed25519([1; 32]),
            controller: Some(controller.into()),
            authenticated: true,
            may_assert: true,
            source: "test".into(),
            controls_origin,
        };
        let issuer = Some("https://issuer.example/profile");
        assert!(key("https://issuer.example/profile", false).controlled_by(issuer));
        // Only a JWK set speaks for its whole origin.
        assert!(key("https://issuer.example", true).controlled_by(issuer));
        assert!(!key("https://issuer.example", false).controlled_by(issuer));
        assert!(!key("https://other.example", true).controlled_by(issuer));
        assert!(!key("https://issuer.example/profile", false).controlled_by(None));
    }

    #[test]
    fn did_key_roundtrip() {
        let k = resolve(
            "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
            &Options::default(),
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(
            crate::hex(&k.key.fingerprint_bytes()),
            "b00d8d938e7f773d51565aad36a623f5344f7f5d1960f9cf3e8e12620ea2810f"
        );
        assert!(k.authenticated);
    }

    #[test]
    fn did_key_fragment_must_match() {
        let e = resolve(
            "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#keys-1",
            &Options::default(),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert!(matches!(e, KeyError::Invalid(_)));
    }

    #[test]
    fn fragment_keys_are_not_authenticated() {
        let k = resolve(
            "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
            &Options::default(),
            &mut Vec::new(),
        )
        .unwrap();
        assert!(!k.authenticated);
    }

    #[test]
    fn did_web_urls() {
        assert_eq!(
            did_web_url("did:web:example.com").unwrap(),
            "https://example.com/.well-known/did.json"
        );
        assert_eq!(
            did_web_url("did:web:a.github.io:x:y").unwrap(),
            "https://a.github.io/x/y/did.json"
        );
        assert_eq!(
            did_web_url("did:web:localhost%3A8080:u").unwrap(),
            "https://localhost:8080/u/did.json"
        );
    }
}
