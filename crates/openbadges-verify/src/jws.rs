//! Compact JWS (VC-JWT, and Open Badges 2.0 signed assertions): parsing and checking a
//! signature with `EdDSA`, `RS256` or `ES256`.
//!
//! `alg: none`, HMAC algorithms and any algorithm the key's type does not match are
//! rejected. A `jwk` in the header is never trusted as the issuer's key: the caller
//! resolves the key from `kid`/`iss`.

use base64::Engine;
use serde_json::Value;

use super::keys::PublicKey;

/// A compact JWS can be no larger than a credential file; parts are bounded by it.
#[derive(Debug, Clone)]
pub struct Jws {
    pub header: Value,
    pub payload: Value,
    /// `BASE64URL(header) "." BASE64URL(payload)`, the signed bytes.
    pub signing_input: String,
    pub signature: Vec<u8>,
}

impl Jws {
    pub fn alg(&self) -> &str {
        self.header.get("alg").and_then(Value::as_str).unwrap_or("")
    }

    pub fn kid(&self) -> Option<&str> {
        self.header.get("kid").and_then(Value::as_str)
    }
}

/// `Some(reason)` when folio cannot check the token's algorithm (`ES384`, `PS256`,
/// …): a genuine signature in it is neither valid nor broken as far as folio can
/// tell, so the signature is reported as not checked. `none` and HMAC are not
/// "unsupported": they can never show who issued a credential, and fail.
pub fn unsupported(alg: &str) -> Option<String> {
    let checked = ["EdDSA", "Ed25519", "RS256", "ES256", "ES384"];
    let refused = alg.is_empty() || alg == "none" || alg.starts_with("HS");
    (!checked.contains(&alg) && !refused).then(|| {
        format!(
            "the token is signed with `{alg}`, which folio does not verify (it verifies EdDSA, RS256, ES256 and ES384); ask the issuer for an Open Badges 3.0 export signed with one of those"
        )
    })
}

/// True when `text` looks like a compact JWS (three base64url parts).
pub fn looks_like(text: &str) -> bool {
    let parts: Vec<&str> = text.trim().split('.').collect();
    parts.len() == 3
        && parts[0].starts_with("eyJ")
        && parts.iter().all(|p| {
            p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

fn b64(part: &str, what: &str) -> Result<Vec<u8>, String> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| format!("the JWS {what} is not base64url"))
}

pub fn parse(text: &str) -> Result<Jws, String> {
    let text = text.trim();
    let mut parts = text.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("not a compact JWS: it needs three dot-separated parts".into());
    };
    let header: Value = serde_json::from_slice(&b64(h, "header")?)
        .map_err(|_| "the JWS header is not JSON".to_string())?;
    let payload: Value = serde_json::from_slice(&b64(p, "payload")?)
        .map_err(|_| "the JWS payload is not JSON".to_string())?;
    if !header.is_object() || !payload.is_object() {
        return Err("the JWS header and payload must be JSON objects".into());
    }
    if header.get("b64") == Some(&Value::Bool(false)) {
        return Err("unencoded-payload JWS (b64: false) is not a credential".into());
    }
    Ok(Jws {
        header,
        payload,
        signing_input: format!("{h}.{p}"),
        signature: b64(s, "signature")?,
    })
}

/// Checks the signature with `key`; the error says why it does not verify.
pub fn verify(jws: &Jws, key: &PublicKey) -> Result<(), String> {
    let msg = jws.signing_input.as_bytes();
    match (jws.alg(), key) {
        ("EdDSA" | "Ed25519", PublicKey::Ed25519(k)) => {
            let sig: [u8; 64] = jws
                .signature
                .as_slice()
                .try_into()
                .map_err(|_| "an EdDSA signature is 64 bytes".to_string())?;
            if super::ed25519::ed25519_verify(k, msg, &sig) {
                Ok(())
            } else {
                Err(mismatch())
            }
        }
        ("RS256", PublicKey::Rsa(k)) => {
            use sha2::Digest;
            let hash = sha2::Sha256::digest(msg);
            k.verify(
                rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                &hash,
                &jws.signature,
            )
            .map_err(|_| mismatch())
        }
        ("ES256", PublicKey::P256(k)) => {
            use p256::ecdsa::signature::Verifier;
            let sig = p256::ecdsa::Signature::from_slice(&jws.signature)
                .map_err(|_| "an ES256 signature is 64 bytes (r ‖ s)".to_string())?;
            k.verify(msg, &sig).map_err(|_| mismatch())
        }
        ("ES384", PublicKey::P384(k)) => {
            use p384::ecdsa::signature::Verifier;
            let sig = p384::ecdsa::Signature::from_slice(&jws.signature)
                .map_err(|_| "an ES384 signature is 96 bytes (r ‖ s)".to_string())?;
            k.verify(msg, &sig).map_err(|_| mismatch())
        }
        ("none" | "", _) => Err("unsigned token (alg: none) is never accepted".into()),
        (alg, _) if alg.starts_with("HS") => Err(format!(
            "{alg} is a shared-secret algorithm: it cannot show who issued the credential"
        )),
        (alg @ ("EdDSA" | "Ed25519" | "RS256" | "ES256" | "ES384"), key) => Err(format!(
            "alg {alg} does not match the issuer's {} key",
            key.kind()
        )),
        (alg, _) => Err(format!("unsupported JWS algorithm `{alg}`")),
    }
}

fn mismatch() -> String {
    "signature does not match the token (it was altered, or signed by another key)".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_rejects_garbage() {
        assert!(parse("a.b").is_err());
        assert!(parse("a.b.c.d").is_err());
        assert!(parse("!!.e30.").is_err());
        assert!(looks_like("eyJhbGciOiJFZERTQSJ9.e30.abc"));
        assert!(!looks_like("hello"));
    }

    #[test]
    fn alg_none_and_hmac_are_refused() {
        let none = parse("eyJhbGciOiJub25lIn0.e30.").unwrap();
        assert!(
            verify(&none, &PublicKey::Ed25519([0; 32]))
                .unwrap_err()
                .contains("alg: none")
        );
        let hs = parse("eyJhbGciOiJIUzI1NiJ9.e30.AAAA").unwrap();
        assert!(
            verify(&hs, &PublicKey::Ed25519([0; 32]))
                .unwrap_err()
                .contains("shared-secret")
        );
    }
}
