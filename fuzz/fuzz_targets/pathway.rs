//! A pathway file (format 1) on arbitrary bytes, then evaluated against no badges:
//! errors with a line, never a panic, and bounded work (requirement and issuer caps).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(pathway) = folio::pathway::parse("fuzz.yaml", data) {
        let _ = folio::pathway::evaluate(
            &pathway,
            &[],
            "/",
            "https://fuzz.example/",
            folio::i18n::Translator::english(),
        );
        let _ = pathway.requires.needed();
    }
});
