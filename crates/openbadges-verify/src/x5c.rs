//! X.509 certificate chains (`x5c` in a JWS header), with which SD-JWT VC issuers sign
//! that have neither a DID nor JWT VC Issuer Metadata (the EU digital identity
//! wallet's rulebooks).
//!
//! The leaf certificate's key checks the token's signature, but a chain anyone can
//! make: it speaks for the issuer only when it leads to a root certificate the
//! portfolio pins for that issuer in `badges.trust` (a PEM certificate or public key).
//! Every certificate must be within its validity period, every certificate above the
//! leaf a CA, and the leaf must name the issuer (an `https` issuer as a subject
//! alternative name: the URI itself, or its host as a DNS name).

use base64::Engine;
use serde_json::Value;
use sha2::Digest;
use x509_cert::Certificate;
use x509_cert::der::{self, Decode, Encode};
use x509_cert::ext::pkix::{BasicConstraints, SubjectAltName, name::GeneralName};

use super::Options;
use super::keys::{self, PublicKey};

/// Longer chains are no issuer's: EUDI chains are two or three certificates deep.
const MAX_CHAIN: usize = 8;

const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const P256_CURVE: &str = "1.2.840.10045.3.1.7";
const P384_CURVE: &str = "1.3.132.0.34";
const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
const ED25519: &str = "1.3.101.112";
const ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";
const ECDSA_SHA384: &str = "1.2.840.10045.4.3.3";
const RSA_SHA256: &str = "1.2.840.113549.1.1.11";
const RSA_SHA384: &str = "1.2.840.113549.1.1.12";

/// A certificate chain from a JWS header, leaf first.
pub struct Chain {
    certs: Vec<Certificate>,
}

impl Chain {
    /// Reads `x5c`: a list of base64 (not base64url) DER certificates, leaf first.
    pub fn parse(x5c: &Value) -> Result<Chain, String> {
        let items = x5c
            .as_array()
            .filter(|a| !a.is_empty())
            .ok_or("`x5c` is not a list of certificates")?;
        if items.len() > MAX_CHAIN {
            return Err(format!(
                "`x5c` holds {} certificates; folio reads up to {MAX_CHAIN}",
                items.len()
            ));
        }
        let certs = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let der = item
                    .as_str()
                    .and_then(|s| base64::engine::general_purpose::STANDARD.decode(s).ok())
                    .ok_or_else(|| format!("certificate {} of `x5c` is not base64", i + 1))?;
                Certificate::from_der(&der)
                    .map_err(|e| format!("certificate {} of `x5c` is not X.509: {e}", i + 1))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Chain { certs })
    }

    /// The leaf certificate's key: the one the token is signed with.
    pub fn leaf_key(&self) -> Result<PublicKey, String> {
        public_key(&self.certs[0])
    }

    /// The leaf's subject, for messages (`CN=…, O=…`).
    pub fn subject(&self) -> String {
        self.certs[0].tbs_certificate.subject.to_string()
    }

    /// Whether the leaf names `issuer` as a subject alternative name.
    pub fn names(&self, issuer: &str) -> bool {
        let host = keys::origin(issuer).trim_start_matches("https://");
        let host = host.split(':').next().unwrap_or(host);
        subject_alt_names(&self.certs[0])
            .iter()
            .any(|name| match name {
                GeneralName::UniformResourceIdentifier(uri) => uri.as_str() == issuer,
                GeneralName::DnsName(dns) => dns.as_str().eq_ignore_ascii_case(host),
                _ => false,
            })
    }

    /// Checks the chain up to one of `roots` at `now`: validity periods, each
    /// certificate signed by the next (which must be a CA), and the top one either a
    /// root itself or signed by one.
    pub fn leads_to(&self, roots: &[PublicKey], opts: &Options) -> Result<(), String> {
        let now = opts.now.timestamp();
        for (i, cert) in self.certs.iter().enumerate() {
            let validity = &cert.tbs_certificate.validity;
            let from = validity.not_before.to_unix_duration().as_secs() as i64;
            let until = validity.not_after.to_unix_duration().as_secs() as i64;
            if now < from || now > until {
                return Err(format!(
                    "certificate {} ({}) is valid from {} to {}, not now",
                    i + 1,
                    cert.tbs_certificate.subject,
                    validity.not_before,
                    validity.not_after
                ));
            }
            if i > 0 && !is_ca(cert) {
                return Err(format!(
                    "certificate {} ({}) signs another but is not a certificate authority",
                    i + 1,
                    cert.tbs_certificate.subject
                ));
            }
            let key = public_key(cert)?;
            if roots.iter().any(|r| r.same_as(&key)) {
                return Ok(());
            }
            match self.certs.get(i + 1) {
                Some(parent) => {
                    let parent_key = public_key(parent)?;
                    signed_by(cert, &parent_key).map_err(|why| {
                        format!("certificate {} is not signed by the next: {why}", i + 1)
                    })?;
                }
                None => {
                    return if roots.iter().any(|r| signed_by(cert, r).is_ok()) {
                        Ok(())
                    } else {
                        Err(format!(
                            "the chain ends at {} ({}), which the pinned root did not sign",
                            cert.tbs_certificate.issuer, cert.tbs_certificate.subject
                        ))
                    };
                }
            }
        }
        unreachable!("the loop returns at the last certificate")
    }
}

/// The root keys `badges.trust` pins for `issuer`: PEM certificates, PEM public keys
/// and multikeys among the entry's `keys`.
pub fn pinned_roots(issuer: &str, opts: &Options) -> Vec<PublicKey> {
    opts.trust
        .iter()
        .filter(|t| t.id == issuer)
        .flat_map(|t| &t.keys)
        .filter_map(|text| {
            if text.contains("BEGIN CERTIFICATE") {
                let der = keys::pem_der(text)?;
                public_key(&Certificate::from_der(&der).ok()?).ok()
            } else if text.contains("BEGIN PUBLIC KEY") {
                keys::pem_key(text).ok()
            } else {
                keys::decode_any_multikey(text).ok()
            }
        })
        .collect()
}

fn public_key(cert: &Certificate) -> Result<PublicKey, String> {
    let spki = &cert.tbs_certificate.subject_public_key_info;
    let bits = spki.subject_public_key.raw_bytes();
    let unusable = || format!("the key of {} is not usable", cert.tbs_certificate.subject);
    match spki.algorithm.oid.to_string().as_str() {
        EC_PUBLIC_KEY => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<der::asn1::ObjectIdentifier>().ok())
                .map(|o| o.to_string());
            match curve.as_deref() {
                Some(P256_CURVE) => p256::ecdsa::VerifyingKey::from_sec1_bytes(bits)
                    .map(|k| PublicKey::P256(Box::new(k)))
                    .map_err(|_| unusable()),
                Some(P384_CURVE) => p384::ecdsa::VerifyingKey::from_sec1_bytes(bits)
                    .map(|k| PublicKey::P384(Box::new(k)))
                    .map_err(|_| unusable()),
                _ => Err(format!(
                    "the key of {} is on a curve folio does not verify (it verifies P-256 and P-384)",
                    cert.tbs_certificate.subject
                )),
            }
        }
        RSA_ENCRYPTION => {
            use rsa::pkcs8::DecodePublicKey;
            let der = spki.to_der().map_err(|_| unusable())?;
            rsa::RsaPublicKey::from_public_key_der(&der)
                .map(|k| PublicKey::Rsa(Box::new(k)))
                .map_err(|_| unusable())
        }
        ED25519 => <[u8; 32]>::try_from(bits)
            .map(PublicKey::Ed25519)
            .map_err(|_| unusable()),
        other => Err(format!(
            "the key of {} is of a type folio does not verify ({other})",
            cert.tbs_certificate.subject
        )),
    }
}

/// Checks `cert`'s signature with `key`.
fn signed_by(cert: &Certificate, key: &PublicKey) -> Result<(), String> {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    let tbs = cert
        .tbs_certificate
        .to_der()
        .map_err(|e| format!("unreadable: {e}"))?;
    let signature = cert.signature.raw_bytes();
    let algorithm = cert.signature_algorithm.oid.to_string();
    let bad = || "the signature does not match".to_string();
    let digest = match algorithm.as_str() {
        ECDSA_SHA256 | RSA_SHA256 => sha2::Sha256::digest(&tbs).to_vec(),
        ECDSA_SHA384 | RSA_SHA384 => sha2::Sha384::digest(&tbs).to_vec(),
        ED25519 => Vec::new(),
        other => {
            return Err(format!(
                "signature algorithm {other} is not one folio verifies"
            ));
        }
    };
    match (algorithm.as_str(), key) {
        (ECDSA_SHA256 | ECDSA_SHA384, PublicKey::P256(k)) => {
            let sig = p256::ecdsa::Signature::from_der(signature).map_err(|_| bad())?;
            k.verify_prehash(&digest, &sig).map_err(|_| bad())
        }
        (ECDSA_SHA256 | ECDSA_SHA384, PublicKey::P384(k)) => {
            let sig = p384::ecdsa::Signature::from_der(signature).map_err(|_| bad())?;
            k.verify_prehash(&digest, &sig).map_err(|_| bad())
        }
        (RSA_SHA256, PublicKey::Rsa(k)) => k
            .verify(rsa::Pkcs1v15Sign::new::<sha2::Sha256>(), &digest, signature)
            .map_err(|_| bad()),
        (RSA_SHA384, PublicKey::Rsa(k)) => k
            .verify(rsa::Pkcs1v15Sign::new::<sha2::Sha384>(), &digest, signature)
            .map_err(|_| bad()),
        (ED25519, PublicKey::Ed25519(k)) => {
            let sig = <[u8; 64]>::try_from(signature).map_err(|_| bad())?;
            if super::ed25519::ed25519_verify(k, &tbs, &sig) {
                Ok(())
            } else {
                Err(bad())
            }
        }
        (_, key) => Err(format!(
            "signed with {algorithm}, which a {} key cannot have made",
            key.kind()
        )),
    }
}

fn extension<'a>(cert: &'a Certificate, oid: &str) -> Option<&'a [u8]> {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id.to_string() == oid)
        .map(|e| e.extn_value.as_bytes())
}

fn is_ca(cert: &Certificate) -> bool {
    extension(cert, "2.5.29.19")
        .and_then(|v| BasicConstraints::from_der(v).ok())
        .is_some_and(|b| b.ca)
}

fn subject_alt_names(cert: &Certificate) -> Vec<GeneralName> {
    extension(cert, "2.5.29.17")
        .and_then(|v| SubjectAltName::from_der(v).ok())
        .map(|s| s.0)
        .unwrap_or_default()
}

/// Why a chain with no root pinned for `issuer` cannot be checked, and what to do.
pub fn unanchored(issuer: &str, chain: &Chain) -> String {
    format!(
        "signed under an X.509 certificate chain (x5c, leaf {}), and no root certificate is pinned for {issuer}; add the issuer's root certificate (PEM) to its `keys` in badges.trust to check it",
        chain.subject()
    )
}
