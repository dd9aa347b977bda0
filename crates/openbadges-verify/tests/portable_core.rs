//! The core stays buildable where there is no filesystem, no socket and no thread
//! (WebAssembly in a page): only `folder.rs` (feature `fs`) and `net.rs` (feature
//! `http`) may name them. A regression here is what would make an in-browser
//! verifier impossible, so it fails the build's tests rather than a later port.

use std::path::Path;

/// What the core must not name, and why.
const FORBIDDEN: &[(&str, &str)] = &[
    ("std::fs", "reads or writes files"),
    ("File::", "opens a file"),
    ("std::net", "opens sockets"),
    ("TcpStream", "opens a socket"),
    ("ureq", "is the HTTP client (feature `http`)"),
    ("std::thread::spawn", "starts a thread"),
    ("thread::scope", "starts threads"),
    ("rayon", "starts threads"),
    ("std::process", "runs programs"),
];

/// Files that may, each behind its feature.
const ALLOWED: &[&str] = &["folder.rs", "net.rs"];

#[test]
fn only_the_feature_modules_touch_files_sockets_or_threads() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut read = 0;
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.extension().is_none_or(|e| e != "rs") || ALLOWED.contains(&name.as_str()) {
            continue;
        }
        read += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        // Unit tests may use the filesystem (tempfile); the library code may not.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (i, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or("");
            for (word, why) in FORBIDDEN {
                if line.contains(word) {
                    found.push(format!("src/{name}:{}: `{word}` {why}", i + 1));
                }
            }
        }
    }
    assert!(read >= 20, "only {read} files read");
    assert!(found.is_empty(), "the core must not:\n{}", found.join("\n"));
}

#[test]
fn the_feature_modules_are_behind_their_features() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    assert!(lib.contains("#[cfg(feature = \"fs\")]\npub mod folder;"));
    assert!(lib.contains("#[cfg(feature = \"http\")]\npub mod net;"));
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    assert!(manifest.contains("ureq = { version = \"2\", optional = true }"));
}
