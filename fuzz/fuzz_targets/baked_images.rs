//! The PNG and SVG extractors on arbitrary bytes: a result or an error, never a panic,
//! and never an allocation beyond the decompression limit.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = folio::badge::bake::png(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = folio::badge::bake::svg(text);
    }
});
