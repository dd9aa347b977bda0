//! Presentations in every form folio reads (JSON, a JWT with a `vp` claim, an
//! enveloped one): unwrapping never panics, and no credential in a made-up
//! presentation is `verified`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = folio::badge::Options::default();
    for found in folio::badge::verify_file("fuzz", data, &opts) {
        assert_ne!(found.verdict.status, folio::badge::Status::Verified);
    }
});
