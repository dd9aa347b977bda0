//! Walking a folder of untrusted files: regular files only, hidden ones skipped, and
//! symbolic links followed only while they stay inside the folder.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file found under a folder: its `/`-separated relative path and its absolute path.
pub type FileEntry = (String, PathBuf);

/// Every regular file under `dir` as (`/`-separated relative path, absolute path),
/// skipping hidden files. Symlinks are followed only while they stay inside `dir`: a
/// shared theme must not be able to publish `~/.ssh/id_ed25519` through a link.
pub fn files_under(dir: &Path) -> Result<Vec<FileEntry>> {
    files_and_escapes(dir).map(|(files, _)| files)
}

/// Like [`files_under`], also returning the links that were skipped because they lead
/// outside `dir` (file or folder links alike: a folder link is not descended into).
/// FIFOs, sockets and devices are never files here.
pub fn files_and_escapes(dir: &Path) -> Result<(Vec<FileEntry>, Vec<PathBuf>)> {
    let mut out = Vec::new();
    let real_dir =
        std::fs::canonicalize(dir).map_err(|e| Error::io(dir, "cannot read folder", e))?;
    let escapes = std::cell::RefCell::new(Vec::new());
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            let leaves = e.path_is_symlink()
                && !std::fs::canonicalize(e.path()).is_ok_and(|t| t.starts_with(&real_dir));
            if leaves {
                escapes.borrow_mut().push(e.path().to_path_buf());
            }
            !leaves
        });
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            let io = e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("filesystem loop"));
            Error::io(path, "cannot read folder", io)
        })?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("under root");
            let rel: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((rel.join("/"), entry.path().to_path_buf()));
        }
    }
    Ok((out, escapes.into_inner()))
}
