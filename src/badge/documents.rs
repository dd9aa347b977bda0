//! Documents verification may need besides the credential: DID documents and status
//! lists. They come from a folder of pre-fetched files (`--documents DIR`, with
//! `DIR/index.tsv` listing `url<TAB>file`), so verification can be reproduced offline.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Location, Result};

/// Upper bound on one fetched document; status lists and DID documents are small.
const MAX_DOCUMENT_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone, Default)]
pub struct Documents {
    by_url: Arc<HashMap<String, PathBuf>>,
}

impl Documents {
    /// Reads `DIR/index.tsv`. A missing or malformed index is an error naming the line.
    pub fn from_dir(dir: &Path) -> Result<Documents> {
        let index = dir.join("index.tsv");
        let text = crate::error::read_text(&index, &index)?;
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
        })
    }

    /// The bytes stored for `url`, or why there are none.
    pub fn get(&self, url: &str) -> std::result::Result<Vec<u8>, String> {
        let Some(path) = self.by_url.get(url) else {
            return Err(format!("{url} is not available offline"));
        };
        let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if meta.len() > MAX_DOCUMENT_BYTES {
            return Err(format!("{url} is larger than {MAX_DOCUMENT_BYTES} bytes"));
        }
        std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
    }
}
