//! `folio.lock`: what each theme and pathway source resolved to, written by folio and
//! meant to be committed. Builds never move an entry; they only add missing ones.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};

pub const LOCK_FILE: &str = "folio.lock";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    pub version: u32,
    #[serde(default)]
    pub sources: Vec<Entry>,
    /// Issuer-registry trust anchors (OpenID Federation) and the key set each was
    /// first seen with; `folio trust update` moves a pin, builds never do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anchors: Vec<AnchorPin>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnchorPin {
    /// The trust anchor's entity configuration URL.
    pub url: String,
    /// `sha256:` of its `jwks.keys` (JCS).
    pub keys: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// `git+https://…` or the archive's URL.
    pub source: String,
    /// What folio.yaml asks for: `tag=v1.2.0`, `branch=main`, `rev=…`, `archive`.
    pub requested: String,
    /// The commit a git source resolved to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// The `h1:` content hash of the tree (see `dirhash.rs`).
    pub hash: String,
}

const HEADER: &str = "# folio.lock: the exact themes, pathways and registry keys this portfolio builds with.\n\
# Written by folio; commit it. `folio theme update` moves an entry; builds never do.\n";

impl Lock {
    /// The lock in `root`, or an empty one when there is none yet.
    pub fn read(root: &Path) -> Result<Lock> {
        let path = root.join(LOCK_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Lock {
                    version: 1,
                    ..Lock::default()
                });
            }
            Err(e) => return Err(Error::io(&path, "cannot read file", e)),
        };
        Lock::parse(&text)
    }

    /// A lock file's text, checked.
    pub fn parse(text: &str) -> Result<Lock> {
        let lock: Lock = serde_yaml::from_str(text).map_err(|e| {
            let (loc, msg) = crate::util::yaml::yaml_error_parts(Path::new(LOCK_FILE), &e, 0);
            Error::Config {
                loc,
                msg,
                hint: Some("folio.lock is written by folio: restore it from git, or delete it to resolve every source again".into()),
            }
        })?;
        if lock.version != 1 {
            return Err(Error::Config {
                loc: Location::file(LOCK_FILE),
                msg: format!("folio.lock version {} is not supported", lock.version),
                hint: Some("this folio writes version 1".into()),
            });
        }
        Ok(lock)
    }

    pub fn write(&self, root: &Path) -> Result<()> {
        let path = root.join(LOCK_FILE);
        let body = serde_yaml::to_string(self).expect("the lock always serialises");
        let tmp = root.join(format!(".{LOCK_FILE}.tmp"));
        std::fs::write(&tmp, format!("{HEADER}{body}"))
            .map_err(|e| Error::io(&tmp, "cannot write file", e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, "cannot write file", e))
    }

    pub fn find(&self, source: &str, requested: &str) -> Option<&Entry> {
        self.sources
            .iter()
            .find(|e| e.source == source && e.requested == requested)
    }

    /// Adds `entry`, replacing one for the same source and request.
    pub fn put(&mut self, entry: Entry) {
        self.sources
            .retain(|e| !(e.source == entry.source && e.requested == entry.requested));
        self.sources.push(entry);
        self.sources
            .sort_by(|a, b| (&a.source, &a.requested).cmp(&(&b.source, &b.requested)));
    }
}
