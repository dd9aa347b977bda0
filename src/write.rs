//! The only module that touches the output folder.
//!
//! [`Disk`] writes the whole site into a fresh folder beside the output, then swaps it
//! in with one atomic exchange (`renameat2(RENAME_EXCHANGE)` on Linux; two renames
//! elsewhere), so a build that fails — or is killed — at any point leaves the previous
//! site byte-for-byte as it was, and a reader never finds it missing. Staging folders
//! of processes that died are removed by the next build. It only ever replaces a folder that is empty or carries
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

impl Body {
    /// The bytes, read from disk for a copied file; `None` when it cannot be read.
    pub fn bytes(&self) -> Option<Vec<u8>> {
        match self {
            Body::Bytes(b) => Some(b.clone()),
            Body::Static(b) => Some(b.to_vec()),
            Body::Copy(p) => std::fs::read(p).ok(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Site-relative, `/`-separated (`projects/foo/index.html`).
    pub path: String,
    pub body: Body,
    /// A fingerprint of everything the file was made from, when `serve`'s render memo
    /// knows it: work on the file (its link scan) is reused while it is unchanged.
    pub key: Option<u64>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            body: Body::Bytes(bytes.into()),
            key: None,
        }
    }

    /// A file with the fingerprint of its inputs (see [`OutputFile::key`]).
    pub fn keyed(path: impl Into<String>, bytes: impl Into<Vec<u8>>, key: Option<u64>) -> Self {
        OutputFile {
            key,
            ..OutputFile::new(path, bytes)
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

/// Where a site goes, as it is built: files arrive in batches as they are rendered
/// (so a big site never has to be held in memory), and nothing is published until
/// [`Sink::commit`]; a build that fails calls [`Sink::abort`] instead.
pub trait Sink {
    /// A build starts.
    fn begin(&mut self) -> Result<()> {
        Ok(())
    }
    /// Some of the build's files.
    fn put(&mut self, files: Vec<OutputFile>) -> Result<()>;
    /// Every file is in and the build succeeded: publish them, as a whole.
    fn commit(&mut self) -> Result<()> {
        Ok(())
    }
    /// The build failed after it began: publish nothing of it.
    fn abort(&mut self) {}

    /// A whole site at once (tests and small tools).
    fn write(&mut self, files: Vec<OutputFile>) -> Result<()> {
        self.begin()?;
        match self.put(files) {
            Ok(()) => self.commit(),
            Err(e) => {
                self.abort();
                Err(e)
            }
        }
    }
}

/// A site kept in memory, keyed by site-relative path.
#[derive(Debug, Default)]
pub struct Memory {
    pub files: BTreeMap<String, Vec<u8>>,
    /// The build in progress, published to `files` on commit.
    pending: BTreeMap<String, Vec<u8>>,
}

impl Sink for Memory {
    fn begin(&mut self) -> Result<()> {
        self.pending.clear();
        Ok(())
    }

    fn put(&mut self, files: Vec<OutputFile>) -> Result<()> {
        for f in files {
            // Rendered bytes are moved in, not copied (`serve` keeps every file).
            let bytes = match f.body {
                Body::Bytes(b) => b,
                _ => f.read()?.into_owned(),
            };
            self.pending.insert(f.path, bytes);
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        self.files = std::mem::take(&mut self.pending);
        Ok(())
    }

    fn abort(&mut self) {
        self.pending.clear();
    }
}

/// Writes nothing: `folio check` wants a build's findings, not its files.
pub struct Discard;

impl Sink for Discard {
    fn put(&mut self, _: Vec<OutputFile>) -> Result<()> {
        Ok(())
    }
}

/// Writes atomically to a folder on disk: into a staging folder beside the output as
/// files arrive, swapped in whole on commit.
pub struct Disk {
    pub out: PathBuf,
    staging: Option<Staging>,
}

/// A build being written.
struct Staging {
    dir: PathBuf,
    /// The current output, to hard-link unchanged files from.
    previous: Option<PathBuf>,
    /// Whether every file so far was unchanged (hard-linked).
    all_kept: bool,
    paths: Vec<String>,
}

impl Disk {
    pub fn new(out: PathBuf) -> Disk {
        Disk { out, staging: None }
    }

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
        self.out.with_file_name(format!(
            "{}{tag}-{}",
            self.sibling_prefix(),
            std::process::id()
        ))
    }

    /// `.public.folio-`: what every staging folder of this output starts with.
    fn sibling_prefix(&self) -> String {
        let name = self
            .out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        format!(".{name}.folio-")
    }

    /// Removes staging folders (`.public.folio-new-PID`, `-old-PID`) that a killed
    /// build left behind: those of processes that no longer run. Best effort.
    fn remove_stale_staging(&self) {
        let prefix = self.sibling_prefix();
        let parent = match self.out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let Ok(entries) = fs::read_dir(parent) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(pid) = name
                .strip_prefix(&prefix)
                .and_then(|rest| {
                    rest.strip_prefix("new-")
                        .or_else(|| rest.strip_prefix("old-"))
                })
                .and_then(|pid| pid.parse::<u32>().ok())
            else {
                continue;
            };
            if pid != std::process::id() && !process_alive(pid) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Whether a process with this id runs (another folio may be building beside us).
#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Without /proc, a staging folder is stale only when no process can be asked: treat
/// every other process's as alive unless signal 0 says it is gone.
#[cfg(all(unix, not(target_os = "linux")))]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 sends nothing; it only checks the process exists.
    unsafe { libc::kill(pid, 0) == 0 }
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

impl Sink for Disk {
    fn begin(&mut self) -> Result<()> {
        Disk::check_replaceable(&self.out)?;
        let parent = self.out.parent().unwrap_or(Path::new("."));
        if !parent.as_os_str().is_empty() {
            fs::create_dir_all(parent)
                .map_err(|e| Error::io(parent, "cannot create output folder", e))?;
        }
        self.remove_stale_staging();
        let dir = self.sibling("new");
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir(&dir).map_err(|e| Error::io(&dir, "cannot create output folder", e))?;
        self.staging = Some(Staging {
            dir,
            previous: self.out.is_dir().then(|| self.out.clone()),
            all_kept: true,
            paths: Vec::new(),
        });
        Ok(())
    }

    fn put(&mut self, files: Vec<OutputFile>) -> Result<()> {
        let staging = self
            .staging
            .as_mut()
            .expect("put comes between begin and commit");
        let kept = write_batch(&staging.dir, &files, staging.previous.as_deref())?;
        staging.all_kept &= kept;
        staging.paths.extend(files.into_iter().map(|f| f.path));
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        let staging = self.staging.take().expect("commit comes after begin");
        let result = finish_tree(&staging.dir, staging.previous.as_deref()).and_then(|()| {
            // Nothing changed: keep the site as it is, touching no file (deploys and
            // rsync-style uploads then move nothing).
            if staging.all_kept && same_file_set(&self.out, &staging.paths) {
                fs::remove_dir_all(&staging.dir)
                    .map_err(|e| Error::io(&staging.dir, "cannot remove the staging folder", e))
            } else {
                self.swap(&staging.dir)
            }
        });
        if result.is_err() {
            let _ = fs::remove_dir_all(&staging.dir);
        }
        result
    }

    fn abort(&mut self) {
        if let Some(staging) = self.staging.take() {
            let _ = fs::remove_dir_all(&staging.dir);
        }
    }
}

impl Disk {
    /// Moves the finished staging folder into place, keeping the old output until the
    /// new one is there.
    fn swap(&self, staging: &Path) -> Result<()> {
        if self.out.exists() && exchange(staging, &self.out)? {
            // `staging` now holds the previous output.
            return fs::remove_dir_all(staging)
                .map_err(|e| Error::io(staging, "cannot remove the previous output", e));
        }
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

/// Atomically exchanges two folders; `Ok(false)` when the file system or kernel
/// cannot, and the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes()).map_err(|_| {
            Error::io(
                p,
                "path contains a NUL byte",
                std::io::ErrorKind::InvalidInput.into(),
            )
        })
    };
    let (ca, cb) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(Error::io(b, "cannot swap the new output into place", e)),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> Result<bool> {
    Ok(false)
}

/// Writes `files` into the staging folder `dir`. A file whose bytes equal the same
/// path in `previous` (the current output) is hard-linked from it instead, so it keeps
/// its inode and modification time. Returns whether every file was kept that way.
fn write_batch(dir: &Path, files: &[OutputFile], previous: Option<&Path>) -> Result<bool> {
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
    let kept = files
        .par_iter()
        .map(|f| {
            let path = dir.join(&f.path);
            if let Some(old) = previous.map(|p| p.join(&f.path))
                && unchanged(&old, f)
                && fs::hard_link(&old, &path).is_ok()
            {
                return Ok(true);
            }
            match &f.body {
                Body::Copy(src) => fs::copy(src, &path).map(|_| ()),
                Body::Bytes(b) => fs::write(&path, b),
                Body::Static(b) => fs::write(&path, b),
            }
            .map_err(|e| Error::io(&path, "cannot write file", e))?;
            Ok(false)
        })
        .collect::<Result<Vec<bool>>>()?;
    Ok(kept.iter().all(|k| *k))
}

/// The marker that says folio wrote the folder (kept from `previous` when it has it).
fn finish_tree(dir: &Path, previous: Option<&Path>) -> Result<()> {
    let marker = dir.join(MARKER);
    let kept_marker = previous.is_some_and(|p| fs::hard_link(p.join(MARKER), &marker).is_ok());
    if !kept_marker {
        fs::write(
            &marker,
            "This folder was written by folio; `folio build` replaces it as a whole.\n",
        )
        .map_err(|e| Error::io(&marker, "cannot write file", e))?;
    }
    Ok(())
}

/// Whether the regular file at `old` holds exactly `file`'s bytes.
fn unchanged(old: &Path, file: &OutputFile) -> bool {
    let Ok(meta) = fs::symlink_metadata(old) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let same =
        |bytes: &[u8]| meta.len() == bytes.len() as u64 && fs::read(old).is_ok_and(|b| b == bytes);
    match &file.body {
        Body::Bytes(b) => same(b),
        Body::Static(b) => same(b),
        Body::Copy(src) => {
            fs::metadata(src).is_ok_and(|m| m.len() == meta.len())
                && fs::read(src).is_ok_and(|b| same(&b))
        }
    }
}

/// Whether `out` holds exactly the paths of `files` (and folio's marker), no more.
fn same_file_set(out: &Path, paths: &[String]) -> bool {
    // Every entry, hidden ones included (`.nojekyll` is part of the site).
    let mut existing = Vec::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1) {
        let Ok(entry) = entry else { return false };
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(out).expect("under the root");
            let parts: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            existing.push(parts.join("/"));
        }
    }
    let mut old: Vec<&str> = existing
        .iter()
        .map(String::as_str)
        .filter(|rel| *rel != MARKER)
        .collect();
    let mut new: Vec<&str> = paths.iter().map(String::as_str).collect();
    old.sort_unstable();
    new.sort_unstable();
    old == new
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
        let mut disk = Disk::new(out.clone());
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
        let mut disk = Disk::new(out.clone());
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
