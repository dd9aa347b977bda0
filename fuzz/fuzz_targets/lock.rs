//! `folio.lock` on arbitrary text: parsed or refused with a message, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(lock) = folio::source::lock::Lock::parse(text) {
        for entry in &lock.sources {
            let _ = lock.find(&entry.source, &entry.requested);
        }
    }
});
