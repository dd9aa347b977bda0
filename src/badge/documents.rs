//! Documents verification may need besides the credential: DID documents, status
//! lists, key documents. In order, they come from:
//!
//! 1. a folder of pre-fetched files (`--documents DIR`, `DIR/index.tsv` listing
//!    `url<TAB>file`), so verification can be reproduced offline;
//! 2. the network, when allowed: HTTPS only, a short timeout, a size limit; every
//!    fetched document is cached in `.folio/cache/` with its fetch time;
//! 3. that cache, when the network is off or the fetch failed.
//!
//! A document that cannot be had is an `Err` with the reason; callers turn it into a
//! `skipped` check, never into a pass.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::error::{Error, Location, Result};

/// Upper bound on one document; status lists and DID documents are small.
const MAX_DOCUMENT_BYTES: u64 = 4 * 1024 * 1024;
/// How long one fetch may take in all.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
/// Plain `http://` is refused except to loopback, and only when this is set: the
/// tests serve documents from 127.0.0.1 without TLS.
pub use crate::net::LOOPBACK_HTTP_ENV;

#[derive(Debug, Clone, Default)]
pub struct Documents {
    by_url: Arc<HashMap<String, PathBuf>>,
    /// `.folio/cache` of the portfolio, when there is one.
    cache: Option<PathBuf>,
    network: bool,
}

impl Documents {
    /// Reads `DIR/index.tsv`. A missing or malformed index is an error naming the line.
    pub fn from_dir(dir: &Path) -> Result<Documents> {
        let index = dir.join("index.tsv");
        let text = crate::util::fs::read_text(&index, &index)?;
        let mut by_url = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i as u32 + 1;
            if line.trim().is_empty()
                || line.starts_with('#')
                || (i == 0 && line.starts_with("url\t"))
            {
                continue;
            }
            let Some((url, file)) = line.split_once('\t') else {
                return Err(Error::content(
                    Location::line(&index, line_no),
                    "expected `url<TAB>file`",
                ));
            };
            let path = dir.join(file.trim());
            if !path.starts_with(dir) || file.contains("..") {
                return Err(Error::content(
                    Location::line(&index, line_no),
                    format!("`{file}` is outside the documents folder"),
                ));
            }
            by_url.insert(url.trim().to_string(), path);
        }
        Ok(Documents {
            by_url: Arc::new(by_url),
            ..Documents::default()
        })
    }

    /// The documents of `--documents DIR` when given, else none.
    pub fn from_option(dir: Option<&Path>) -> Result<Documents> {
        dir.map_or_else(|| Ok(Documents::default()), Documents::from_dir)
    }

    /// Also fetch over the network (when `network`) and keep a cache in `cache_dir`.
    pub fn with_network(mut self, network: bool, cache_dir: Option<PathBuf>) -> Documents {
        self.network = network;
        self.cache = cache_dir;
        self
    }

    /// The bytes for `url`, or why there are none.
    pub fn get(&self, url: &str) -> std::result::Result<Vec<u8>, String> {
        self.get_with_provenance(url).map(|(bytes, _)| bytes)
    }

    /// The bytes for `url` and where they came from, so a caller that needs a fresh
    /// copy (status lists) can refuse an old cached one.
    pub fn get_with_provenance(
        &self,
        url: &str,
    ) -> std::result::Result<(Vec<u8>, Provenance), String> {
        if let Some(path) = self.by_url.get(url) {
            return read_limited(path).map(|b| (b, Provenance::Supplied));
        }
        let cached = |why: String| {
            let dir = self.cache.as_ref().ok_or_else(|| why.clone())?;
            let (bytes, fetched) = read_cached(dir, url).ok_or_else(|| why.clone())?;
            Ok((bytes, Provenance::Cached { fetched, why }))
        };
        if !self.network {
            return cached(format!("{url} is not available offline"));
        }
        match fetch(url) {
            Ok(bytes) => {
                if let Some(dir) = &self.cache {
                    store_cached(dir, url, &bytes);
                }
                Ok((bytes, Provenance::Fetched))
            }
            Err(why) => cached(why),
        }
    }
}

/// Where a document's bytes came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// From `--documents`: the user supplied it for this run.
    Supplied,
    /// Fetched from the network just now.
    Fetched,
    /// From `.folio/cache/`, fetched at `fetched`; `why` says why no fresh copy.
    Cached {
        fetched: chrono::DateTime<chrono::Utc>,
        why: String,
    },
}

fn read_limited(path: &Path) -> std::result::Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "{} is larger than {MAX_DOCUMENT_BYTES} bytes",
            path.display()
        ));
    }
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// GETs `url` over HTTPS (or loopback HTTP in tests) within the time and size limits.
pub(crate) fn fetch(url: &str) -> std::result::Result<Vec<u8>, String> {
    fetch_as(
        url,
        "application/json, application/did+json, application/ld+json",
    )
}

/// `fetch`, asking for `accept` (a badge page may be HTML or an image).
pub(crate) fn fetch_as(url: &str, accept: &str) -> std::result::Result<Vec<u8>, String> {
    let allowed = url.starts_with("https://")
        || (url.starts_with("http://")
            && crate::util::url::is_loopback_host(crate::util::url::host(url))
            && std::env::var_os(LOOPBACK_HTTP_ENV).is_some());
    if !allowed {
        return Err(format!("{url}: only https:// documents are fetched"));
    }
    let agent = crate::net::agent(
        FETCH_TIMEOUT,
        concat!("folio/", env!("CARGO_PKG_VERSION")),
        3,
    );
    let response = agent
        .get(url)
        .set("Accept", accept)
        .call()
        .map_err(|e| match e {
            ureq::Error::Status(code, _) => format!("{url} answered HTTP {code}"),
            ureq::Error::Transport(t) => format!(
                "{url} could not be fetched: {}",
                crate::net::transport_error(&t)
            ),
        })?;
    crate::util::bounded::read_at_most(response.into_reader(), MAX_DOCUMENT_BYTES)
        .map_err(|e| format!("{url} could not be read: {e}"))?
        .ok_or_else(|| format!("{url} is larger than {MAX_DOCUMENT_BYTES} bytes"))
}

fn cache_key(url: &str) -> String {
    super::hex(&Sha256::digest(url.as_bytes()))
}

/// A cached document: the body, and when it was fetched (from the `.meta` file
/// beside it, which also names the URL).
fn read_cached(dir: &Path, url: &str) -> Option<(Vec<u8>, chrono::DateTime<chrono::Utc>)> {
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
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t.trim()).ok())?
        .with_timezone(&chrono::Utc);
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
    let meta = format!("{url}\nfetched {}\n", chrono::Utc::now().to_rfc3339());
    let _ = std::fs::write(dir.join(format!("{key}.body")), bytes)
        .and_then(|()| std::fs::write(dir.join(format!("{key}.meta")), meta));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_detection() {
        assert!(crate::util::url::is_loopback_host(crate::util::url::host(
            "http://127.0.0.1:8080/x"
        )));
        assert!(crate::util::url::is_loopback_host(crate::util::url::host(
            "http://localhost/x"
        )));
        assert!(!crate::util::url::is_loopback_host(crate::util::url::host(
            "http://127.0.0.1.evil.example/x"
        )));
        assert!(!crate::util::url::is_loopback_host(crate::util::url::host(
            "http://example.org/"
        )));
    }

    #[test]
    fn plain_http_is_refused() {
        assert!(
            fetch("http://example.org/did.json")
                .unwrap_err()
                .contains("only https")
        );
        assert!(
            fetch("file:///etc/passwd")
                .unwrap_err()
                .contains("only https")
        );
    }

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
}
