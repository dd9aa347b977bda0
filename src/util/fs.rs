//! Walking a folder of untrusted files: regular files only, hidden ones skipped, and
//! symbolic links followed only while they stay inside the folder.

use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};

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

/// Reads a regular file of at most `limit` bytes. A FIFO or device (`/dev/zero`) is
/// refused before reading, and no more than `limit + 1` bytes are ever read, so a
/// hostile path can neither block nor exhaust memory.
pub fn read_bounded(path: &Path, shown_as: &Path, limit: u64) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(shown_as, "cannot read file", e))?;
    let meta = file
        .metadata()
        .map_err(|e| Error::io(shown_as, "cannot read file", e))?;
    if !meta.is_file() {
        return Err(Error::io(
            shown_as,
            "cannot read file",
            std::io::Error::other("not a regular file (a device, pipe or folder)"),
        ));
    }
    super::bounded::read_at_most(file, limit)
        .map_err(|e| Error::io(shown_as, "cannot read file", e))?
        .ok_or_else(|| {
            Error::io(
                shown_as,
                "cannot read file",
                std::io::Error::other(format!("larger than the {limit} bytes folio reads")),
            )
        })
}

/// Reads a file as UTF-8 text, naming the file (and the first bad line) on failure.
pub fn read_text(path: &Path, shown_as: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(shown_as, "cannot read file", e))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        Error::content(
            Location::line(shown_as, line),
            format!("file is not valid UTF-8 (byte {valid})"),
        )
        .with_hint("save the file as UTF-8 in your editor")
    })
}
