//! The only module that touches the output folder.
//!
//! [`Disk`] writes the whole site into a fresh folder beside the output, then swaps it
//! in with two renames, so a build that fails at any point leaves the previous site
//! byte-for-byte as it was. It only ever replaces a folder that is empty or carries
//! folio's marker file, so a mistyped `--out` cannot delete someone's documents.
//! [`Memory`] keeps the files in a map, for `serve` and tests; [`Discard`] drops them,
//! for `check`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};

/// Written into every output folder folio creates; its presence is what allows folio
/// to replace that folder on the next build.
pub const MARKER: &str = ".folio-output";

#[derive(Debug, Clone)]
pub enum Body {
    Bytes(Vec<u8>),
    /// Bytes compiled into the binary (built-in theme files).
    Static(&'static [u8]),
    /// A file copied as-is from the portfolio or theme.
    Copy(PathBuf),
}

#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Site-relative, `/`-separated (`projects/foo/index.html`).
    pub path: String,
    pub body: Body,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            body: Body::Bytes(bytes.into()),
        }
    }

    pub fn read(&self) -> Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match &self.body {
            Body::Bytes(b) => b.as_slice().into(),
            Body::Static(b) => (*b).into(),
            Body::Copy(p) => fs::read(p)
                .map_err(|e| Error::io(p, "cannot read file", e))?
                .into(),
        })
    }
}

/// Where a finished site goes.
pub trait Sink {
    fn write(&mut self, files: Vec<OutputFile>) -> Result<()>;
}

/// A site kept in memory, keyed by site-relative path.
#[derive(Debug, Default)]
pub struct Memory {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Sink for Memory {
    fn write(&mut self, files: Vec<OutputFile>) -> Result<()> {
        let mut map = BTreeMap::new();
        for f in files {
            let bytes = f.read()?.into_owned();
            map.insert(f.path, bytes);
        }
        self.files = map;
        Ok(())
    }
}

/// Writes nothing: `folio check` wants a build's findings, not its files.
pub struct Discard;

impl Sink for Discard {
    fn write(&mut self, _: Vec<OutputFile>) -> Result<()> {
        Ok(())
    }
}

/// Writes atomically to a folder on disk.
pub struct Disk {
    pub out: PathBuf,
}

impl Disk {
    /// Fails unless `out` is missing, empty, or was written by folio.
    pub fn check_replaceable(out: &Path) -> Result<()> {
        match fs::read_dir(out) {
            Ok(mut entries) => {
                if entries.next().is_none() || out.join(MARKER).is_file() {
                    Ok(())
                } else {
                    Err(Error::OutputNotOurs {
                        path: out.to_path_buf(),
                    })
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
                Err(Error::io(out, "output path is a file, not a folder", e))
            }
            Err(e) => Err(Error::io(out, "cannot read output folder", e)),
        }
    }

    /// A sibling of the output folder with a per-process name.
    fn sibling(&self, tag: &str) -> PathBuf {
        let name = self
            .out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        self.out
            .with_file_name(format!(".{name}.folio-{tag}-{}", std::process::id()))
    }
}

impl Sink for Disk {
    fn write(&mut self, files: Vec<OutputFile>) -> Result<()> {
        Disk::check_replaceable(&self.out)?;
        let parent = self.out.parent().unwrap_or(Path::new("."));
        if !parent.as_os_str().is_empty() {
            fs::create_dir_all(parent)
                .map_err(|e| Error::io(parent, "cannot create output folder", e))?;
        }
        let staging = self.sibling("new");
        let _ = fs::remove_dir_all(&staging);
        let result = write_tree(&staging, &files).and_then(|()| self.swap(&staging));
        if result.is_err() {
            let _ = fs::remove_dir_all(&staging);
        }
        result
    }
}

impl Disk {
    /// Moves the finished staging folder into place, keeping the old output until the
    /// new one is there.
    fn swap(&self, staging: &Path) -> Result<()> {
        let old = self.sibling("old");
        let had_old = self.out.exists();
        if had_old {
            let _ = fs::remove_dir_all(&old);
            fs::rename(&self.out, &old)
                .map_err(|e| Error::io(&self.out, "cannot move the previous output aside", e))?;
        }
        if let Err(e) = fs::rename(staging, &self.out) {
            if had_old {
                let _ = fs::rename(&old, &self.out);
            }
            return Err(Error::io(
                &self.out,
                "cannot move the new output into place",
                e,
            ));
        }
        if had_old {
            fs::remove_dir_all(&old)
                .map_err(|e| Error::io(&old, "cannot remove the previous output", e))?;
        }
        Ok(())
    }
}

fn write_tree(dir: &Path, files: &[OutputFile]) -> Result<()> {
    fs::create_dir(dir).map_err(|e| Error::io(dir, "cannot create output folder", e))?;
    // Create folders first (serially, they nest), then write files in parallel.
    let mut folders: Vec<&str> = files
        .iter()
        .filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d))
        .collect();
    folders.sort_unstable();
    folders.dedup();
    for folder in folders {
        let path = dir.join(folder);
        fs::create_dir_all(&path).map_err(|e| Error::io(&path, "cannot create folder", e))?;
    }
    files.par_iter().try_for_each(|f| {
        let path = dir.join(&f.path);
        match &f.body {
            Body::Copy(src) => fs::copy(src, &path).map(|_| ()),
            Body::Bytes(b) => fs::write(&path, b),
            Body::Static(b) => fs::write(&path, b),
        }
        .map_err(|e| Error::io(&path, "cannot write file", e))
    })?;
    let marker = dir.join(MARKER);
    fs::write(
        &marker,
        "This folder was written by folio; `folio build` replaces it as a whole.\n",
    )
    .map_err(|e| Error::io(&marker, "cannot write file", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_foreign_folder_and_keeps_it() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("thesis.docx"), "precious").unwrap();
        let mut disk = Disk { out: out.clone() };
        let err = disk
            .write(vec![OutputFile::new("index.html", "x")])
            .unwrap_err();
        assert!(matches!(err, Error::OutputNotOurs { .. }));
        assert_eq!(
            fs::read_to_string(out.join("thesis.docx")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn replaces_own_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let mut disk = Disk { out: out.clone() };
        disk.write(vec![OutputFile::new("a/index.html", "1")])
            .unwrap();
        disk.write(vec![OutputFile::new("b/index.html", "2")])
            .unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(fs::read_to_string(out.join("b/index.html")).unwrap(), "2");
        assert!(out.join(MARKER).is_file());
        // No staging or old folders are left behind.
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
