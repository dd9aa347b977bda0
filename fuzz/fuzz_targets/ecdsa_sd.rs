//! `ecdsa-sd-2023` proof values from arbitrary CBOR (the first byte's low bit picks the
//! derived or the base header): decoding never panics, and whatever decodes is checked
//! against the statements of a real derived credential (`tests/fixtures/ecdsa-sd`),
//! canonicalised once, where nothing but its own proof value (in any CBOR encoding
//! of it) verifies.
#![no_main]

use std::sync::OnceLock;

use base64::Engine;
use libfuzzer_sys::fuzz_target;
use openbadges_verify::{ecdsa_sd, jsonld, keys};

const CREDENTIAL: &str = include_str!("../../tests/fixtures/ecdsa-sd/sd-derived-some.json");

/// The canonical proof options and document, the issuer's key, the genuine value.
struct Signed {
    config: String,
    doc: String,
    key: keys::PublicKey,
    genuine: String,
}

fn signed() -> &'static Signed {
    static SIGNED: OnceLock<Signed> = OnceLock::new();
    SIGNED.get_or_init(|| {
        let mut doc: serde_json::Value = serde_json::from_str(CREDENTIAL).unwrap();
        let mut proof = doc.as_object_mut().unwrap().remove("proof").unwrap();
        let genuine = proof["proofValue"].as_str().unwrap().to_string();
        proof.as_object_mut().unwrap().remove("proofValue");
        proof["@context"] = doc["@context"].clone();
        let canonical = |v: &serde_json::Value| {
            jsonld::canonicalize(v, &jsonld::Choice::new(), false)
                .unwrap()
                .nquads
        };
        let method = proof["verificationMethod"].as_str().unwrap();
        let multikey = method.rsplit('#').next().unwrap();
        let signed = Signed {
            config: canonical(&proof),
            doc: canonical(&doc),
            key: keys::decode_any_multikey(multikey).unwrap(),
            genuine,
        };
        // The harness itself is right: the credential's own proof verifies.
        let own = ecdsa_sd::parse(&signed.genuine).unwrap();
        assert!(ecdsa_sd::verify(
            &own,
            &signed.config,
            &signed.doc,
            &signed.key
        ));
        signed
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, cbor)) = data.split_first() else {
        return;
    };
    let mut bytes = vec![0xd9, 0x5d, mode & 1];
    bytes.extend_from_slice(cbor);
    let value = format!(
        "u{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes)
    );
    let Ok(sd) = ecdsa_sd::parse(&value) else {
        return;
    };
    let s = signed();
    let verified = ecdsa_sd::verify(&sd, &s.config, &s.doc, &s.key);
    // CBOR has more than one encoding of a value; what decodes must be the issuer's.
    let genuine = ecdsa_sd::parse(&s.genuine).unwrap();
    assert!(!verified || sd == genuine, "a made-up proof value verified");
});
