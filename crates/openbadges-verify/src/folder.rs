//! The filesystem side of [`Documents`] (feature `fs`): a folder of pre-fetched
//! documents (`--documents DIR`) and a cache folder of fetched ones with their fetch
//! times. Nothing else in the verifier reads a file.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::documents::{Cache, Documents, MAX_DOCUMENT_BYTES, Supply};

/// A documents folder whose `index.tsv` cannot be used; prints as `path:line: message`.
#[derive(Debug)]
pub struct IndexError {
    pub path: PathBuf,
    pub line: Option<u32>,
    pub message: String,
    pub problem: IndexProblem,
}

/// What is wrong with the index, for callers that say how to fix it.
#[derive(Debug)]
pub enum IndexProblem {
    /// It could not be read at all.
    Unreadable(std::io::Error),
    /// It is not UTF-8 text (`line` is the first line that is not).
    NotUtf8,
    /// A line is not `url<TAB>file`, or names a file outside the folder.
    BadLine,
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for IndexError {}

/// `DIR/index.tsv` (`url<TAB>file` per line) and the files it names, read when asked.
#[derive(Debug, Clone, Default)]
pub struct Folder {
    by_url: HashMap<String, PathBuf>,
}

impl Folder {
    /// Reads `DIR/index.tsv`. A missing or malformed index is an error naming the line.
    pub fn open(dir: &Path) -> Result<Folder, IndexError> {
        let index = dir.join("index.tsv");
        let error = |line: Option<u32>, message: String, problem| IndexError {
            path: index.clone(),
            line,
            message,
            problem,
        };
        let bytes = std::fs::read(&index).map_err(|e| {
            let message = format!("cannot read file: {e}");
            error(None, message, IndexProblem::Unreadable(e))
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32
                + 1;
            let message = format!("file is not valid UTF-8 (byte {valid})");
            error(Some(line), message, IndexProblem::NotUtf8)
        })?;
        let mut by_url = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = Some(i as u32 + 1);
            if line.trim().is_empty()
                || line.starts_with('#')
                || (i == 0 && line.starts_with("url\t"))
            {
                continue;
            }
            let Some((url, file)) = line.split_once('\t') else {
                return Err(error(
                    line_no,
                    "expected `url<TAB>file`".into(),
                    IndexProblem::BadLine,
                ));
            };
            let path = dir.join(file.trim());
            if !path.starts_with(dir) || file.contains("..") {
                return Err(error(
                    line_no,
                    format!("`{file}` is outside the documents folder"),
                    IndexProblem::BadLine,
                ));
            }
            by_url.insert(url.trim().to_string(), path);
        }
        Ok(Folder { by_url })
    }
}

impl Supply for Folder {
    fn supplied(&self, url: &str) -> Option<Result<Vec<u8>, String>> {
        self.by_url.get(url).map(|path| read_limited(path))
    }
}

/// A cache folder (`.folio/cache/` of a portfolio): `HASH.body` holds the document,
/// `HASH.meta` its URL and fetch time.
#[derive(Debug, Clone)]
pub struct CacheDir(pub PathBuf);

impl Cache for CacheDir {
    fn load(&self, url: &str) -> Option<(Vec<u8>, DateTime<Utc>)> {
        read_cached(&self.0, url)
    }

    fn keep(&self, url: &str, bytes: &[u8]) {
        store_cached(&self.0, url, bytes);
    }
}

impl Documents {
    /// The documents of `--documents DIR`.
    pub fn from_dir(dir: &Path) -> Result<Documents, IndexError> {
        Ok(Documents::default().with_supply(Arc::new(Folder::open(dir)?)))
    }

    /// The documents of `--documents DIR` when given, else none.
    pub fn from_option(dir: Option<&Path>) -> Result<Documents, IndexError> {
        dir.map_or_else(|| Ok(Documents::default()), Documents::from_dir)
    }

    /// Also fetch over the network (when `network`, with the `http` feature) and keep
    /// a cache in `cache_dir`.
    pub fn with_network(self, network: bool, cache_dir: Option<PathBuf>) -> Documents {
        #[cfg(feature = "http")]
        let fetch =
            network.then(|| Arc::new(crate::net::Https) as Arc<dyn crate::documents::Fetch>);
        #[cfg(not(feature = "http"))]
        let fetch = {
            let _ = network;
            None
        };
        self.with_fetch(fetch)
            .with_cache(cache_dir.map(|d| Arc::new(CacheDir(d)) as Arc<dyn Cache>))
    }
}

fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "{} is larger than {MAX_DOCUMENT_BYTES} bytes",
            path.display()
        ));
    }
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn cache_key(url: &str) -> String {
    crate::hex(&Sha256::digest(url.as_bytes()))
}

/// A cached document: the body, and when it was fetched (from the `.meta` file
/// beside it, which also names the URL).
fn read_cached(dir: &Path, url: &str) -> Option<(Vec<u8>, DateTime<Utc>)> {
    let key = cache_key(url);
    let meta = std::fs::read_to_string(dir.join(format!("{key}.meta"))).ok()?;
    let mut lines = meta.lines();
    // Guard against a hash collision or a hand-edited cache.
    if lines.next()? != url {
        return None;
    }
    let fetched = lines
        .next()
        .and_then(|l| l.strip_prefix("fetched "))
        .and_then(|t| DateTime::parse_from_rfc3339(t.trim()).ok())?
        .with_timezone(&Utc);
    let body = read_limited(&dir.join(format!("{key}.body"))).ok()?;
    Some((body, fetched))
}

/// Stores `bytes` as the cached copy of `url` (also used to seed a cache, as
/// `folio theme check` does for its test portfolio).
pub fn store_cached(dir: &Path, url: &str, bytes: &[u8]) {
    // The cache is an optimisation: failing to write it must not fail verification.
    let key = cache_key(url);
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let meta = format!("{url}\nfetched {}\n", Utc::now().to_rfc3339());
    let _ = std::fs::write(dir.join(format!("{key}.body")), bytes)
        .and_then(|()| std::fs::write(dir.join(format!("{key}.meta")), meta));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_roundtrip() {
        let dir = tempfile::tempdir().unwrap();
        store_cached(dir.path(), "https://a.example/x", b"hello");
        assert_eq!(
            read_cached(dir.path(), "https://a.example/x").unwrap().0,
            b"hello"
        );
        assert!(read_cached(dir.path(), "https://a.example/y").is_none());
        let offline = Documents::default().with_network(false, Some(dir.path().to_path_buf()));
        assert_eq!(offline.get("https://a.example/x").unwrap(), b"hello");
        assert!(
            offline
                .get("https://a.example/y")
                .unwrap_err()
                .contains("offline")
        );
    }

    #[test]
    fn index_errors_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.tsv"), "url\tfile\nno-tab-here\n").unwrap();
        let err = Folder::open(dir.path()).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(matches!(err.problem, IndexProblem::BadLine));
        assert!(
            err.to_string()
                .ends_with("index.tsv:2: expected `url<TAB>file`"),
            "{err}"
        );
        std::fs::write(
            dir.path().join("index.tsv"),
            "https://a.example/x\t../escape.json\n",
        )
        .unwrap();
        let err = Folder::open(dir.path()).unwrap_err();
        assert!(
            err.message.contains("outside the documents folder"),
            "{err}"
        );
        assert!(matches!(err.problem, IndexProblem::BadLine));
        std::fs::write(dir.path().join("index.tsv"), b"url\tfile\n\xff\n").unwrap();
        let err = Folder::open(dir.path()).unwrap_err();
        assert!(matches!(err.problem, IndexProblem::NotUtf8), "{err}");
        assert_eq!(err.line, Some(2));
        let err = Folder::open(&dir.path().join("missing")).unwrap_err();
        assert!(matches!(err.problem, IndexProblem::Unreadable(_)), "{err}");
    }
}
