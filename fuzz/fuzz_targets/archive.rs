//! Archive extraction on arbitrary bytes (tar, gzip or not): every file it writes is
//! inside the target folder, and nothing but regular files and folders is made.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let scratch = tempfile::tempdir().expect("temporary folder");
    let dest = scratch.path().join("tree");
    if folio::source::archive::unpack(data, &dest, "fuzz").is_ok() {
        for entry in walkdir::WalkDir::new(&dest).follow_links(false) {
            let entry = entry.expect("readable tree");
            let kind = entry.file_type();
            assert!(
                kind.is_file() || kind.is_dir(),
                "{}",
                entry.path().display()
            );
            assert!(entry.path().starts_with(&dest));
        }
    }
});
