//! A content hash of a file tree, in the spirit of Go's `dirhash` (`h1:`): SHA-256
//! over the sorted lines `HEX  PATH\n`, one per file, where HEX is the file's own
//! SHA-256. The same files give the same hash whether they came from git or from an
//! archive, however the archive was compressed.

use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// The `h1:` hash of everything under `dir`: every file, hidden ones included. A
/// link or special file cannot come from a source (extraction refuses them), so one
/// found later is hashed as such and the tree no longer matches.
pub fn hash_dir(dir: &Path) -> Result<String> {
    let mut lines = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io(&path, "cannot read folder", e.into())
        })?;
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let digest = if kind.is_file() {
            let bytes = std::fs::read(entry.path())
                .map_err(|e| Error::io(entry.path(), "cannot read file", e))?;
            crate::badge::hex(&Sha256::digest(&bytes))
        } else {
            "not-a-regular-file".to_string()
        };
        lines.push(format!("{digest}  {rel}\n"));
    }
    Ok(hash_lines(lines))
}

fn hash_lines(mut lines: Vec<String>) -> String {
    lines.sort();
    let mut h = Sha256::new();
    for line in &lines {
        h.update(line.as_bytes());
    }
    format!(
        "h1:{}",
        base64::engine::general_purpose::STANDARD.encode(h.finalize())
    )
}

/// A file-system-safe name for a hash (hex of its digest), for cache folders.
pub fn folder_name(hash: &str) -> String {
    let digest = hash
        .strip_prefix("h1:")
        .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
        .unwrap_or_else(|| Sha256::digest(hash.as_bytes()).to_vec());
    crate::badge::hex(&digest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_and_origin_do_not_matter() {
        let a = tempfile_dir();
        std::fs::create_dir_all(a.join("templates")).unwrap();
        std::fs::write(a.join("theme.yaml"), "name: x\n").unwrap();
        std::fs::write(a.join("templates/page.html"), "<p>").unwrap();
        let h = hash_dir(&a).unwrap();
        assert!(h.starts_with("h1:"));
        // The same lines in another order hash the same.
        let lines = vec![
            format!(
                "{}  theme.yaml\n",
                crate::badge::hex(&Sha256::digest(b"name: x\n"))
            ),
            format!(
                "{}  templates/page.html\n",
                crate::badge::hex(&Sha256::digest(b"<p>"))
            ),
        ];
        assert_eq!(hash_lines(lines), h);
        std::fs::write(a.join("templates/page.html"), "<p>!").unwrap();
        assert_ne!(hash_dir(&a).unwrap(), h);
        assert_eq!(folder_name(&h).len(), 64);
        let _ = std::fs::remove_dir_all(&a);
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("folio-dirhash-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }
}
