//! SD-JWT (IETF Selective Disclosure for JWTs) and SD-JWT VC (`dc+sd-jwt`,
//! `vc+sd-jwt`), and VC-JWTs with disclosures appended, as walt.id issues them.
//!
//! `ISSUER-JWT~DISCLOSURE~…~[KEY-BINDING-JWT]`. The issuer's JWT is verified like
//! any JWT (`jwt::check`; for an `https` issuer with its keys from JWT VC Issuer
//! Metadata, `/.well-known/jwt-vc-issuer`). Every disclosure must be referenced by
//! exactly one digest (`_sd` in an object, `{"...": digest}` in an array) under the
//! token's `_sd_alg`; a digest given twice, a disclosure nothing references (swapped
//! in from another credential), or a disclosed name that is already a claim, fail.
//! Digests without a disclosure are claims the holder chose not to show: counted
//! as withheld (issuers add decoys too, so "up to"). A published SD-JWT carries no
//! key-binding JWT: holder binding is reported as not presented. One that does is
//! checked (signed with the holder key the issuer bound in `cnf`, over exactly these
//! disclosures by `sd_hash`) and reported; it bears on holder binding only, never
//! on whether the issuer's credential is genuine.
//!
//! What the claims say is mapped onto the fields every badge view reads (name,
//! issuer, dates, subject), keeping every claim as it is under `credentialSubject`;
//! a `vc` claim (a VC-JWT with disclosures) is the credential itself.

use std::collections::{HashMap, HashSet};

use base64::Engine;
use serde_json::{Map, Value, json};
use sha2::Digest;

use super::jws::{self, Jws};

/// How deep disclosed values may nest inside each other.
const MAX_DEPTH: usize = 24;

/// An SD-JWT as read: the issuer's token, the claims with what was disclosed put
/// back, and what the holder showed and withheld.
#[derive(Debug, Clone)]
pub struct SdJwt {
    pub jws: Jws,
    /// The payload with every disclosure in place (`_sd`, `_sd_alg` removed).
    pub claims: Value,
    /// Names of the claims disclosed (array elements as `name[]`).
    pub disclosed: Vec<String>,
    /// Digests with no disclosure: claims withheld, or decoys.
    pub withheld: usize,
    /// The key-binding JWT presented after the disclosures, if any.
    pub key_binding: KeyBinding,
}

/// What a key-binding JWT shows about the holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyBinding {
    /// None presented (as published credentials are).
    None,
    /// Signed with the holder key the issuer bound (`cnf`), over these disclosures;
    /// for the audience it names.
    Checked { aud: Option<String> },
    /// Presented, but it shows nothing: why.
    Unproven(String),
}

impl SdJwt {
    /// One line for the parse check: the kind, what was disclosed and withheld.
    pub fn describe(&self) -> String {
        let typ = self
            .jws
            .header
            .get("typ")
            .and_then(Value::as_str)
            .unwrap_or("JWT");
        let shown = match self.disclosed.len() {
            0 => "no selectively disclosable claim disclosed".to_string(),
            n => format!(
                "{n} selectively disclosable claim{} disclosed ({})",
                if n == 1 { "" } else { "s" },
                self.disclosed.join(", ")
            ),
        };
        let withheld = match self.withheld {
            0 => String::new(),
            n => format!(", up to {n} withheld"),
        };
        let binding = match &self.key_binding {
            KeyBinding::None => "holder binding not presented".to_string(),
            KeyBinding::Checked { aud } => format!(
                "the holder's key-binding JWT{} is signed with the key the issuer bound to the holder and covers these disclosures",
                aud.as_deref()
                    .map(|a| format!(" (made for {a})"))
                    .unwrap_or_default()
            ),
            KeyBinding::Unproven(why) => {
                format!("a key-binding JWT is attached, but {why}: holder binding not shown")
            }
        };
        format!("SD-JWT ({typ}): {shown}{withheld}; {binding}")
    }
}

/// Reads `text` as an SD-JWT; `Err` with the reason when its disclosures do not
/// fit its digests (altered, swapped, duplicated).
pub fn parse(text: &str) -> Result<SdJwt, String> {
    let text = text.trim();
    let mut parts: Vec<&str> = text.split('~').collect();
    let issuer_jwt = parts.remove(0);
    let kb_jwt = match parts.last() {
        Some(p) if !p.is_empty() => parts.pop(),
        _ => None,
    };
    let jws = jws::parse(issuer_jwt)?;
    let alg = jws
        .payload
        .get("_sd_alg")
        .and_then(Value::as_str)
        .unwrap_or("sha-256")
        .to_ascii_lowercase();
    let mut disclosures: HashMap<String, Value> = HashMap::new();
    for part in parts.iter().filter(|p| !p.is_empty()) {
        let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part.trim_end_matches('='))
            .map_err(|_| "a disclosure is not base64url".to_string())?;
        let value: Value = serde_json::from_slice(&decoded)
            .map_err(|_| "a disclosure is not a JSON array".to_string())?;
        let ok = match value.as_array().map(Vec::len) {
            Some(2) => true,
            Some(3) => value[1].is_string(),
            _ => false,
        };
        if !ok {
            return Err("a disclosure is not [salt, name, value] or [salt, value]".into());
        }
        let digest = digest(&alg, part)?;
        if disclosures.insert(digest, value).is_some() {
            return Err("the same disclosure is given twice".into());
        }
    }
    let mut walk = Walk {
        disclosures: &disclosures,
        used: HashSet::new(),
        seen: HashSet::new(),
        disclosed: Vec::new(),
        withheld: 0,
    };
    let mut claims = walk.value(&jws.payload, 0, "")?;
    if walk.used.len() != disclosures.len() {
        return Err(
            "a disclosure is not referenced by any digest of the credential (swapped in, or from another credential)"
                .into(),
        );
    }
    if let Some(obj) = claims.as_object_mut() {
        obj.remove("_sd_alg");
    }
    let (disclosed, withheld) = (walk.disclosed, walk.withheld);
    let key_binding = match kb_jwt {
        None => KeyBinding::None,
        // What the key-binding JWT signs over: everything up to its own part.
        Some(kb) => key_binding(kb, &text[..text.len() - kb.len()], &jws, &alg),
    };
    Ok(SdJwt {
        jws,
        claims,
        disclosed,
        withheld,
        key_binding,
    })
}

/// Checks a key-binding JWT against the holder key the issuer bound (`cnf.jwk`)
/// and the presentation it was made for (`sd_hash` over `presented`).
fn key_binding(kb: &str, presented: &str, issuer: &Jws, alg: &str) -> KeyBinding {
    let unproven = |why: &str| KeyBinding::Unproven(why.to_string());
    let Ok(kb) = jws::parse(kb) else {
        return unproven("it is not a JWT");
    };
    if kb.header.get("typ").and_then(Value::as_str) != Some("kb+jwt") {
        return unproven("it is not typed `kb+jwt`");
    }
    let Some(jwk) = issuer.payload.pointer("/cnf/jwk") else {
        return unproven("the credential binds no holder key (`cnf`) to check it with");
    };
    let Ok(key) = super::keys::jwk_key(jwk) else {
        return unproven("the holder key the credential binds is not one folio can use");
    };
    if jws::verify(&kb, &key).is_err() {
        return unproven("it is not signed with the holder key the credential binds");
    }
    let expected = digest(alg, presented).ok();
    if kb.payload.get("sd_hash").and_then(Value::as_str) != expected.as_deref() {
        return unproven(
            "it does not cover these disclosures (`sd_hash` differs: it was made for another presentation)",
        );
    }
    KeyBinding::Checked {
        aud: kb
            .payload
            .get("aud")
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

/// base64url of the hash of a disclosure as written (its ASCII), per `_sd_alg`.
fn digest(alg: &str, disclosure: &str) -> Result<String, String> {
    let bytes = disclosure.as_bytes();
    let hash = match alg {
        "sha-256" => sha2::Sha256::digest(bytes).to_vec(),
        "sha-384" => sha2::Sha384::digest(bytes).to_vec(),
        "sha-512" => sha2::Sha512::digest(bytes).to_vec(),
        other => {
            return Err(format!(
                "`_sd_alg` {other} is not supported (sha-256, -384, -512)"
            ));
        }
    };
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(hash))
}

/// Puts disclosures back into the payload.
struct Walk<'a> {
    disclosures: &'a HashMap<String, Value>,
    used: HashSet<String>,
    /// Every digest met, to refuse one that occurs twice.
    seen: HashSet<String>,
    disclosed: Vec<String>,
    withheld: usize,
}

impl Walk<'_> {
    /// `v` with its disclosures put back; `name` is the claim it is the value of
    /// (array elements are reported as `name[]`).
    fn value(&mut self, v: &Value, depth: usize, name: &str) -> Result<Value, String> {
        if depth > MAX_DEPTH {
            return Err("the disclosures nest too deep".into());
        }
        match v {
            Value::Object(o) => self.object(o, depth),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    let digest = item
                        .as_object()
                        .filter(|o| o.len() == 1)
                        .and_then(|o| o.get("..."))
                        .and_then(Value::as_str);
                    match digest {
                        Some(d) => {
                            if let Some(disclosed) = self.take(d, 2)? {
                                self.disclosed.push(format!("{name}[]"));
                                out.push(self.value(&disclosed[1], depth + 1, name)?);
                            }
                        }
                        None => out.push(self.value(item, depth + 1, name)?),
                    }
                }
                Ok(Value::Array(out))
            }
            other => Ok(other.clone()),
        }
    }

    fn object(&mut self, o: &Map<String, Value>, depth: usize) -> Result<Value, String> {
        let mut out = Map::new();
        for (k, v) in o {
            if k == "_sd" || k == "..." {
                continue;
            }
            out.insert(k.clone(), self.value(v, depth + 1, k)?);
        }
        if let Some(digests) = o.get("_sd") {
            let digests = digests
                .as_array()
                .ok_or("`_sd` is not an array of digests")?;
            for d in digests {
                let d = d.as_str().ok_or("a digest in `_sd` is not a string")?;
                let Some(disclosed) = self.take(d, 3)? else {
                    continue;
                };
                let name = disclosed[1].as_str().unwrap_or_default().to_string();
                if name == "_sd" || name == "..." || out.contains_key(&name) {
                    return Err(format!(
                        "a disclosure names `{name}`, which the credential already has or may not disclose"
                    ));
                }
                let value = self.value(&disclosed[2], depth + 1, &name)?;
                self.disclosed.push(name.clone());
                out.insert(name, value);
            }
        }
        Ok(Value::Object(out))
    }

    /// The disclosure for digest `d` (of `len` elements), if the holder showed it.
    fn take(&mut self, d: &str, len: usize) -> Result<Option<Value>, String> {
        if !self.seen.insert(d.to_string()) {
            return Err("a digest occurs twice in the credential".into());
        }
        match self.disclosures.get(d) {
            Some(v) if v.as_array().map(Vec::len) == Some(len) => {
                self.used.insert(d.to_string());
                Ok(Some(v.clone()))
            }
            Some(_) => Err("a disclosure's shape does not fit where its digest is".into()),
            None => {
                self.withheld += 1;
                Ok(None)
            }
        }
    }
}

/// Registered JWT claims, which are not the learner's or the achievement's.
const REGISTERED: &[&str] = &[
    "iss",
    "sub",
    "iat",
    "nbf",
    "exp",
    "jti",
    "vct",
    "vct#integrity",
    "cnf",
    "status",
    "aud",
];

/// The credential the claims describe, in the shape every badge view reads: a `vc`
/// claim as it is (a VC-JWT with disclosures), a payload with `@context` as it is,
/// otherwise an SD-JWT VC's claims mapped onto name, issuer, dates and subject.
pub fn credential(claims: &Value) -> Value {
    if claims.get("@context").is_some() {
        return claims.clone();
    }
    let text = |k: &str| claims.get(k).and_then(Value::as_str);
    let time = |k: &str| {
        claims
            .get(k)
            .and_then(Value::as_f64)
            .and_then(|s| chrono::DateTime::from_timestamp(s as i64, 0))
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    };
    let name = ["achievement_title", "title", "name", "credential_name"]
        .iter()
        .find_map(|k| text(k))
        .or_else(|| text("vct"))
        .unwrap_or("SD-JWT credential");
    let mut subject = Map::new();
    for (k, v) in claims.as_object().into_iter().flatten() {
        if !REGISTERED.contains(&k.as_str()) {
            subject.insert(k.clone(), v.clone());
        }
    }
    if let Some(sub) = text("sub") {
        subject.insert("id".into(), sub.into());
    }
    let mut achievement = json!({"type": ["Achievement"], "name": name});
    for (from, to) in [
        ("achievement_description", "description"),
        ("description", "description"),
        ("learning_outcomes", "learningOutcomes"),
    ] {
        if let Some(v) = claims.get(from) {
            achievement[to] = v.clone();
        }
    }
    subject.insert("achievement".into(), achievement);
    let issuer_name = ["issuing_authority", "issuer_name", "awarding_body"]
        .iter()
        .find_map(|k| {
            claims.get(*k).and_then(|v| {
                v.as_str()
                    .or_else(|| v.get("name").and_then(Value::as_str))
                    .map(str::to_string)
            })
        });
    let mut issuer = json!({"id": text("iss").unwrap_or("")});
    if let Some(n) = issuer_name {
        issuer["name"] = n.into();
    }
    let mut doc = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential", "SdJwtVc"],
        "name": name,
        "issuer": issuer,
        "credentialSubject": Value::Object(subject),
    });
    if let Some(vct) = text("vct") {
        doc["credentialSchema"] = json!({"id": vct, "type": "SdJwtVcType"});
    }
    if let Some(jti) = text("jti") {
        doc["id"] = jti.into();
    }
    if let Some(from) = time("nbf").or_else(|| time("iat")) {
        doc["validFrom"] = from.into();
    }
    if let Some(until) = time("exp") {
        doc["validUntil"] = until.into();
    }
    // A Token Status List entry: declared, and not read by folio (so never
    // "not revoked").
    if let Some(status) = claims.get("status") {
        doc["credentialStatus"] = json!({"type": "TokenStatusList", "status": status});
    }
    doc
}

/// The shape an SD-JWT VC must have: an issuer, and a type (`vct`) or a credential.
/// A VC-JOSE-COSE `vc+sd-jwt` is the credential itself: its `issuer` names the issuer.
pub fn shape(claims: &Value) -> Result<String, String> {
    let vc_issuer = claims.get("@context").is_some()
        && match claims.get("issuer") {
            Some(Value::String(_)) => true,
            Some(Value::Object(o)) => o.get("id").is_some_and(Value::is_string),
            _ => false,
        };
    if claims.get("iss").and_then(Value::as_str).is_none()
        && claims.get("vc").is_none()
        && !vc_issuer
    {
        return Err("the SD-JWT names no issuer (`iss`, or the credential's `issuer`)".into());
    }
    match (claims.get("vct"), claims.get("vc"), claims.get("@context")) {
        (Some(Value::String(vct)), _, _) => Ok(format!("SD-JWT VC of type {vct}")),
        (_, Some(_), _) => Ok("Verifiable Credential (VC-JWT) with selective disclosure".into()),
        (_, _, Some(_)) => Ok("Verifiable Credential with selective disclosure".into()),
        _ => Err("the SD-JWT has no `vct` (an SD-JWT VC's type) and carries no credential".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(v: &Value) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    }

    /// An unsigned token (the signature is not this module's business).
    fn token(payload: &Value) -> String {
        format!(
            "{}.{}.c2ln",
            b64(&json!({"alg": "ES256", "typ": "dc+sd-jwt"})),
            b64(payload)
        )
    }

    #[test]
    fn disclosures_are_put_back_and_withheld_ones_counted() {
        let name = b64(&json!(["salt1", "achievement_title", "Data Literacy"]));
        let outcome = b64(&json!(["salt2", "Reads charts"]));
        let hidden = b64(&json!(["salt3", "grade", "A"]));
        let payload = json!({
            "iss": "https://issuer.example", "vct": "urn:x",
            "_sd": [digest("sha-256", &name).unwrap(), digest("sha-256", &hidden).unwrap()],
            "learning_outcomes": [{"...": digest("sha-256", &outcome).unwrap()}],
            "_sd_alg": "sha-256"
        });
        let sd = parse(&format!("{}~{name}~{outcome}~", token(&payload))).unwrap();
        assert_eq!(sd.claims["achievement_title"], "Data Literacy");
        assert_eq!(sd.claims["learning_outcomes"], json!(["Reads charts"]));
        assert_eq!(sd.withheld, 1);
        assert_eq!(sd.key_binding, KeyBinding::None);
        assert!(sd.claims.get("_sd").is_none() && sd.claims.get("_sd_alg").is_none());
        // A disclosure from elsewhere, a digest given twice, a name already there.
        let stranger = b64(&json!(["salt9", "grade", "A+"]));
        assert!(parse(&format!("{}~{name}~{stranger}~", token(&payload))).is_err());
        let twice = json!({"iss": "x", "vct": "v", "_sd": [digest("sha-256", &name).unwrap(), digest("sha-256", &name).unwrap()]});
        assert!(parse(&format!("{}~{name}~", token(&twice))).is_err());
        let clash = json!({"iss": "x", "vct": "v", "achievement_title": "Other", "_sd": [digest("sha-256", &name).unwrap()]});
        assert!(parse(&format!("{}~{name}~", token(&clash))).is_err());
    }

    #[test]
    fn a_credential_secured_as_an_sd_jwt_is_issued_by_its_issuer() {
        // VC-JOSE-COSE `vc+sd-jwt` (the VC Data Model 2.0's own examples): no `iss`.
        let vc = json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "issuer": "https://university.example/issuers/14", "type": ["VerifiableCredential"]});
        assert!(shape(&vc).is_ok());
        let object = json!({"@context": [], "issuer": {"id": "did:example:1"}});
        assert!(shape(&object).is_ok());
        assert!(shape(&json!({"@context": [], "issuer": 7})).is_err());
        assert!(
            shape(&json!({"vct": "urn:x"}))
                .unwrap_err()
                .contains("names no issuer")
        );
    }
}
