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
        let rel_path = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        if !name_ok(rel_path) {
            return Err(Error::Config {
                loc: crate::error::Location::file(entry.path()),
                msg: "a file name with a line break or non-UTF-8 bytes cannot be hashed unambiguously".into(),
                hint: Some("a theme or pathway source may not contain such names".into()),
            });
        }
        let rel = rel_path.to_string_lossy().replace('\\', "/");
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

/// Whether a path can be one line of the hash, unambiguously: UTF-8, without line
/// breaks (Go's dirhash refuses newlines too). Otherwise two different trees could
/// produce the same lines.
pub fn name_ok(path: &Path) -> bool {
    path.to_str().is_some_and(|s| !s.contains(['\n', '\r']))
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

    /// Two trees that gave the same lines: {p, q} and one file named "p\nHASH  q".
    /// Names with line breaks are refused, so the hash stays injective.
    #[test]
    fn names_with_line_breaks_cannot_forge_lines() {
        // Its own folder: tests run in parallel, and tempfile_dir() is another's.
        let root = std::env::temp_dir().join(format!("folio-dirhash-lines-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let a = root.join("a");
        std::fs::create_dir_all(&a).unwrap();
        // Contents chosen so that p's line sorts before q's.
        let (c1, c2) = (0..1000u32)
            .map(|i| (format!("1-{i}"), format!("2-{i}")))
            .find(|(x, y)| Sha256::digest(x.as_bytes()) < Sha256::digest(y.as_bytes()))
            .unwrap();
        std::fs::write(a.join("p"), &c1).unwrap();
        std::fs::write(a.join("q"), &c2).unwrap();
        let h2 = crate::badge::hex(&Sha256::digest(c2.as_bytes()));
        let b = a.with_file_name("b");
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(b.join(format!("p\n{h2}  q")), &c1).unwrap();
        assert!(hash_dir(&a).is_ok());
        let err = hash_dir(&b).unwrap_err().to_string();
        assert!(err.contains("line break"), "{err}");
        assert!(!name_ok(Path::new("a\rb")));
        assert!(name_ok(Path::new("templates/page.html")));
        let _ = std::fs::remove_dir_all(&root);
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("folio-dirhash-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }
}
