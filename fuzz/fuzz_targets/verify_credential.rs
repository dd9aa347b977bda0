//! Any bytes given to the credential reader and verifier: it must return a verdict
//! (never panic, never hang), and that verdict must never be `verified` for input
//! the fuzzer made up without a key.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = folio::badge::Options::default();
    let verdict = folio::badge::verify("fuzz", data, &opts);
    assert_ne!(verdict.status, folio::badge::Status::Verified);
});
