//! Metadata removal on arbitrary bytes: never panics, and what it returns is clean
//! for good: walking the cleaned file again removes nothing more.
#![no_main]

use folio::images::metadata::strip;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Some((clean, _)) = strip(bytes) {
        let (again, found) = strip(&clean).expect("a cleaned file can be walked again");
        assert!(!found.removed, "a second pass removed more");
        assert_eq!(again, clean);
    }
});
