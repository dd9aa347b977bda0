//! Embedded proofs (Data Integrity): finding them, checking each one, and combining
//! the results into the signature and key checks.
//!
//! Suites: `DataIntegrityProof` with `eddsa-rdfc-2022` (old name `eddsa-2022`) and
//! `eddsa-jcs-2022`, `Ed25519Signature2020`, and `Ed25519Signature2018` (detached
//! JWS). The RDFC suites all sign `sha256(canonical proof config) ‖
//! sha256(canonical document)`; they differ only in how the signature is carried.
//! A proof set is checked proof by proof; a proof chain (`previousProof`) puts the
//! earlier proofs back into the document it signs.

use base64::Engine;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::ecdsa_sd;
use super::ed25519::ed25519_verify;
use super::jsonld::{self, Choice, LdError};
use super::keys::{self, KeyError, ResolvedKey};
use super::{Input, Options, Outcome, contexts};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suite {
    /// `DataIntegrityProof` + `eddsa-rdfc-2022`/`eddsa-2022`, or `Ed25519Signature2020`.
    Rdfc,
    Jcs,
    Jws2018,
    /// `ecdsa-sd-2023`: RDFC statements signed one by one (`ecdsa_sd`).
    EcdsaSd,
}

/// What became of one proof's signature.
#[derive(Debug, Clone)]
pub enum Sig {
    /// Valid; the note says so when an older context variant was needed.
    Valid(Option<String>),
    Invalid(String),
    /// Could not be checked here (unsupported suite, key not available offline…).
    Unchecked(String),
}

#[derive(Debug, Clone)]
pub struct ProofReport {
    pub suite: String,
    pub method: Option<String>,
    pub purpose: Option<String>,
    pub sig: Sig,
    pub key: Result<ResolvedKey, KeyError>,
}

/// All proofs of one credential.
#[derive(Debug, Default)]
pub struct Proofs {
    pub reports: Vec<ProofReport>,
    /// Safe-mode expansion of the unsigned document: `None` if not attempted.
    safe: Option<Result<(), String>>,
}

impl Proofs {
    pub fn suites(&self) -> Option<String> {
        if self.reports.is_empty() {
            return None;
        }
        Some(
            self.reports
                .iter()
                .map(|r| r.suite.as_str())
                .collect::<Vec<_>>()
                .join(","),
        )
    }

    pub fn unsafe_terms(&self) -> Option<Result<(), String>> {
        self.safe.clone()
    }

    pub fn signature_outcome(&self) -> (Outcome, String) {
        if self.reports.is_empty() {
            return (
                Outcome::Fail,
                "the credential has no proof: it is not signed".into(),
            );
        }
        let many = self.reports.len() > 1;
        let label = |i: usize, r: &ProofReport| {
            if many {
                format!("proof {} ({})", i + 1, r.suite)
            } else {
                r.suite.clone()
            }
        };
        let mut valid = Vec::new();
        let mut unchecked = Vec::new();
        for (i, r) in self.reports.iter().enumerate() {
            match &r.sig {
                Sig::Invalid(why) => {
                    return (Outcome::Fail, format!("{}: {why}", label(i, r)));
                }
                Sig::Valid(note) => valid.push(match note {
                    Some(n) => format!("{} valid ({n})", label(i, r)),
                    None => format!("{} valid", label(i, r)),
                }),
                Sig::Unchecked(why) => unchecked.push(format!("{}: {why}", label(i, r))),
            }
        }
        match (valid.is_empty(), unchecked.is_empty()) {
            (false, true) => (Outcome::Pass, valid.join("; ")),
            (false, false) => (
                Outcome::Pass,
                format!(
                    "{}; not checked: {}",
                    valid.join("; "),
                    unchecked.join("; ")
                ),
            ),
            (true, _) => (Outcome::Skipped, unchecked.join("; ")),
        }
    }

    /// The key check, made on the proofs whose signature verified: one of them must be
    /// by a key that belongs to the issuer, may assert, and was used for
    /// `assertionMethod`. The detail names that proof. Other proofs of a set (an
    /// unsupported suite, an endorser's proof) neither pass nor fail it.
    pub fn key_outcome(&self, issuer: Option<&str>) -> (Outcome, String) {
        if self.reports.is_empty() {
            return (Outcome::Skipped, "no proof, so no key".into());
        }
        let many = self.reports.len() > 1;
        let label = |i: usize, r: &ProofReport| {
            if many {
                format!("proof {} ({}): ", i + 1, r.suite)
            } else {
                String::new()
            }
        };
        let valid: Vec<(usize, &ProofReport)> = self
            .reports
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r.sig, Sig::Valid(_)))
            .collect();
        if valid.is_empty() {
            // No signature verified: report why no key could be used.
            let mut skipped = Vec::new();
            for (i, r) in self.reports.iter().enumerate() {
                match &r.key {
                    Err(KeyError::Invalid(why)) if !many => return (Outcome::Fail, why.clone()),
                    Err(KeyError::Invalid(why) | KeyError::Unresolvable(why)) => {
                        skipped.push(format!("{}{why}", label(i, r)))
                    }
                    Ok(_) => {}
                }
            }
            if skipped.is_empty() {
                return (
                    Outcome::Skipped,
                    "no proof verified, so no key was checked".into(),
                );
            }
            return (Outcome::Skipped, skipped.join("; "));
        }
        let mut failure: Option<(Outcome, String)> = None;
        for (i, r) in valid {
            match key_of_proof(r, issuer) {
                Ok(detail) => return (Outcome::Pass, format!("{}{detail}", label(i, r))),
                Err((outcome, why)) => {
                    let why = format!("{}{why}", label(i, r));
                    // A failure says more than a skip; the first of each is kept.
                    match (&failure, outcome) {
                        (None, _) | (Some((Outcome::Skipped, _)), Outcome::Fail) => {
                            failure = Some((outcome, why))
                        }
                        _ => {}
                    }
                }
            }
        }
        failure.unwrap_or((Outcome::Skipped, "no checked proof has a key".into()))
    }
}

/// Whether one verified proof's key is the issuer's and may assert.
fn key_of_proof(r: &ProofReport, issuer: Option<&str>) -> Result<String, (Outcome, String)> {
    let method = r.method.as_deref().unwrap_or("(none)");
    let key = match &r.key {
        Err(KeyError::Invalid(why)) => return Err((Outcome::Fail, why.clone())),
        Err(KeyError::Unresolvable(why)) => return Err((Outcome::Skipped, why.clone())),
        Ok(key) if !key.authenticated => return Err((Outcome::Skipped, key.source.clone())),
        Ok(key) => key,
    };
    let controller = key.controller.as_deref().unwrap_or("");
    if !key.controlled_by(issuer) {
        return Err((
            Outcome::Fail,
            format!(
                "key {method} belongs to {controller}, not to the issuer {}",
                issuer.unwrap_or("(none)")
            ),
        ));
    }
    if r.purpose.as_deref() != Some("assertionMethod") {
        return Err((
            Outcome::Fail,
            format!(
                "proof purpose is {}, not assertionMethod",
                r.purpose.as_deref().unwrap_or("missing")
            ),
        ));
    }
    if !key.may_assert {
        return Err((
            Outcome::Fail,
            format!("{method} is not listed as an assertion method of {controller}"),
        ));
    }
    Ok(format!("{method} ({}) belongs to the issuer", key.source))
}

/// A proof whose `expires` has passed no longer vouches for the credential (VC Data
/// Integrity, "Verify Proof": PROOF_EXPIRED). The detail for the validity check.
pub fn expired(doc: &Value, now: chrono::DateTime<chrono::Utc>) -> Option<(Outcome, String)> {
    let proofs: Vec<&Value> = match doc.get("proof")? {
        Value::Array(items) => items.iter().collect(),
        p => vec![p],
    };
    proofs.iter().find_map(|p| {
        let text = p.get("expires")?.as_str()?;
        let when = match super::credential::parse_datetime(text) {
            Some(when) => when,
            None => {
                return Some((
                    Outcome::Fail,
                    format!("the proof's `expires` is not a date-time: `{text}`"),
                ));
            }
        };
        (when <= now).then(|| {
            let why = format!("the proof expired on {}", when.to_rfc3339());
            (Outcome::Warn, why)
        })
    })
}

/// Verifies every proof of `doc`.
pub fn verify_all(doc: &Value, opts: &Options, inputs: &mut Vec<Input>) -> Proofs {
    let proofs: Vec<&Value> = match doc.get("proof") {
        None | Some(Value::Null) => return Proofs::default(),
        Some(Value::Array(items)) => items.iter().collect(),
        Some(p) => vec![p],
    };
    let mut unsecured = doc.as_object().cloned().unwrap_or_default();
    unsecured.remove("proof");

    let mut verifier = Verifier {
        unsecured: Value::Object(unsecured),
        safe: None,
        plain_canonical: None,
        used_contexts: Vec::new(),
    };
    let needs_rdf = proofs.iter().any(|p| {
        matches!(
            suite_of(p),
            Ok(Suite::Rdfc | Suite::Jws2018 | Suite::EcdsaSd)
        )
    });
    if needs_rdf {
        verifier.check_safe_mode();
    }

    let mut reports = Vec::new();
    for proof in &proofs {
        reports.push(verifier.verify_one(proof, &proofs, opts, inputs));
    }
    for (url, index) in verifier.used_contexts {
        if let Some(v) = contexts::variants(url).and_then(|l| l.get(index)) {
            let input = Input::new("context", v.describe(), v.bytes);
            if !inputs.contains(&input) {
                inputs.push(input);
            }
        }
    }
    Proofs {
        reports,
        safe: verifier.safe,
    }
}

struct Verifier {
    unsecured: Value,
    safe: Option<Result<(), String>>,
    /// The unsecured document canonicalised with current contexts (no earlier proofs).
    plain_canonical: Option<Result<String, LdError>>,
    used_contexts: Vec<(&'static str, usize)>,
}

impl Verifier {
    /// Expands the unsigned document in safe mode; on success the canonical form is
    /// kept, since it equals what the standard expansion would give.
    fn check_safe_mode(&mut self) {
        match jsonld::canonicalize(&self.unsecured, &Choice::new(), true) {
            Ok(c) => {
                self.safe = Some(Ok(()));
                self.note_contexts(&c.contexts, &Choice::new());
                self.plain_canonical = Some(Ok(c.nquads));
            }
            Err(LdError::Undefined(term)) => {
                self.safe = Some(Err(LdError::Undefined(term).to_string()));
            }
            Err(other) => self.plain_canonical = Some(Err(other)),
        }
    }

    fn note_contexts(&mut self, urls: &[&'static str], choice: &Choice) {
        for url in urls {
            let entry = (*url, choice.get(url).copied().unwrap_or(0));
            if !self.used_contexts.contains(&entry) {
                self.used_contexts.push(entry);
            }
        }
    }

    fn verify_one(
        &mut self,
        proof: &Value,
        all: &[&Value],
        opts: &Options,
        inputs: &mut Vec<Input>,
    ) -> ProofReport {
        let suite_name = proof
            .get("cryptosuite")
            .and_then(Value::as_str)
            .or_else(|| proof.get("type").and_then(Value::as_str))
            .unwrap_or("unknown")
            .to_string();
        let method = match proof.get("verificationMethod") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Object(o)) => o.get("id").and_then(Value::as_str).map(str::to_string),
            _ => None,
        };
        let purpose = proof
            .get("proofPurpose")
            .and_then(Value::as_str)
            .map(str::to_string);
        let key = match &method {
            Some(m) => keys::resolve(m, opts, inputs),
            None => Err(KeyError::Invalid(
                "the proof has no verificationMethod".into(),
            )),
        };
        let sig = match (suite_of(proof), &key) {
            (Err(why), _) => Sig::Unchecked(why),
            (Ok(_), Err(KeyError::Unresolvable(why))) => {
                Sig::Unchecked(format!("key not available: {why}"))
            }
            (Ok(_), Err(KeyError::Invalid(why))) => Sig::Unchecked(format!("no usable key: {why}")),
            (Ok(suite), Ok(key)) => match key_fits(proof, &key.key) {
                Ok(()) => self.check_signature(suite, proof, all, &key.key),
                Err(why) => Sig::Invalid(format!("{suite_name} {why}")),
            },
        };
        ProofReport {
            suite: suite_name,
            method,
            purpose,
            sig,
            key,
        }
    }

    fn check_signature(
        &mut self,
        suite: Suite,
        proof: &Value,
        all: &[&Value],
        key: &keys::PublicKey,
    ) -> Sig {
        let Some(proof) = proof.as_object() else {
            return Sig::Invalid("the proof is not an object".into());
        };
        let doc = match self.document_for(proof, all) {
            Ok(d) => d,
            Err(why) => return Sig::Invalid(why),
        };
        match suite {
            Suite::Jcs => jcs(doc, proof, key),
            Suite::Rdfc | Suite::Jws2018 | Suite::EcdsaSd => {
                let signature = match signature_bytes(suite, proof) {
                    Ok(s) => s,
                    Err(why) => return Sig::Invalid(why),
                };
                // A Data Integrity proof with an `@context` of its own: the
                // document must start with it and is verified under it (VC Data
                // Integrity, "Verify Proof"), so its canonical form is worked out
                // anew, not taken from the plain document's.
                let mut doc = doc;
                let mut fresh_document = proof.contains_key("previousProof");
                if let Some(proof_ctx) = proof.get("@context")
                    && proof.get("type").and_then(Value::as_str) == Some("DataIntegrityProof")
                {
                    if !context_prefix(proof_ctx, doc.get("@context")) {
                        return Sig::Invalid(
                            "the proof's @context is not a prefix of the credential's".into(),
                        );
                    }
                    doc["@context"] = proof_ctx.clone();
                    fresh_document = true;
                }
                self.rdf_signature(&doc, proof, &signature, key, suite, fresh_document)
            }
        }
    }

    /// The document a proof signed: without proofs, plus the proofs its
    /// `previousProof` names.
    fn document_for(&self, proof: &Map<String, Value>, all: &[&Value]) -> Result<Value, String> {
        let Some(previous) = proof.get("previousProof") else {
            return Ok(self.unsecured.clone());
        };
        let ids: Vec<&str> = match previous {
            Value::String(s) => vec![s.as_str()],
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => return Err("previousProof must be a proof id or a list of them".into()),
        };
        let mut earlier = Vec::new();
        for id in ids {
            let found = all
                .iter()
                .find(|p| p.get("id").and_then(Value::as_str) == Some(id))
                .ok_or_else(|| format!("previousProof `{id}` is not among the proofs"))?;
            earlier.push((*found).clone());
        }
        let mut doc = self.unsecured.clone();
        let value = if earlier.len() == 1 {
            earlier.remove(0)
        } else {
            Value::Array(earlier)
        };
        doc.as_object_mut()
            .expect("object")
            .insert("proof".into(), value);
        Ok(doc)
    }

    fn rdf_signature(
        &mut self,
        doc: &Value,
        proof: &Map<String, Value>,
        signature: &SignedBy,
        key: &keys::PublicKey,
        suite: Suite,
        has_chain: bool,
    ) -> Sig {
        let configs = proof_configs(proof, doc);
        let safe = matches!(self.safe, Some(Ok(())));

        // First with each context URL's current content.
        let default = Choice::new();
        let doc_canonical = match (&self.plain_canonical, has_chain) {
            (Some(Ok(c)), false) => Ok(c.clone()),
            // Too large is too large whatever the proofs: not worked out again.
            (Some(Err(e @ LdError::TooComplex(_))), _) => return Sig::Unchecked(e.to_string()),
            _ => jsonld::canonicalize(doc, &default, safe).map(|c| c.nquads),
        };
        let doc_canonical = match doc_canonical {
            Ok(c) => c,
            Err(e @ (LdError::UnknownContext(_) | LdError::TooComplex(_))) => {
                return Sig::Unchecked(e.to_string());
            }
            Err(e) => return Sig::Invalid(e.to_string()),
        };
        let mut urls: Vec<&'static str> = Vec::new();
        for config in &configs {
            let config_canonical = match jsonld::canonicalize(config, &default, false) {
                Ok(c) => c,
                Err(e @ (LdError::UnknownContext(_) | LdError::TooComplex(_))) => {
                    return Sig::Unchecked(e.to_string());
                }
                Err(e) => return Sig::Invalid(format!("proof options: {e}")),
            };
            if signature.verify(&config_canonical.nquads, &doc_canonical, key, suite) {
                return Sig::Valid(signature.note());
            }
            for url in config_canonical.contexts.iter().copied() {
                if !urls.contains(&url) {
                    urls.push(url);
                }
            }
        }

        // Then with each earlier published content of each context the document and
        // the proof options use (a proof with its own `@context` names others).
        for url in top_contexts(doc) {
            if let Some((&known, _)) = contexts::registry().get_key_value(url)
                && !urls.contains(&known)
            {
                urls.push(known);
            }
        }
        for url in urls {
            let Some(variants) = contexts::variants(url) else {
                continue;
            };
            for (index, variant) in variants.iter().enumerate().skip(1) {
                let choice: Choice = [(url, index)].into();
                let Ok(d) = jsonld::canonicalize(doc, &choice, false) else {
                    continue;
                };
                for config in &configs {
                    let Ok(c) = jsonld::canonicalize(config, &choice, false) else {
                        continue;
                    };
                    if signature.verify(&c.nquads, &d.nquads, key, suite) {
                        self.note_contexts(&d.contexts, &choice);
                        return Sig::Valid(Some(format!(
                            "under an earlier published version of a context: {}",
                            variant.describe()
                        )));
                    }
                }
            }
        }
        Sig::Invalid(
            "signature does not match the credential (it was altered, or signed by another key)"
                .into(),
        )
    }
}

/// How the signature is carried: a multibase `proofValue`, or a detached JWS.
enum SignedBy {
    /// The multibase `proofValue`'s bytes (64 for Ed25519 and P-256, 96 for P-384).
    ProofValue(Vec<u8>),
    DetachedJws {
        header_b64: String,
        signature: [u8; 64],
    },
    /// An `ecdsa-sd-2023` base or derived proof.
    Selective(ecdsa_sd::SdProof),
}

impl SignedBy {
    /// What a valid signature of this kind means beyond "valid".
    fn note(&self) -> Option<String> {
        match self {
            SignedBy::Selective(sd) if sd.is_derived() => Some(
                "a selective disclosure: this copy holds what its holder chose to show of what the issuer signed"
                    .into(),
            ),
            _ => None,
        }
    }

    /// Checks the signature over the hashes of the proof options and the document:
    /// SHA-256 of each for Ed25519 and P-256, SHA-384 for P-384 (ecdsa-rdfc-2019 and
    /// ecdsa-jcs-2019), ECDSA signatures as IEEE P1363 `r ‖ s`.
    fn verify(&self, config: &str, doc: &str, key: &keys::PublicKey, _suite: Suite) -> bool {
        use p256::ecdsa::signature::Verifier as _;
        let sha256 = || {
            let mut hashes = Vec::with_capacity(64);
            hashes.extend_from_slice(&Sha256::digest(config.as_bytes()));
            hashes.extend_from_slice(&Sha256::digest(doc.as_bytes()));
            hashes
        };
        match (self, key) {
            (SignedBy::Selective(sd), key) => ecdsa_sd::verify(sd, config, doc, key),
            (SignedBy::ProofValue(sig), keys::PublicKey::Ed25519(k)) => {
                let Ok(sig) = <[u8; 64]>::try_from(sig.as_slice()) else {
                    return false;
                };
                ed25519_verify(k, &sha256(), &sig)
            }
            (SignedBy::ProofValue(sig), keys::PublicKey::P256(k)) => {
                p256::ecdsa::Signature::from_slice(sig)
                    .is_ok_and(|sig| k.verify(&sha256(), &sig).is_ok())
            }
            (SignedBy::ProofValue(sig), keys::PublicKey::P384(k)) => {
                let mut hashes = Vec::with_capacity(96);
                hashes.extend_from_slice(&sha2::Sha384::digest(config.as_bytes()));
                hashes.extend_from_slice(&sha2::Sha384::digest(doc.as_bytes()));
                p384::ecdsa::Signature::from_slice(sig)
                    .is_ok_and(|sig| k.verify(&hashes, &sig).is_ok())
            }
            (
                SignedBy::DetachedJws {
                    header_b64,
                    signature,
                },
                keys::PublicKey::Ed25519(k),
            ) => {
                let hashes = sha256();
                let mut data = Vec::with_capacity(header_b64.len() + 1 + 64);
                data.extend_from_slice(header_b64.as_bytes());
                data.push(b'.');
                data.extend_from_slice(&hashes);
                ed25519_verify(k, &data, signature)
            }
            _ => false,
        }
    }
}

/// Whether the proof's suite can be made with `key`: an EdDSA suite (and
/// Ed25519Signature2020/2018) needs an Ed25519 key, an ECDSA one a P-256 or P-384 key.
fn key_fits(proof: &Value, key: &keys::PublicKey) -> Result<(), String> {
    let ecdsa = proof
        .get("cryptosuite")
        .and_then(Value::as_str)
        .is_some_and(|c| c.starts_with("ecdsa-"));
    match (ecdsa, key) {
        (false, keys::PublicKey::Ed25519(_)) => Ok(()),
        (true, keys::PublicKey::P256(_) | keys::PublicKey::P384(_)) => Ok(()),
        (false, other) => Err(format!(
            "needs an Ed25519 key, but the method holds a {} key",
            other.kind()
        )),
        (true, other) => Err(format!(
            "needs a P-256 or P-384 key, but the method holds a {} key",
            other.kind()
        )),
    }
}

fn suite_of(proof: &Value) -> Result<Suite, String> {
    let ty = proof.get("type").and_then(Value::as_str).unwrap_or("");
    match ty {
        "DataIntegrityProof" => match proof.get("cryptosuite").and_then(Value::as_str) {
            Some("eddsa-rdfc-2022" | "eddsa-2022" | "ecdsa-rdfc-2019") => Ok(Suite::Rdfc),
            Some("eddsa-jcs-2022" | "ecdsa-jcs-2019") => Ok(Suite::Jcs),
            Some("bbs-2023") => Err(
                "bbs-2023 (BBS selective disclosure) is recognised but not verified: there is no well-kept pure-Rust BBS verifier yet; check it with the issuer's verifier, or ask for a copy signed with eddsa-rdfc-2022 or ecdsa-rdfc-2019".into(),
            ),
            Some("ecdsa-sd-2023") => Ok(Suite::EcdsaSd),
            Some(other) => Err(format!(
                "unsupported cryptosuite `{other}` (folio verifies eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, ecdsa-jcs-2019, Ed25519Signature2020 and Ed25519Signature2018; ask the issuer for an Open Badges 3.0 export signed with one of them)"
            )),
            None => Err("DataIntegrityProof without a cryptosuite".into()),
        },
        "Ed25519Signature2020" => Ok(Suite::Rdfc),
        "Ed25519Signature2018" => Ok(Suite::Jws2018),
        "" => Err("the proof has no type".into()),
        other => Err(format!(
            "unsupported proof type `{other}` (folio verifies DataIntegrityProof with eddsa-rdfc-2022 or eddsa-jcs-2022, Ed25519Signature2020 and Ed25519Signature2018; ask the issuer for an Open Badges 3.0 export signed with one of them)"
        )),
    }
}

fn signature_bytes(suite: Suite, proof: &Map<String, Value>) -> Result<SignedBy, String> {
    if suite == Suite::Jws2018 {
        let jws = proof
            .get("jws")
            .and_then(Value::as_str)
            .ok_or("the Ed25519Signature2018 proof has no `jws`")?;
        return detached_jws(jws);
    }
    let value = proof
        .get("proofValue")
        .and_then(Value::as_str)
        .ok_or("the proof has no proofValue")?;
    if suite == Suite::EcdsaSd {
        return ecdsa_sd::parse(value).map(SignedBy::Selective);
    }
    decode_multibase_signature(value).map(SignedBy::ProofValue)
}

/// A multibase base58btc signature of 64 or 96 bytes (Ed25519 and P-256, P-384).
fn decode_multibase_signature(value: &str) -> Result<Vec<u8>, String> {
    let body = value
        .strip_prefix('z')
        .ok_or("proofValue is not multibase base58btc (it must start with `z`)")?;
    let bytes = bs58::decode(body)
        .into_vec()
        .map_err(|_| "proofValue is not valid base58")?;
    match bytes.len() {
        64 | 96 => Ok(bytes),
        n => Err(format!(
            "proofValue is {n} bytes, not a 64- or 96-byte signature"
        )),
    }
}

/// A multibase base58btc Ed25519 signature: strip exactly one `z` (values may start
/// `zz`).
pub fn decode_proof_value(value: &str) -> Result<[u8; 64], String> {
    decode_multibase_signature(value)?
        .try_into()
        .map_err(|b: Vec<u8>| format!("proofValue is {} bytes, not a 64-byte signature", b.len()))
}

fn detached_jws(jws: &str) -> Result<SignedBy, String> {
    let mut parts = jws.split('.');
    let (Some(header_b64), Some(""), Some(sig_b64), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("`jws` is not a detached JWS (header..signature)".into());
    };
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let header: Value = b64
        .decode(header_b64)
        .ok()
        .and_then(|h| serde_json::from_slice(&h).ok())
        .ok_or("the JWS header is not base64url JSON")?;
    if header.get("alg").and_then(Value::as_str) != Some("EdDSA") {
        return Err("the JWS algorithm is not EdDSA".into());
    }
    if header.get("b64") != Some(&Value::Bool(false))
        || !header
            .get("crit")
            .and_then(Value::as_array)
            .is_some_and(|c| c.iter().any(|v| v == "b64"))
    {
        return Err("the JWS header must have b64: false and crit: [\"b64\"]".into());
    }
    let signature: [u8; 64] = b64
        .decode(sig_b64)
        .map_err(|_| "the JWS signature is not base64url".to_string())?
        .try_into()
        .map_err(|_| "the JWS signature is not 64 bytes".to_string())?;
    Ok(SignedBy::DetachedJws {
        header_b64: header_b64.to_string(),
        signature,
    })
}

/// The proof options as they may have been signed. Without an `@context` of their
/// own: under the document's. With one, both ways implementations read it: the
/// proof's own alone (jsonld-signatures: `{'@context': document['@context'],
/// ...proof}`, and VC Data Integrity, where the document was checked to start with
/// it), and the document's followed by the proof's (didkit/ssi, which LearnCard
/// uses, expands the options with the parent document's contexts first).
fn proof_configs(proof: &Map<String, Value>, doc: &Value) -> Vec<Value> {
    let mut config = proof.clone();
    config.remove("proofValue");
    config.remove("jws");
    let Some(own) = config.get("@context").cloned() else {
        if let Some(ctx) = doc.get("@context") {
            config.insert("@context".into(), ctx.clone());
        }
        return vec![Value::Object(config)];
    };
    let as_list = |v: &Value| match v {
        Value::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    let mut merged = doc.get("@context").map(as_list).unwrap_or_default();
    merged.extend(as_list(&own));
    let mut second = config.clone();
    second.insert("@context".into(), Value::Array(merged));
    vec![Value::Object(config), Value::Object(second)]
}

/// The context URLs a document names at its top.
fn top_contexts(doc: &Value) -> Vec<&str> {
    match doc.get("@context") {
        Some(Value::String(url)) => vec![url.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Whether the document's `@context` starts with every entry of the proof's, in
/// order.
fn context_prefix(proof_ctx: &Value, doc_ctx: Option<&Value>) -> bool {
    let as_list = |v: &Value| match v {
        Value::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    let doc = doc_ctx.map(as_list).unwrap_or_default();
    let proof = as_list(proof_ctx);
    proof.len() <= doc.len() && doc[..proof.len()] == proof[..]
}

/// eddsa-jcs-2022: the same hash-and-sign over JCS (RFC 8785) serialisations.
fn jcs(mut doc: Value, proof: &Map<String, Value>, key: &keys::PublicKey) -> Sig {
    let signature = match proof
        .get("proofValue")
        .and_then(Value::as_str)
        .ok_or_else(|| "the proof has no proofValue".to_string())
        .and_then(decode_multibase_signature)
    {
        Ok(s) => s,
        Err(why) => return Sig::Invalid(why),
    };
    let mut config = proof.clone();
    config.remove("proofValue");
    if let Some(proof_ctx) = config.get("@context") {
        // The proof's context must be a prefix of the document's; the document is
        // then signed under the proof's context.
        if !context_prefix(proof_ctx, doc.get("@context")) {
            return Sig::Invalid("the proof's @context is not a prefix of the credential's".into());
        }
        doc["@context"] = proof_ctx.clone();
    }
    let Ok(d) = serde_json_canonicalizer::to_string(&doc) else {
        return Sig::Invalid("the credential cannot be serialised with JCS".into());
    };
    let signed_by = SignedBy::ProofValue(signature);
    // The proof options as signed today (with the document's @context), then as drafts
    // of eddsa-jcs-2022 before 2024 signed them (without).
    let legacy = config.clone();
    if let Some(ctx) = doc.get("@context") {
        config.insert("@context".into(), ctx.clone());
    }
    for (options, note) in [
        (config, None),
        (
            legacy,
            Some("proof options signed without @context, as drafts before 2024 did"),
        ),
    ] {
        let Ok(c) = serde_json_canonicalizer::to_string(&Value::Object(options)) else {
            continue;
        };
        if signed_by.verify(&c, &d, key, Suite::Jcs) {
            return Sig::Valid(note.map(str::to_string));
        }
    }
    Sig::Invalid(
        "signature does not match the credential (it was altered, or signed by another key)".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proof_values() {
        assert!(decode_proof_value("abc").is_err());
        assert!(decode_proof_value("z1111").unwrap_err().contains("bytes"));
    }
}
