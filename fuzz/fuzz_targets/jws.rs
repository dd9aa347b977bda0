//! The compact-JWS parser and verifier on arbitrary text: never a panic, and never a
//! valid signature for a key the fuzzer does not hold.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(jws) = folio::badge::jws::parse(text) {
        let key = folio::badge::keys::PublicKey::Ed25519([7; 32]);
        let _ = folio::badge::jws::verify(&jws, &key);
    }
});
