//! `ecdsa-sd-2023` proof values from arbitrary CBOR (the first byte's low bit picks the
//! derived or the base header): decoding never panics, and whatever decodes is checked
//! against a real derived credential (`tests/fixtures/ecdsa-sd`), where nothing made up
//! without the issuer's key is ever `verified`.
#![no_main]

use base64::Engine;
use libfuzzer_sys::fuzz_target;

const CREDENTIAL: &str = include_str!("../../tests/fixtures/ecdsa-sd/sd-derived-some.json");

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
    if openbadges_verify::ecdsa_sd::parse(&value).is_err() {
        return;
    }
    let mut doc: serde_json::Value = serde_json::from_str(CREDENTIAL).unwrap();
    doc["proof"]["proofValue"] = value.into();
    let opts = folio::badge::Options::default();
    let verdict = folio::badge::verify("fuzz.json", doc.to_string().as_bytes(), &opts);
    assert_ne!(verdict.status, folio::badge::Status::Verified);
});
