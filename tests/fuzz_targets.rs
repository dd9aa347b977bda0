//! Every fuzz target in `fuzz/fuzz_targets/` is registered in `fuzz/Cargo.toml`, so
//! `cargo fuzz` builds it and `fuzz/run.sh` (which runs every registered target)
//! runs it. A target left out of the manifest is never fuzzed.

use std::path::Path;

#[test]
fn every_fuzz_target_is_registered() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
    let mut targets = Vec::new();
    for entry in std::fs::read_dir(fuzz.join("fuzz_targets")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            targets.push(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(targets.len() >= 11, "{targets:?}");
    for name in &targets {
        let entry = format!("name = \"{name}\"\npath = \"fuzz_targets/{name}.rs\"");
        assert!(
            manifest.contains(&entry),
            "fuzz/fuzz_targets/{name}.rs is not registered in fuzz/Cargo.toml"
        );
    }
    let run = std::fs::read_to_string(fuzz.join("run.sh")).unwrap();
    assert!(
        run.contains("fuzz/Cargo.toml"),
        "run.sh takes its targets from the manifest"
    );
}
