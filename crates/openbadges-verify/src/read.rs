//! Reading a credential file: detect its format from its content (not its name) and
//! parse it, within fixed size limits. Baked images are opened to the credential
//! inside; JWTs are decoded to the credential they carry.

use base64::Engine;
use serde_json::Value;

use super::bake::{self, Baked, Container};
use super::jws::{self, Jws};

/// The VC data model contexts: the reader tells the two apart, the shape check
/// requires one of them.
pub const VC_V1: &str = "https://www.w3.org/2018/credentials/v1";
pub const VC_V2: &str = "https://www.w3.org/ns/credentials/v2";

/// Larger files are refused before parsing: real credentials are a few kilobytes, and
/// baked images rarely exceed a few megabytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Deeper JSON is refused: real credentials (even with embedded endorsements) stay
/// far below this, and JSON-LD processing recurses once per level.
pub const MAX_DEPTH: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A W3C Verifiable Credential typed as an Open Badge (OB 3.0) with embedded proof.
    Ob3Json,
    /// Any other W3C Verifiable Credential with embedded proof.
    VcJson,
    /// A Verifiable Credential secured as a JWT (compact JWS).
    VcJwt,
    /// An Open Badges 2.0 assertion, hosted or signed.
    Ob2,
    /// An SD-JWT: SD-JWT VC, or a VC-JWT with disclosures.
    SdJwt,
    /// A genuine credential format folio recognises but does not verify.
    Legacy(Legacy),
}

/// Credential formats that are recognised so they can be named, and reported as
/// `unverifiable` with what to do, instead of `failed` with a misleading reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// Open Badges 1.0/1.1 (`verify` block, issuer `url`).
    Ob1,
    /// Open Badges 0.5 (a plain recipient string, `badge.version` 0.5).
    Ob05,
    /// Blockcerts (Merkle proofs anchored in a blockchain).
    Blockcerts,
    /// A European Digital Credential (Europass), sealed with JAdES/XAdES.
    Edc,
    /// A JWS in JSON serialisation (`payload` + `signatures`).
    JwsJson,
    /// A COSE-secured credential (CBOR `COSE_Sign1`).
    Cose,
}

impl Legacy {
    fn name(self) -> &'static str {
        match self {
            Legacy::Ob1 => "ob1",
            Legacy::Ob05 => "ob0.5",
            Legacy::Blockcerts => "blockcerts",
            Legacy::Edc => "edc",
            Legacy::JwsJson => "jws-json",
            Legacy::Cose => "cose",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Legacy::Ob1 => "Open Badges 1.x assertion",
            Legacy::Ob05 => "Open Badges 0.5 assertion",
            Legacy::Blockcerts => "Blockcerts certificate",
            Legacy::Edc => "European Digital Credential (eIDAS seal)",
            Legacy::JwsJson => "JWS in JSON serialisation",
            Legacy::Cose => "COSE-secured credential",
        }
    }

    /// Why it is not verified, and what the learner can do.
    pub fn reason(self) -> &'static str {
        match self {
            Legacy::Ob1 => {
                "Open Badges 1.0/1.1 assertions (hosted or signed, 2013-2017) are not supported; ask the issuer (or your backpack) for an Open Badges 2.0 or 3.0 export of this badge"
            }
            Legacy::Ob05 => {
                "Open Badges 0.5 assertions are not supported (they carry no verification method); ask the issuer for an Open Badges 2.0 or 3.0 export"
            }
            Legacy::Blockcerts => {
                "Blockcerts blockchain proofs (MerkleProof2017/2019) are not supported; verify it with the Blockcerts verifier, or ask the issuer for an Open Badges 3.0 export"
            }
            Legacy::Edc => {
                "European Digital Credentials are sealed with eIDAS signatures (JAdES/XAdES), which folio does not verify; check it with the Europass digital credentials viewer"
            }
            Legacy::JwsJson => {
                "JWS JSON serialisation is not supported; ask the issuer for the credential as a compact JWT or with an embedded proof"
            }
            Legacy::Cose => {
                "COSE-secured credentials (CBOR) are not supported; ask the issuer for the credential as JSON with an embedded proof or as a JWT"
            }
        }
    }
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Ob3Json => "ob3-json",
            Format::VcJson => "vc-json",
            Format::VcJwt => "vc-jwt",
            Format::Ob2 => "ob2",
            Format::SdJwt => "sd-jwt",
            Format::Legacy(l) => l.name(),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Format::Ob3Json => "Open Badges 3.0 credential (JSON with embedded proof)",
            Format::VcJson => "W3C Verifiable Credential (JSON with embedded proof)",
            Format::VcJwt => "Verifiable Credential as a JWT",
            Format::Ob2 => "Open Badges 2.0 assertion",
            Format::SdJwt => "SD-JWT credential (selective disclosure)",
            Format::Legacy(l) => l.describe(),
        }
    }
}

#[derive(Debug)]
pub struct Parsed {
    pub format: Format,
    /// The credential (for a JWT, the credential its claims carry).
    pub json: Value,
    /// The image it was baked into, if any.
    pub container: Option<Container>,
    /// The token, for JWT-secured credentials and signed OB 2.0 assertions.
    pub jws: Option<Jws>,
    /// Where an OB 2.0 hosted assertion lives.
    pub hosted_url: Option<String>,
    /// More to say about how it was read (an SD-JWT's disclosures).
    pub note: Option<String>,
    /// Selectively disclosable claims the holder withheld (or decoys): up to this many.
    pub withheld: usize,
}

impl Parsed {
    pub fn describe(&self) -> String {
        let what = match self.container {
            Some(Container::Png) => format!("{}, baked in a PNG image", self.format.describe()),
            Some(Container::Svg) => format!("{}, baked in an SVG image", self.format.describe()),
            None => self.format.describe().to_string(),
        };
        match &self.note {
            Some(note) => format!("{what}; {note}"),
            None => what,
        }
    }
}

/// Detects and parses a credential. The error is a one-line reason for the user.
pub fn read(bytes: &[u8]) -> Result<Parsed, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is {} bytes; folio reads credentials up to {MAX_FILE_BYTES} bytes",
            bytes.len()
        ));
    }
    if bake::is_png(bytes) {
        return from_baked(bake::png(bytes)?, Container::Png);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if looks_like_cose(bytes) {
        return Ok(legacy(Legacy::Cose, Value::Null, None));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "not a credential: the file is neither text nor a PNG".to_string())?;
    if bake::is_svg(text) {
        return from_baked(bake::svg(text)?, Container::Svg);
    }
    read_text(text, None)
}

fn from_baked(baked: Baked, container: Container) -> Result<Parsed, String> {
    // The original baking (Open Badges 1.x/2.0) put the hosted assertion's URL in the
    // chunk instead of the assertion.
    let baked = match baked {
        Baked::Text(text) if is_url(text.trim()) => Baked::VerifyUrl(text.trim().to_string()),
        other => other,
    };
    match baked {
        Baked::Text(text) => read_text(&text, Some(container)),
        Baked::VerifyUrl(url) => Ok(Parsed {
            format: Format::Ob2,
            json: serde_json::json!({ "verify": { "url": url } }),
            container: Some(container),
            jws: None,
            hosted_url: Some(url),
            note: None,
            withheld: 0,
        }),
    }
}

fn is_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && !text.contains(char::is_whitespace)
}

fn legacy(format: Legacy, json: Value, container: Option<Container>) -> Parsed {
    Parsed {
        format: Format::Legacy(format),
        json,
        container,
        jws: None,
        hosted_url: None,
        note: None,
        withheld: 0,
    }
}

/// A format folio recognises but does not verify, from the JSON's shape.
pub fn legacy_kind(json: &Value) -> Option<Legacy> {
    let has = |pointer: &str| json.pointer(pointer).is_some();
    let types_at = |pointer: &str| type_names(json.pointer(pointer));
    let contexts: Vec<String> = match json.get("@context") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|c| c.as_str().map(str::to_string))
            .collect(),
        Some(Value::String(c)) => vec![c.clone()],
        _ => Vec::new(),
    };
    let merkle = |t: &String| t.starts_with("MerkleProof") || t.starts_with("Chainpoint");
    if types_at("/signature/type").iter().any(merkle)
        || types_at("/proof/type").iter().any(merkle)
        || types_at("/verification/type")
            .iter()
            .any(|t| t.starts_with("MerkleProofVerification"))
        || contexts.iter().any(|c| c.contains("w3id.org/blockcerts"))
    {
        return Some(Legacy::Blockcerts);
    }
    if contexts
        .iter()
        .any(|c| c.contains("data.europa.eu/snb") || c.contains("europass"))
        || type_names(json.get("type"))
            .iter()
            .any(|t| t == "EuropeanDigitalCredential")
    {
        return Some(Legacy::Edc);
    }
    if let Some(payload) = json.get("payload").and_then(Value::as_str)
        && (has("/signatures") || has("/protected"))
    {
        // A JAdES seal (eIDAS) wraps a European Digital Credential this way.
        let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload.trim_end_matches('='))
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&decoded);
        let edc = text.contains("europa.eu") || text.contains("EuropeanDigitalCredential");
        return Some(if edc { Legacy::Edc } else { Legacy::JwsJson });
    }
    // Open Badges 1.x before 0.5: both have a string recipient, only 1.x a `verify`.
    let ob1_context = contexts
        .iter()
        .any(|c| c.contains("w3id.org/openbadges/v1"));
    if ob1_context
        || (has("/verify") && !has("/verification"))
        || (has("/uid") && !has("/id") && has("/badge"))
    {
        return Some(Legacy::Ob1);
    }
    if json
        .pointer("/badge/version")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("0.5"))
        || (json.get("recipient").is_some_and(Value::is_string) && has("/salt"))
    {
        return Some(Legacy::Ob05);
    }
    None
}

fn read_text(text: &str, container: Option<Container>) -> Result<Parsed, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("the file is empty".into());
    }
    if trimmed.starts_with('<') && (trimmed.contains("europa.eu") || trimmed.contains("europass")) {
        return Ok(legacy(Legacy::Edc, Value::Null, container));
    }
    if jws::looks_like(trimmed) {
        return from_jws(trimmed, container);
    }
    if looks_like_sd_jwt(trimmed) {
        return from_sd_jwt(trimmed, container);
    }
    if !trimmed.starts_with('{') && !trimmed.starts_with('"') {
        return Err("not a credential: expected JSON or a JWT".into());
    }
    let json: Value = serde_json::from_str(trimmed).map_err(|e| format!("not valid JSON: {e}"))?;
    if depth(&json) > MAX_DEPTH {
        return Err(format!(
            "the credential nests deeper than {MAX_DEPTH} levels; real credentials never do"
        ));
    }
    // A JWT written as a JSON string, or wrapped as {"jwt": "..."}.
    let token = json
        .as_str()
        .or_else(|| json.get("jwt").and_then(Value::as_str));
    if let Some(token) = token {
        return from_jws(token, container);
    }
    let Some(obj) = json.as_object() else {
        return Err("not a credential: expected a JSON object".into());
    };
    if let Some(kind) = legacy_kind(&json) {
        return Ok(legacy(kind, json, container));
    }
    if is_ob2(&json) {
        let hosted_url = ob2_hosted_url(&json);
        return Ok(Parsed {
            format: Format::Ob2,
            json,
            container,
            jws: None,
            hosted_url,
            note: None,
            withheld: 0,
        });
    }
    if !obj.contains_key("@context") {
        return Err("not a credential: it has no `@context`".into());
    }
    let format = vc_format(&json)?;
    Ok(Parsed {
        format,
        json,
        container,
        jws: None,
        hosted_url: None,
        note: None,
        withheld: 0,
    })
}

fn vc_format(json: &Value) -> Result<Format, String> {
    let types = type_names(json.get("type"));
    if !types.iter().any(|t| t == "VerifiableCredential") {
        return Err(format!(
            "not a Verifiable Credential: `type` is {}",
            if types.is_empty() {
                "missing".to_string()
            } else {
                types.join(", ")
            }
        ));
    }
    Ok(
        if types
            .iter()
            .any(|t| t == "OpenBadgeCredential" || t == "AchievementCredential")
        {
            Format::Ob3Json
        } else {
            Format::VcJson
        },
    )
}

/// Open Badges 2.0 (and 1.x) assertions: a recipient and badge, or a verify block.
fn is_ob2(json: &Value) -> bool {
    let types = type_names(json.get("type"));
    !types.iter().any(|t| t == "VerifiableCredential")
        && (types.iter().any(|t| t == "Assertion")
            || (json.get("recipient").is_some() && json.get("badge").is_some())
            || json.get("verify").is_some()
            || json.get("verification").is_some())
}

fn ob2_hosted_url(json: &Value) -> Option<String> {
    let from = |block: &str| json.get(block)?.get("url")?.as_str().map(str::to_string);
    from("verify").or_else(|| from("verification")).or_else(|| {
        let hosted = json
            .pointer("/verification/type")
            .map(|t| type_names(Some(t)))
            .is_some_and(|types| {
                types.iter().any(|t| {
                    t.eq_ignore_ascii_case("hosted") || t.eq_ignore_ascii_case("HostedBadge")
                })
            });
        hosted
            .then(|| json.get("id")?.as_str().map(str::to_string))
            .flatten()
    })
}

/// `ISSUER-JWT~DISCLOSURE~…~` (an optional key-binding JWT last): an SD-JWT.
pub fn looks_like_sd_jwt(text: &str) -> bool {
    let Some((jwt, rest)) = text.split_once('~') else {
        return false;
    };
    jws::looks_like(jwt)
        && rest.split('~').all(|part| {
            part.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        })
}

/// CBOR-encoded COSE: a `COSE_Sign1` (tag 18, `0xD2`), or its four-element array
/// untagged (`0x84` followed by a byte string header).
fn looks_like_cose(bytes: &[u8]) -> bool {
    match bytes {
        [0xD2, 0x84, ..] => true,
        [0xD8, 0x12, 0x84, ..] => true,
        [0x84, b, ..] => (0x40..=0x5B).contains(b),
        _ => false,
    }
}

/// An SD-JWT, its disclosures checked against their digests and put back.
fn from_sd_jwt(text: &str, container: Option<Container>) -> Result<Parsed, String> {
    let sd = super::sdjwt::parse(text)?;
    if depth(&sd.claims) > MAX_DEPTH {
        return Err(format!("the token nests deeper than {MAX_DEPTH} levels"));
    }
    let json = match sd.claims.get("vc") {
        Some(vc) => credential_from_claims(vc, &sd.claims)?,
        None => super::sdjwt::credential(&sd.claims),
    };
    let note = sd.describe();
    let withheld = sd.withheld;
    let mut jws = sd.jws;
    // The claims as disclosed stand for the token's (its registered claims are never
    // selectively disclosable, so nothing the signature covers changes).
    jws.payload = sd.claims;
    Ok(Parsed {
        format: Format::SdJwt,
        json,
        container,
        jws: Some(jws),
        hosted_url: None,
        note: Some(note),
        withheld,
    })
}

fn from_jws(token: &str, container: Option<Container>) -> Result<Parsed, String> {
    let jws = jws::parse(token)?;
    let payload = &jws.payload;
    if depth(payload) > MAX_DEPTH {
        return Err(format!("the token nests deeper than {MAX_DEPTH} levels"));
    }
    // An OB 2.0 assertion is recognised by its shape whatever its `@context` says
    // (its context is the OB 2.0 one, which is not a VC's).
    // Open Badges 1.0 signed assertions (2013) are JWS too: named, not failed.
    if !payload
        .get("@context")
        .is_some_and(|c| c.to_string().contains("openbadges/v2"))
        && legacy_kind(payload) == Some(Legacy::Ob1)
    {
        return Ok(legacy(Legacy::Ob1, payload.clone(), container));
    }
    let (format, json) = if let Some(vc) = payload.get("vc") {
        (Format::VcJwt, credential_from_claims(vc, payload)?)
    } else if is_ob2(payload) {
        (Format::Ob2, payload.clone())
    } else if payload.get("@context").is_some() {
        vc_format(payload)?;
        (Format::VcJwt, payload.clone())
    } else {
        return Err("the token carries neither a credential (`vc`) nor an assertion".into());
    };
    Ok(Parsed {
        format,
        json,
        container,
        jws: Some(jws),
        hosted_url: None,
        note: None,
        withheld: 0,
    })
}

/// VC-JWT (VC data model 1.1 §6.3.1): registered claims stand for credential fields.
fn credential_from_claims(vc: &Value, claims: &Value) -> Result<Value, String> {
    let mut credential = vc.clone();
    let obj = credential
        .as_object_mut()
        .ok_or("the `vc` claim is not an object")?;
    let time = |claim: &str| -> Option<String> {
        let secs = claims.get(claim)?.as_f64()?;
        chrono::DateTime::from_timestamp(secs as i64, 0).map(|d| d.to_rfc3339())
    };
    if let Some(iss) = claims.get("iss").and_then(Value::as_str) {
        match obj.get_mut("issuer") {
            Some(Value::Object(o)) => {
                o.entry("id").or_insert_with(|| Value::String(iss.into()));
            }
            Some(_) => {}
            None => {
                obj.insert("issuer".into(), Value::String(iss.into()));
            }
        }
    }
    if let Some(jti) = claims.get("jti").and_then(Value::as_str) {
        obj.entry("id").or_insert_with(|| Value::String(jti.into()));
    }
    let v2 = obj
        .get("@context")
        .and_then(|c| c.as_array().and_then(|a| a.first()).or(Some(c)))
        .and_then(Value::as_str)
        == Some(VC_V2);
    let (from, until) = if v2 {
        ("validFrom", "validUntil")
    } else {
        ("issuanceDate", "expirationDate")
    };
    if let Some(nbf) = time("nbf").or_else(|| time("iat")) {
        obj.entry(from).or_insert(Value::String(nbf));
    }
    if let Some(exp) = time("exp") {
        obj.entry(until).or_insert(Value::String(exp));
    }
    if let Some(sub) = claims.get("sub").and_then(Value::as_str)
        && let Some(Value::Object(subject)) = obj.get_mut("credentialSubject")
    {
        subject
            .entry("id")
            .or_insert_with(|| Value::String(sub.into()));
    }
    Ok(credential)
}

/// Nesting depth of a JSON value, computed without recursion.
fn depth(value: &Value) -> usize {
    let mut max = 0;
    let mut stack = vec![(value, 1)];
    while let Some((v, d)) = stack.pop() {
        max = max.max(d);
        match v {
            Value::Array(items) => stack.extend(items.iter().map(|i| (i, d + 1))),
            Value::Object(map) => stack.extend(map.values().map(|i| (i, d + 1))),
            _ => {}
        }
    }
    max
}

/// `type` as a list of strings, whether written as one string or an array.
pub fn type_names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejections_have_reasons() {
        assert_eq!(read(b"").unwrap_err(), "the file is empty");
        assert!(read(b"{").unwrap_err().starts_with("not valid JSON"));
        assert!(read(b"[1]").unwrap_err().contains("expected JSON or a JWT"));
        assert!(
            read(br#"{"@context":[],"type":"X"}"#)
                .unwrap_err()
                .contains("`type` is X")
        );
        let deep = "[".repeat(100_000);
        assert!(read(deep.as_bytes()).is_err());
        let deep_obj = format!("{}{}", r#"{"a":"#.repeat(10_000), "1");
        assert!(read(deep_obj.as_bytes()).unwrap_err().contains("JSON"));
        assert!(
            read(b"<svg></svg>")
                .unwrap_err()
                .contains("no credential baked")
        );
    }

    #[test]
    fn detects_open_badges() {
        let p = read(br#"{"@context":[],"type":["VerifiableCredential","OpenBadgeCredential"]}"#)
            .unwrap();
        assert_eq!(p.format, Format::Ob3Json);
        let ob2 = read(br#"{"type":"Assertion","recipient":{},"badge":"https://b","verification":{"type":"hosted"},"id":"https://a/1"}"#).unwrap();
        assert_eq!(ob2.format, Format::Ob2);
        assert_eq!(ob2.hosted_url.as_deref(), Some("https://a/1"));
    }
}
