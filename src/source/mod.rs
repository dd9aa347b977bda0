//! Themes and pathways from elsewhere: a git repository (through the system `git`) or
//! an archive (over HTTP), pinned in `folio.lock` by commit and content hash, kept in
//! a cache outside the repository and re-checked against the lock on every use, or
//! vendored into the repository (`folio vendor`) for fully offline builds.
//!
//! - `lock.rs`: the lock file. `dirhash.rs`: the content hash (the same for a tree from
//!   git or from an archive). `git.rs` and `archive.rs`: fetching and safe unpacking.
//!
//! A theme is templates and static files: nothing from a source runs at build time.

pub mod archive;
pub mod dirhash;
pub mod git;
pub mod lock;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use git::Want;
pub use lock::{Entry, LOCK_FILE, Lock};

/// Where vendored copies live, inside the portfolio.
pub const VENDOR_DIR: &str = "themes/_vendor";

/// A source as folio.yaml writes it (`theme:` or a `pathways:` entry).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    #[serde(default)]
    pub git: Option<String>,
    #[serde(default)]
    pub tag: Option<String>,
    #[serde(default)]
    pub rev: Option<String>,
    #[serde(default)]
    pub branch: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// A folder (theme) or file (pathway) inside the source; default its root.
    #[serde(default)]
    pub path: Option<String>,
}

/// A source, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Git { url: String, want: Want },
    Archive { url: String },
}

impl Spec {
    /// The source it names, or what is wrong with it.
    pub fn source(&self) -> std::result::Result<Source, String> {
        let wants: Vec<Want> = [
            self.tag.clone().map(Want::Tag),
            self.branch.clone().map(Want::Branch),
            self.rev.clone().map(Want::Rev),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let Some(path) = &self.path
            && !Path::new(path)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            return Err(format!(
                "`path: {path}` must be a relative path inside the source"
            ));
        }
        for (field, value) in [
            ("tag", &self.tag),
            ("branch", &self.branch),
            ("rev", &self.rev),
        ] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(format!("`{field}` is empty"));
            }
        }
        // A rev is a commit id: anything else (a name, an option) is refused, so it
        // cannot fetch a moving branch or reach git as an argument.
        if let Some(rev) = &self.rev
            && !(rev.len() >= 7 && rev.len() <= 64 && rev.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            return Err(format!(
                "`rev: {rev}` is not a commit id (7 to 64 hexadecimal digits); use `tag` or `branch` for names"
            ));
        }
        match (&self.git, &self.url) {
            (Some(url), None) => match wants.as_slice() {
                [want] => Ok(Source::Git {
                    url: url.clone(),
                    want: want.clone(),
                }),
                [] => Err("a git source names a `tag`, `branch` or `rev`".into()),
                _ => Err("a git source names one of `tag`, `branch` and `rev`".into()),
            },
            (None, Some(url)) if wants.is_empty() => Ok(Source::Archive { url: url.clone() }),
            (None, Some(_)) => Err("an archive (`url`) has no tag, branch or rev".into()),
            (Some(_), Some(_)) => Err("a source is either `git` or `url`, not both".into()),
            (None, None) => Err("a source names `git: URL` or `url: URL`".into()),
        }
    }
}

impl Source {
    /// How folio.lock names it.
    pub fn key(&self) -> String {
        match self {
            Source::Git { url, .. } => format!("git+{url}"),
            Source::Archive { url } => url.clone(),
        }
    }

    pub fn requested(&self) -> String {
        match self {
            Source::Git { want, .. } => want.requested(),
            Source::Archive { .. } => "archive".into(),
        }
    }

    /// A short name for folders and messages: the repository's or archive's name.
    pub fn name(&self) -> String {
        let url = match self {
            Source::Git { url, .. } | Source::Archive { url } => url,
        };
        let last = url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("source");
        let name = last
            .trim_end_matches(".git")
            .trim_end_matches(".tar.gz")
            .trim_end_matches(".tgz")
            .trim_end_matches(".tar");
        let clean: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if clean.is_empty() {
            "source".into()
        } else {
            clean
        }
    }
}

/// How a build may get sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Resolve what the lock lacks and write it (like Cargo).
    Resolve,
    /// Refuse a source the lock lacks (`--locked`, for CI).
    Locked,
    /// Never touch the network (`--offline`).
    Offline,
}

/// The cache folder: `$FOLIO_CACHE_DIR`, else the user's cache folder.
pub fn cache_root() -> PathBuf {
    if let Some(dir) = std::env::var_os("FOLIO_CACHE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("folio");
    }
    match std::env::var_os("HOME") {
        Some(home) if cfg!(target_os = "macos") => PathBuf::from(home).join("Library/Caches/folio"),
        Some(home) => PathBuf::from(home).join(".cache/folio"),
        None => std::env::temp_dir().join("folio-cache"),
    }
}

fn cached_tree(entry: &Entry) -> PathBuf {
    cache_root()
        .join("sources")
        .join(dirhash::folder_name(&entry.hash))
}

/// The vendored copy of `source` locked as `entry`, inside the portfolio.
pub fn vendored_tree(root: &Path, source: &Source, entry: &Entry) -> PathBuf {
    let short = &dirhash::folder_name(&entry.hash)[..12];
    root.join(VENDOR_DIR)
        .join(format!("{}-{short}", source.name()))
}

/// The local folder holding each source's tree, in order: from a vendored copy, the
/// cache, or the network (per `mode`), always checked against folio.lock; entries the
/// lock lacks are resolved and written (in [`Mode::Resolve`]).
pub fn resolve(root: &Path, sources: &[Source], mode: Mode) -> Result<Vec<PathBuf>> {
    if sources.is_empty() {
        return Ok(Vec::new());
    }
    let mut lock = Lock::read(root)?;
    let mut added = false;
    let mut dirs = Vec::new();
    for source in sources {
        let dir = match lock.find(&source.key(), &source.requested()) {
            Some(entry) => materialise(root, source, entry, mode)?,
            None => match mode {
                Mode::Locked => {
                    return Err(Error::Config {
                        loc: Location::file(LOCK_FILE),
                        msg: format!(
                            "folio.lock has no entry for {} ({}), and --locked forbids adding one",
                            source.key(),
                            source.requested()
                        ),
                        hint: Some(
                            "run `folio build` without --locked, then commit folio.lock".into(),
                        ),
                    });
                }
                Mode::Offline => {
                    return Err(Error::usage(format!(
                        "{} ({}) is not in folio.lock, and --offline forbids fetching it",
                        source.key(),
                        source.requested()
                    ))
                    .with_hint("build once without --offline to fetch and lock it"));
                }
                Mode::Resolve => {
                    let (entry, dir) = fetch_new(source)?;
                    lock.put(entry);
                    added = true;
                    dir
                }
            },
        };
        dirs.push(dir);
    }
    if added {
        lock.write(root)?;
    }
    Ok(dirs)
}

/// The tree for a locked entry: vendored, else cached, else fetched (unless offline);
/// whichever it is must hash to what the lock says.
pub fn materialise(root: &Path, source: &Source, entry: &Entry, mode: Mode) -> Result<PathBuf> {
    let vendored = vendored_tree(root, source, entry);
    if vendored.is_dir() {
        return checked(
            &vendored,
            entry,
            "the vendored copy",
            "run `folio vendor` again",
        );
    }
    let cached = cached_tree(entry);
    if cached.is_dir() {
        return checked(
            &cached,
            entry,
            "the cached copy",
            "delete that folder and build again to fetch it afresh",
        );
    }
    if mode == Mode::Offline {
        return Err(Error::usage(format!(
            "{} ({}) is not in the cache ({}), and --offline forbids fetching it",
            source.key(),
            source.requested(),
            cache_root().display()
        ))
        .with_hint(
            "build once online to fill the cache, or run `folio vendor` and commit themes/_vendor/",
        ));
    }
    let (fetched, dir) = fetch(source, entry.commit.as_deref())?;
    if fetched.hash != entry.hash {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(Error::usage(format!(
            "{} ({}) changed since folio.lock was written: its files now hash to {}, the lock says {}",
            source.key(),
            source.requested(),
            fetched.hash,
            entry.hash
        ))
        .with_hint("if the change is expected, `folio theme update` re-resolves it; otherwise ask its publisher"));
    }
    Ok(dir)
}

fn checked(dir: &Path, entry: &Entry, what: &str, fix: &str) -> Result<PathBuf> {
    let hash = dirhash::hash_dir(dir)?;
    if hash != entry.hash {
        return Err(Error::usage(format!(
            "{what} of {} at {} does not match folio.lock (its files hash to {hash}, the lock says {}): it was changed after it was fetched",
            entry.source,
            dir.display(),
            entry.hash
        ))
        .with_hint(fix.to_string()));
    }
    Ok(dir.to_path_buf())
}

/// Resolves a source the lock lacks: its commit (git) and its tree's hash.
pub fn fetch_new(source: &Source) -> Result<(Entry, PathBuf)> {
    let commit = match source {
        Source::Git { url, want } => Some(git::resolve(url, want)?),
        Source::Archive { .. } => None,
    };
    fetch(source, commit.as_deref())
}

/// Fetches `source` (at `commit` for git) into the cache; its entry and folder.
pub(crate) fn fetch(source: &Source, commit: Option<&str>) -> Result<(Entry, PathBuf)> {
    let sources = cache_root().join("sources");
    std::fs::create_dir_all(&sources)
        .map_err(|e| Error::io(&sources, "cannot create folder", e))?;
    let scratch = tempdir_in(&sources)?;
    let result = (|| {
        let what = format!("{} ({})", source.key(), source.requested());
        let tar = match (source, commit) {
            (Source::Git { url, .. }, Some(commit)) => git::export(url, commit, &scratch.0)?,
            (Source::Archive { url }, _) => archive::download(url)?,
            (Source::Git { .. }, None) => {
                unreachable!("a git source is resolved to a commit first")
            }
        };
        let tree = scratch.0.join("tree");
        archive::unpack(&tar, &tree, &what)?;
        let hash = dirhash::hash_dir(&tree)?;
        let entry = Entry {
            source: source.key(),
            requested: source.requested(),
            commit: commit.map(str::to_string),
            hash,
        };
        let dest = cached_tree(&entry);
        // A folder already there (another build's, or one changed on disk since) is
        // used only if it still holds exactly these files; else the fresh copy
        // replaces it. The cache is outside the repository: anything may edit it.
        let intact = dest.is_dir() && dirhash::hash_dir(&dest).is_ok_and(|h| h == entry.hash);
        if !intact {
            let _ = std::fs::remove_dir_all(&dest);
            std::fs::rename(&tree, &dest)
                .map_err(|e| Error::io(&dest, "cannot store the fetched copy", e))?;
        }
        Ok((entry, dest))
    })();
    drop(scratch);
    result
}

/// A scratch folder removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tempdir_in(dir: &Path) -> Result<Scratch> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let path = dir.join(format!(".fetch-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, "cannot create folder", e))?;
    Ok(Scratch(path))
}

/// Copies every locked source (fetching what the cache lacks) into the portfolio's
/// `themes/_vendor/`; returns the folders written.
pub fn vendor(root: &Path, sources: &[Source], mode: Mode) -> Result<Vec<PathBuf>> {
    let lock = Lock::read(root)?;
    let mut written = Vec::new();
    for source in sources {
        let Some(entry) = lock.find(&source.key(), &source.requested()) else {
            return Err(
                Error::usage(format!("{} is not in folio.lock yet", source.key()))
                    .with_hint("run `folio build` first"),
            );
        };
        let from = materialise(root, source, entry, mode)?;
        let to = vendored_tree(root, source, entry);
        if from == to {
            continue;
        }
        copy_tree(&from, &to)?;
        written.push(to);
    }
    Ok(written)
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(from).follow_links(false) {
        let entry = entry.map_err(|e| Error::io(from, "cannot read folder", e.into()))?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)
                .map_err(|e| Error::io(&target, "cannot create folder", e))?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target)
                .map_err(|e| Error::io(&target, "cannot write file", e))?;
        }
    }
    Ok(())
}
