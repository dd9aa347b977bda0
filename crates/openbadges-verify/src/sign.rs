//! Signing credentials with Ed25519 Data Integrity proofs.
//!
//! folio does not issue badges; this exists so folio can make its own sample badges
//! (the theme-check portfolio, benchmarks, tests) with exactly the algorithms the
//! verifier checks, from a key given as 32 seed bytes.

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::jsonld::{self, Choice, LdError};

/// A signing key and the did:key that names it.
pub struct Issuer {
    key: SigningKey,
    pub did: String,
    method: String,
}

impl Issuer {
    /// An issuer identified by the did:key of its key.
    pub fn from_seed(seed: [u8; 32]) -> Issuer {
        let key = SigningKey::from_bytes(&seed);
        let multikey = public_multikey(&key);
        Issuer {
            key,
            did: format!("did:key:{multikey}"),
            method: format!("did:key:{multikey}#{multikey}"),
        }
    }

    /// An issuer with its own DID (did:web, say) whose document lists the key as
    /// `DID#key-1`; see [`Issuer::did_document`].
    pub fn with_did(seed: [u8; 32], did: &str) -> Issuer {
        Issuer {
            key: SigningKey::from_bytes(&seed),
            did: did.to_string(),
            method: format!("{did}#key-1"),
        }
    }

    /// The verification method proofs name.
    pub fn method(&self) -> String {
        self.method.clone()
    }

    /// A DID document listing this issuer's key as a Multikey assertion method.
    pub fn did_document(&self) -> Value {
        json!({
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": self.did,
            "verificationMethod": [{
                "id": self.method,
                "type": "Multikey",
                "controller": self.did,
                "publicKeyMultibase": public_multikey(&self.key)
            }],
            "assertionMethod": [self.method]
        })
    }

    fn proof(&self, cryptosuite: &str, created: &str) -> Value {
        json!({
            "type": "DataIntegrityProof",
            "cryptosuite": cryptosuite,
            "created": created,
            "verificationMethod": self.method(),
            "proofPurpose": "assertionMethod",
        })
    }

    fn finish(&self, mut doc: Value, mut proof: Value, config: &[u8], body: &[u8]) -> Value {
        let mut data = Sha256::digest(config).to_vec();
        data.extend_from_slice(&Sha256::digest(body));
        let sig = self.key.sign(&data);
        proof["proofValue"] = json!(format!("z{}", bs58::encode(sig.to_bytes()).into_string()));
        doc["proof"] = proof;
        doc
    }

    /// Adds an `eddsa-rdfc-2022` proof to `doc` (which must not have one).
    pub fn sign_rdfc(&self, doc: Value, created: &str) -> Result<Value, LdError> {
        let proof = self.proof("eddsa-rdfc-2022", created);
        let mut config = proof.clone();
        config["@context"] = doc["@context"].clone();
        let c = jsonld::canonicalize(&config, &Choice::new(), true)?.nquads;
        let d = jsonld::canonicalize(&doc, &Choice::new(), true)?.nquads;
        Ok(self.finish(doc, proof, c.as_bytes(), d.as_bytes()))
    }

    /// Signs a Verifiable Presentation as its holder (this key's DID): an
    /// `eddsa-rdfc-2022` proof for `authentication`, bound to `domain` and answering
    /// `challenge`, as a wallet signs one for a site.
    pub fn sign_presentation(
        &self,
        vp: Value,
        created: &str,
        domain: &str,
        challenge: &str,
    ) -> Result<Value, LdError> {
        let mut proof = self.proof("eddsa-rdfc-2022", created);
        proof["proofPurpose"] = json!("authentication");
        proof["domain"] = json!(domain);
        proof["challenge"] = json!(challenge);
        let mut config = proof.clone();
        config["@context"] = vp["@context"].clone();
        let c = jsonld::canonicalize(&config, &Choice::new(), true)?.nquads;
        let d = jsonld::canonicalize(&vp, &Choice::new(), true)?.nquads;
        Ok(self.finish(vp, proof, c.as_bytes(), d.as_bytes()))
    }

    /// Adds an `eddsa-jcs-2022` proof to `doc`.
    pub fn sign_jcs(&self, doc: Value, created: &str) -> Value {
        let proof = self.proof("eddsa-jcs-2022", created);
        let mut config = proof.clone();
        config["@context"] = doc["@context"].clone();
        let c = serde_json_canonicalizer::to_vec(&config).expect("JSON values serialise");
        let d = serde_json_canonicalizer::to_vec(&doc).expect("JSON values serialise");
        self.finish(doc, proof, &c, &d)
    }

    /// The credential as a VC-JWT (VC data model 1.1 claims: `iss`, `jti`, `nbf`,
    /// `vc`), signed with EdDSA; `validFrom` and `id` move into the claims.
    pub fn sign_vc_jwt(&self, doc: &Value) -> String {
        use base64::Engine;
        let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
        let mut vc = doc.clone();
        if let Some(obj) = vc.as_object_mut() {
            obj.remove("validFrom");
            obj.remove("id");
        }
        let nbf = doc["validFrom"]
            .as_str()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.timestamp());
        let claims = json!({"iss": self.did, "jti": doc["id"], "nbf": nbf, "vc": vc});
        let header = json!({"alg": "EdDSA", "typ": "JWT", "kid": self.method()});
        let input = format!(
            "{}.{}",
            b64(header.to_string().as_bytes()),
            b64(claims.to_string().as_bytes())
        );
        let sig = self.key.sign(input.as_bytes());
        format!("{input}.{}", b64(&sig.to_bytes()))
    }
}

/// `z…` base58btc multikey of the Ed25519 public key.
fn public_multikey(key: &SigningKey) -> String {
    let mut multikey = vec![0xed, 0x01];
    multikey.extend_from_slice(key.verifying_key().as_bytes());
    format!("z{}", bs58::encode(multikey).into_string())
}

/// A signed `BitstringStatusListCredential` at `url` with the bits in `set` on (16 KiB
/// of bits, gzip, multibase base64url as the spec requires).
pub fn status_list(
    issuer: &Issuer,
    url: &str,
    purpose: &str,
    set: &[usize],
) -> Result<Value, LdError> {
    use base64::Engine;
    let mut bits = vec![0u8; 16 * 1024];
    for &i in set {
        bits[i / 8] |= 0x80 >> (i % 8);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &bits).expect("writing to memory");
    let compressed = gz.finish().expect("writing to memory");
    let encoded = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(compressed);
    let list = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.did,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {
            "id": format!("{url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": format!("u{encoded}")
        }
    });
    issuer.sign_rdfc(list, "2025-01-01T00:00:00Z")
}

/// Who sample badges are issued to (as a salted hash, the way real issuers do).
pub const SAMPLE_RECIPIENT: &str = "learner@example.org";

/// A typical Open Badges 3.0 credential from `issuer` to [`SAMPLE_RECIPIENT`], unsigned.
pub fn sample_badge(issuer: &Issuer, name: &str, valid_from: &str) -> Value {
    let salt = uuid_like(&format!("salt {name}"));
    let hash = super::hex(&Sha256::digest(
        format!("{SAMPLE_RECIPIENT}{salt}").as_bytes(),
    ));
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "id": format!("urn:uuid:{}", uuid_like(name)),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "issuer": {"id": issuer.did, "type": ["Profile"], "name": "folio Sample Academy"},
        "validFrom": valid_from,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": true,
                "identityHash": format!("sha256${hash}"),
                "salt": salt
            }],
            "achievement": {
                "id": format!("https://academy.example/achievements/{}", uuid_like(name)),
                "type": ["Achievement"],
                "name": name,
                "description": format!("Awarded for completing {name}."),
                "criteria": {"narrative": "Completed every assessed exercise."}
            }
        }
    })
}

/// A stable UUID-shaped id derived from text, so samples are reproducible.
fn uuid_like(text: &str) -> String {
    let h = super::hex(&Sha256::digest(text.as_bytes()));
    format!(
        "{}-{}-4{}-8{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, Status, verify};

    #[test]
    fn signed_samples_verify() {
        let issuer = Issuer::from_seed([3; 32]);
        let doc = sample_badge(&issuer, "Intro to SQL", "2025-01-01T00:00:00Z");
        let rdfc = issuer
            .sign_rdfc(doc.clone(), "2025-01-01T00:00:00Z")
            .unwrap();
        let jcs = issuer.sign_jcs(doc, "2025-01-01T00:00:00Z");
        for signed in [rdfc, jcs] {
            let v = verify("x", signed.to_string().as_bytes(), &Options::default());
            assert_eq!(v.status, Status::Verified, "{:#?}", v.checks);
        }
    }
}
