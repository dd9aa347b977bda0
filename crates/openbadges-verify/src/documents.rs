//! Documents verification may need besides the credential: DID documents, status
//! lists, key documents, issuer registries. In order, they come from:
//!
//! 1. documents the caller supplied ([`Supply`]: a map in memory, or with the `fs`
//!    feature a folder of pre-fetched files, `DIR/index.tsv` listing `url<TAB>file`),
//!    so verification can be reproduced offline;
//! 2. the network, when the caller gave a [`Fetch`] (with the `http` feature,
//!    [`crate::net::Https`]: HTTPS only, public addresses only, a short timeout, a size
//!    limit); every fetched document is kept in the [`Cache`] when there is one;
//! 3. that cache, when there is no network or the fetch failed.
//!
//! The core never touches a file or a socket itself: that is what the three traits
//! are for, so the verifier can run where there are neither (WebAssembly in a page,
//! with the page's `fetch` behind [`Fetch`]).
//!
//! A document that cannot be had is an `Err` with the reason; callers turn it into a
//! `skipped` check, never into a pass.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};

/// Plain `http://` is refused except to loopback, and only when this is set: the
/// tests serve documents from 127.0.0.1 without TLS.
pub const LOOPBACK_HTTP_ENV: &str = "FOLIO_ALLOW_LOOPBACK_HTTP";
/// Upper bound on one document; status lists and DID documents are small.
pub const MAX_DOCUMENT_BYTES: u64 = 4 * 1024 * 1024;
/// What verification asks a server for.
pub const ACCEPT_JSON: &str = "application/json, application/did+json, application/ld+json";

/// Documents the caller supplied for this run, by URL.
pub trait Supply: Send + Sync + fmt::Debug {
    /// `None` when this source has no document for `url`; `Some(Err)` when it has one
    /// but cannot give it (unreadable, too large).
    fn supplied(&self, url: &str) -> Option<Result<Vec<u8>, String>>;
}

/// Getting a document from the network.
pub trait Fetch: Send + Sync + fmt::Debug {
    /// The bytes at `url`, asking for `accept`, or why there are none.
    fn fetch(&self, url: &str, accept: &str) -> Result<Vec<u8>, String>;
}

/// Copies of fetched documents, for when the network is off or failing.
pub trait Cache: Send + Sync + fmt::Debug {
    /// The copy of `url` and when it was fetched.
    fn load(&self, url: &str) -> Option<(Vec<u8>, DateTime<Utc>)>;
    /// Keeps `bytes` as the copy of `url`, fetched now. A cache is an optimisation:
    /// failing to keep a copy must not fail verification, so this returns nothing.
    fn keep(&self, url: &str, bytes: &[u8]);
}

impl Supply for HashMap<String, Vec<u8>> {
    fn supplied(&self, url: &str) -> Option<Result<Vec<u8>, String>> {
        self.get(url).map(|b| Ok(b.clone()))
    }
}

/// Where verification gets the documents a credential points to. The default has
/// none: every document is "not available offline".
#[derive(Debug, Clone, Default)]
pub struct Documents {
    supply: Option<Arc<dyn Supply>>,
    fetch: Option<Arc<dyn Fetch>>,
    cache: Option<Arc<dyn Cache>>,
}

impl Documents {
    /// Documents given by URL, in memory.
    pub fn from_map(map: HashMap<String, Vec<u8>>) -> Documents {
        Documents::default().with_supply(Arc::new(map))
    }

    /// Looks documents up in `supply` first.
    pub fn with_supply(mut self, supply: Arc<dyn Supply>) -> Documents {
        self.supply = Some(supply);
        self
    }

    /// Fetches what is not supplied with `fetch`; `None` keeps verification offline.
    pub fn with_fetch(mut self, fetch: Option<Arc<dyn Fetch>>) -> Documents {
        self.fetch = fetch;
        self
    }

    /// Keeps fetched documents in `cache` and falls back to it.
    pub fn with_cache(mut self, cache: Option<Arc<dyn Cache>>) -> Documents {
        self.cache = cache;
        self
    }

    /// The bytes for `url`, or why there are none.
    pub fn get(&self, url: &str) -> Result<Vec<u8>, String> {
        self.get_with_provenance(url).map(|(bytes, _)| bytes)
    }

    /// The bytes for `url` and where they came from, so a caller that needs a fresh
    /// copy (status lists) can refuse an old cached one.
    pub fn get_with_provenance(&self, url: &str) -> Result<(Vec<u8>, Provenance), String> {
        if let Some(found) = self.supply.as_ref().and_then(|s| s.supplied(url)) {
            return found.map(|b| (b, Provenance::Supplied));
        }
        let cached = |why: String| {
            let cache = self.cache.as_ref().ok_or_else(|| why.clone())?;
            let (bytes, fetched) = cache.load(url).ok_or_else(|| why.clone())?;
            Ok((bytes, Provenance::Cached { fetched, why }))
        };
        let Some(fetch) = &self.fetch else {
            return cached(format!("{url} is not available offline"));
        };
        match fetch.fetch(url, ACCEPT_JSON) {
            Ok(bytes) => {
                if let Some(cache) = &self.cache {
                    cache.keep(url, &bytes);
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
    /// Supplied by the caller for this run (`--documents`).
    Supplied,
    /// Fetched from the network just now.
    Fetched,
    /// From the cache, fetched at `fetched`; `why` says why no fresh copy.
    Cached { fetched: DateTime<Utc>, why: String },
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// A network that has one document, and a cache in memory.
    #[derive(Debug, Default)]
    struct Net(Mutex<Vec<String>>);
    impl Fetch for Net {
        fn fetch(&self, url: &str, _: &str) -> Result<Vec<u8>, String> {
            self.0.lock().unwrap().push(url.to_string());
            match url {
                "https://a.example/x" => Ok(b"fresh".to_vec()),
                _ => Err(format!("{url} answered HTTP 404")),
            }
        }
    }
    #[derive(Debug, Default)]
    struct Memory(Mutex<HashMap<String, Vec<u8>>>);
    impl Cache for Memory {
        fn load(&self, url: &str) -> Option<(Vec<u8>, DateTime<Utc>)> {
            let copy = self.0.lock().unwrap().get(url).cloned()?;
            Some((copy, DateTime::UNIX_EPOCH))
        }
        fn keep(&self, url: &str, bytes: &[u8]) {
            self.0.lock().unwrap().insert(url.into(), bytes.to_vec());
        }
    }

    #[test]
    fn supplied_then_fetched_then_cached() {
        let net = Arc::new(Net::default());
        let cache = Arc::new(Memory::default());
        let map = HashMap::from([("https://a.example/s".to_string(), b"given".to_vec())]);
        let docs = Documents::from_map(map)
            .with_fetch(Some(net.clone()))
            .with_cache(Some(cache.clone()));
        assert_eq!(
            docs.get_with_provenance("https://a.example/s").unwrap(),
            (b"given".to_vec(), Provenance::Supplied)
        );
        assert_eq!(
            docs.get_with_provenance("https://a.example/x").unwrap(),
            (b"fresh".to_vec(), Provenance::Fetched)
        );
        // A supplied document is never fetched.
        assert_eq!(*net.0.lock().unwrap(), ["https://a.example/x"]);
        let offline = Documents::default().with_cache(Some(cache));
        let (bytes, from) = offline.get_with_provenance("https://a.example/x").unwrap();
        assert_eq!(bytes, b"fresh");
        assert!(matches!(from, Provenance::Cached { why, .. } if why.contains("offline")));
        assert!(docs.get("https://a.example/y").unwrap_err().contains("404"));
        assert!(
            Documents::default()
                .get("https://a.example/x")
                .unwrap_err()
                .contains("not available offline")
        );
    }
}
