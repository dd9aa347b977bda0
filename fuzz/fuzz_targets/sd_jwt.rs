//! SD-JWTs from arbitrary parts: an issuer token made of the fuzzer's header and
//! payload (an `x5c` chain in it is read too), then its disclosures, the last one
//! read as a key-binding JWT when they are odd in number. Reading never panics, and
//! nothing made up without a key is ever `verified`.
#![no_main]

use base64::Engine;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str, Vec<&str>)| {
    let (header, payload, disclosures) = input;
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let mut text = format!("{}.{}.c2ln", b64(header), b64(payload));
    for d in disclosures.iter().take(64) {
        text.push('~');
        text.push_str(&b64(d));
    }
    // Ending without `~` (an odd count), the last part is a key-binding JWT.
    if disclosures.len() % 2 == 0 {
        text.push('~');
    }
    let opts = folio::badge::Options::default();
    let verdict = folio::badge::verify("fuzz.sd-jwt", text.as_bytes(), &opts);
    assert_ne!(verdict.status, folio::badge::Status::Verified);
});
